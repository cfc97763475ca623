"""Search-result snippets with search-UI leftovers ("Digest more", "<Outlet> on MSN", " ..." cuts): F2.

A page of snippets cut with "..." alone is an outlet's own teaser list; it takes the search UI's
leftovers as well. No real legitimate rendering of the corpus trips it.
"""

NAME = "snippet"
FAMILIES = ("F2",)


def trips(v: dict[str, float], main: str) -> bool:
    return bool((v["ellipsis_frac"] > 0.2 and v["ellipsis_lines"] >= 3 and v["search_ui"] >= 1)
                or (v["search_ui"] >= 3 and v["ellipsis_lines"] >= 3 and v["url_search"]))
