"""CMS leftovers of a copy made by a machine: a byline naming the CMS default account ("admin"),
WordPress shortcodes printed as text (``[vc_row]``, ``[caption id=…]``), a stock author bio (F8, F4).

Two tests left this channel after being measured on real pages. The masthead test ("page calls
itself X but is served from HOST") fired on 276 of 3,566 real pages (7.7 %): sites name themselves
by brands, sections, cities and products that fit nothing in the host (rebuilt as a feature, it
reads only ``og:site_name`` and title suffixes that look like a newspaper's name, accents folded:
1.7 % of real renderings). Template variables (``{{ headline }}``) are what client-side templates
leave in static HTML on real outlets (11 pages). Both remain features (``masthead_mismatch``,
``template_vars``). The channel trips 1 of the 2,851 real legitimate pages of the training sets.
"""

NAME = "cms"
FAMILIES = ("F8", "F4", "F7")
# Of the 2,851 real legitimate pages of the training sets it trips 1, 1, 0 and 0 (HTML, text, excerpt with URL,
# excerpt without), and a legitimate site whose plugin breaks prints its shortcodes as text too: weighed by the
# model, not decisive alone.
DECISIVE = False


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["default_author"] or v["cms_shortcodes"] or v["generic_bio"])
