"""A URL shaped like a farm's: F1's ``/(html|news)/<digits><hex><digits>.html`` id, a search engine's
``/news/search?q=…&FORM=…`` path (F2), the fake local wire site's ``/<section>/<6 digits>-<slug>.html`` (F3).

A host on a free or edge platform (blogspot, github.io, pages.dev, .xyz) used to count here too;
real people blog there: 13 of 3,566 real pages (0.36 %). It stays a feature (``host_free``), which
the model weighs against everything else, and leaves the channel. 1 of the 2,851 real legitimate
pages of the training sets trips it now (a football site's ``/news/<id>.html``).
"""

NAME = "url"
FAMILIES = ("F1a", "F1b", "F2", "F3")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["url_f1_id"] or v["url_search"] or v["url_tribune"])
