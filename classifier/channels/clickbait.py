"""Celebrity clickbait (F9): a bait headline ("breaks her silence", "fans in tears") over an article
that does not contain its words, a title with a minutes-ago lead-in ("5 MIN AGO:") or a "See more"
tail (docs/farm-realism.md: 3 and 4 of 15 real F9 pages), or an article cut into pages for ad views
("Continue reading on the next page"). Bait words alone are not enough: 16 of 18 legitimate
celebrity pages use them; an ALL-CAPS lead-in ("VERY SAD NEWS:") tripped 6 of 2,851 real pages
(a national park, a charity, a city grant programme) and is a feature only.

Plain pagination ("Next page", "Page 1 of 3", "Scroll down for more") is what shops, forums and
search pages print: it tripped 27 of 7,132 real renderings (0.38 %) and no longer counts.
"""

NAME = "clickbait"
FAMILIES = ("F9",)
# Of the 2,851 real legitimate pages of the training sets it trips 0, 0, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True
CLICKBAIT_MAX_SUPPORT = 0.34  # share of the headline's words that the article contains


def headline(v: dict[str, float]) -> bool:
    """A clickbait headline that the article does not back."""
    return bool(v["title_clickbait"] and v["title_support"] < CLICKBAIT_MAX_SUPPORT)


def trips(v: dict[str, float], main: str) -> bool:
    return headline(v) or v["page_bait"] >= 1 or bool(v["title_bait"])
