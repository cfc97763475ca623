"""Text glitches of careless copying: a dateline glued to the next word (``CITY,Brand St. (AP)``), or a
doubled-letter title glitch together with changed quotation marks (F1a, F7).

A doubled letter alone is German and English spelling ("Hawaii", "Williams"): it fires on 84 of
3,566 real pages, so it counts here only with the changed quotes. 7 of 7,132 renderings (0.10 %).
"""

NAME = "glitch"
FAMILIES = ("F1a", "F7")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["dateline_glued"] or (v["title_rare_double"] and v["odd_quotes"]))
