"""A doorway page's related-search list (F10, F6): links that vary the page's own keyword.

A variant is a link text of three to six words, all lower case, sharing a word with the page's
keyword (its title, headline and first 30 words). On the real legitimate pages of the training sets
(6,140 renderings) four of them tripped 25 (0.41 %: wiki tables of contents, docs sidebars,
real-estate listings), six 13 (0.21 %). Seven tripped 8 of 2,851 HTML pages in the card's
measurement (0.28 %: ArchWiki's contents, a shop's gift list); eight trip 5 (0.18 %). No real
keyword page of the realism study carried such a list (0 of 38), so the cost to recall is small.
"""

NAME = "keywords"
FAMILIES = ("F10", "F6")
# Of the 2,851 real legitimate pages of the training sets it trips 5, 1, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without): more than one page somewhere, so it is weighed by the model, not decisive alone.
DECISIVE = False
KEYWORD_VARIANTS_MIN = 8
KEYWORD_OPENING_WORDS = 30  # a keyword shell's one line; an article's lede


def trips(v: dict[str, float], main: str) -> bool:
    return v["keyword_variants"] >= KEYWORD_VARIANTS_MIN
