"""Leftovers of the scraped source page: "Read the original article here", "[embedded content]",
ticker codes carried over from a finance outlet (F7 verbatim republishers, F4 spun copies).

10 of 7,132 real renderings (0.14 %): finance pages that print their own tickers.
"""

NAME = "leftover"
FAMILIES = ("F7", "F4")


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["mark_original"] or v["embedded"] or v["tickers"])
