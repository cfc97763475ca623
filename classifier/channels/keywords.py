"""A doorway page's related-search list (F10, F6): links that vary the page's own keyword.

A variant is a link text of three to six words, all lower case, sharing a word with the page's
keyword (its title, headline and first 30 words). On the real legitimate pages of the training sets
(6,140 renderings) four of them tripped 25 (0.41 %: wiki tables of contents, docs sidebars,
real-estate listings), six 13 (0.21 %), seven 11 (0.18 %), eight 6 (0.10 %) but lose a third more
of the simulated doorway pages. Seven it is; the trip rate is re-measured in the card.
"""

NAME = "keywords"
FAMILIES = ("F10", "F6")
KEYWORD_VARIANTS_MIN = 7
KEYWORD_OPENING_WORDS = 30  # a keyword shell's one line; an article's lede


def trips(v: dict[str, float], main: str) -> bool:
    return v["keyword_variants"] >= KEYWORD_VARIANTS_MIN
