"""A URL shaped like a farm's: F1's ``/(html|news)/<digits><hex><digits>.html`` id, a search engine's
``/news/search?q=…&FORM=…`` path (F2), the fake local wire site's ``/<section>/<6 digits>-<slug>.html`` (F3).

A host on a free or edge platform (blogspot, github.io, pages.dev, .xyz) used to count here too;
real people blog there: 13 of 3,566 real pages (0.36 %). It stays a feature (``host_free``), which
the model weighs against everything else, and leaves the channel. 1 of the 2,851 real legitimate
pages of the training sets trips it now (a football site's ``/news/<id>.html``).

A blog-platform subdomain of a cut-off keyword or name and five or six digits
(``your-roofing-company90998.<platform>``) is a posting script's (F6: 7 of 10 real pages looked at in
2026); its trip rate on real legitimate pages is in the model card.
"""

NAME = "url"
FAMILIES = ("F1a", "F1b", "F2", "F3", "F6")
# Of the 2,851 real legitimate pages of the training sets it trips 1, 0, 1 and 0 (HTML, text, excerpt with URL,
# excerpt without): at most one page in any rendering, and its mark is no human writer's: a page that trips it
# is a farm on that alone (classifier.floor).
DECISIVE = True


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["url_f1_id"] or v["url_search"] or v["url_tribune"] or v["host_handle_digits"])
