"""A text generator's output published unread (F5): the generator's answer printed where the article
should be (a refusal, a request for the source text, an analysis of an empty input, a reasoning trace:
21 of 28 real F5 pages open with one, docs/farm-realism.md), its plan in unrendered Markdown
("1. **Draft the lead:**"), a script's ctime stamp glued to the body by a colon; and the rarer
placeholders ("(needs verification)", "[insert quote]"), chat replies ("As an AI language model"),
outline headings of a draft ("Introduction:", "Conclusion:"), dates no calendar has ("September 31").

The answer is looked for only in the opening lines of the body and unquoted: news reports about AI
quote such answers inside quotation marks, mid-article.
"""

NAME = "generated"
FAMILIES = ("F5",)
SCAFFOLD_MIN_HEADINGS = 2


MARKDOWN_BOLD_MIN = 2


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["gen_placeholders"] or v["gen_scaffold"] >= SCAFFOLD_MIN_HEADINGS or v["date_impossible"]
                or v["gen_answer"] or v["ctime_opening"] or v["markdown_bold"] >= MARKDOWN_BOLD_MIN)
