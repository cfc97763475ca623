"""A brand that is not the site injected into the title (twice) or glued into the body (F1a, F1b).

A title suffix naming the site is normal; what farms add is a *second* invented brand at the front
(``PredictIQ Quantitative Think Tank Center:<headline> -Elevate Capital Network``), a suffix glued
with no space after the hyphen, or the brand glued to a neighbouring word in the body. Three brand
words in a title tripped product pages ("Sell, trade in, buy or exchange Apple iPad ..."): the card's
measurement counted 6 of 2,851 real text pages (0.21 %), so a title now needs four. The GraphQL docs
saved as text still trip it (the site's name glued to the navigation, with no URL to say it is the
site's): that is the text rendering's remaining cost.
"""

NAME = "brand"
FAMILIES = ("F1a", "F1b")
# Of the 2,851 real legitimate pages of the training sets it trips 2, 5, 2 and 3 (HTML, text, excerpt with URL,
# excerpt without): more than one page somewhere, so it is weighed by the model, not decisive alone.
DECISIVE = False


TITLE_BRAND_WORDS_MIN = 4


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["title_glued_suffix"] or v["brand_glued_in_body"] >= 2 or v["title_brand_words"] >= TITLE_BRAND_WORDS_MIN
                or (v["title_prefix_brand"] >= 1 and v["title_suffix_brand"]))
