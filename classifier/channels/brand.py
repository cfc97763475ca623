"""A brand that is not the site injected into the title (twice) or glued into the body (F1a, F1b).

A title suffix naming the site is normal; what farms add is a *second* invented brand at the front
(``PredictIQ Quantitative Think Tank Center:<headline> -Elevate Capital Network``), a suffix glued
with no space after the hyphen, or the brand glued to a neighbouring word in the body. 9 of 7,132
real renderings (0.13 %) trip it, mostly product titles with three brand words ("Capital One
Venture Rewards").
"""

NAME = "brand"
FAMILIES = ("F1a", "F1b")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["title_glued_suffix"] or v["brand_glued_in_body"] >= 2 or v["title_brand_words"] >= 3
                or (v["title_prefix_brand"] >= 1 and v["title_suffix_brand"]))
