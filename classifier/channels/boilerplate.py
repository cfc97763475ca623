"""Stock sentences of SEO templates and generated filler, several on one page (F6, F5)."""

NAME = "boilerplate"
FAMILIES = ("F6", "F5")
# Of the 2,851 real legitimate pages of the training sets it trips 1, 1, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without), and marketing copy writes the same stock phrases (a software maker's guide of the training
# sets does): weighed by the model, not decisive alone.
DECISIVE = False
BOILERPLATE_MIN_PHRASES = 3


def trips(v: dict[str, float], main: str) -> bool:
    return v["boilerplate_phrases"] >= BOILERPLATE_MIN_PHRASES
