"""CMS furniture of a farm template: ``Current:Home >`` breadcrumb, ``veryGood! (N)``, ``source:…category:``,
``More:<cat>``, ``Date:YYYY-MM-DD HH:MM:SS`` and ``<Name> View`` lines (families F1a, F1b).

Measured on the 2,851 real legitimate pages of the training sets: 1 trips it, as HTML and as text
(a Village Voice page whose vote widget reads like a counter).
"""

NAME = "furniture"
FAMILIES = ("F1a", "F1b")
# Of the 2,851 real legitimate pages of the training sets it trips 1, 1, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without), and a site whose tag or menu line loses its separators prints the same glued "More:" line (a
# Village Voice page of the training sets does): weighed by the model, not decisive alone.
DECISIVE = False


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["mark_current_home"] or v["mark_vote"] or v["mark_source_cat"] or v["mark_more_cat"]
                or v["mark_date_line"] or v["view_line"] or v["view_counts"])
