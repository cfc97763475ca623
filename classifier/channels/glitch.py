"""Text glitches of careless copying: a dateline glued to the next word (``CITY,Brand St. (AP)``), or a
doubled-letter title glitch together with changed quotation marks (F1a, F7).

A doubled letter alone is German and English spelling ("Hawaii", "Williams"): it fires on 84 of
3,566 real pages, so it counts here only with the changed quotes. On the 2,851 real legitimate
pages of the training sets the channel trips 5 as HTML and 3 as text (0.18 %, 0.11 %).
"""

NAME = "glitch"
FAMILIES = ("F1a", "F7")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["dateline_glued"] or (v["title_rare_double"] and v["odd_quotes"]))
