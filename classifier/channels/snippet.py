"""Search-result snippets with search-UI leftovers ("Digest more", "<Outlet> on MSN", " ..." cuts): F2.

A page of snippets cut with "..." alone is an outlet's own teaser list; it takes the search UI's
leftovers as well. No real legitimate rendering of the corpus trips it.
"""

NAME = "snippet"
FAMILIES = ("F2",)
# Of the 2,851 real legitimate pages of the training sets it trips 0, 0, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True


def trips(v: dict[str, float], main: str) -> bool:
    return bool((v["ellipsis_frac"] > 0.2 and v["ellipsis_lines"] >= 3 and v["search_ui"] >= 1)
                or (v["search_ui"] >= 3 and v["ellipsis_lines"] >= 3 and v["url_search"]))
