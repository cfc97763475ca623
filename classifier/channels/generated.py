"""A text generator's output published unread (F5): placeholders ("(needs verification)", "[insert
quote]"), chat replies ("As an AI language model"), outline headings of a draft ("Introduction:",
"Conclusion:"), dates no calendar has ("September 31").
"""

NAME = "generated"
FAMILIES = ("F5",)
SCAFFOLD_MIN_HEADINGS = 2


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["gen_placeholders"] or v["gen_scaffold"] >= SCAFFOLD_MIN_HEADINGS or v["date_impossible"])
