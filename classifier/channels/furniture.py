"""CMS furniture of a farm template: ``Current:Home >`` breadcrumb, ``veryGood! (N)``, ``source:…category:``,
``More:<cat>``, ``Date:YYYY-MM-DD HH:MM:SS`` and ``<Name> View`` lines (families F1a, F1b).

Measured on the real legitimate pages of the corpus: 6 of 7,132 renderings (0.08 %) before the
budget was set, all of them a single "N views" line on a forum or shop; no page shows two marks.
"""

NAME = "furniture"
FAMILIES = ("F1a", "F1b")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["mark_current_home"] or v["mark_vote"] or v["mark_source_cat"] or v["mark_more_cat"]
                or v["mark_date_line"] or v["view_line"] or v["view_counts"])
