"""Text glitches of careless copying: a dateline glued to the next word (``CITY,Brand St. (AP)``), or a
doubled-letter title glitch together with changed quotation marks (F1a, F7).

Words typed with Cyrillic or Greek look-alike letters among Latin ones (``mixed_script_words``: F9, 2 of 25 real
clickbait pages looked at in 2026, with 56 and 99 such words) were tried here and left: a legitimate Belizean
news page of the training sets has 32, three more have 4 or 5. The model weighs them as a feature.

A doubled letter alone is German and English spelling ("Hawaii", "Williams"): it fires on 84 of
3,566 real pages, so it counts here only with the changed quotes. On the 2,851 real legitimate
pages of the training sets the channel trips 5 as HTML and 3 as text (0.18 %, 0.11 %).
"""

NAME = "glitch"
FAMILIES = ("F1a", "F7")
# Of the 2,851 real legitimate pages of the training sets it trips 5, 3, 1 and 1 (HTML, text, excerpt with URL,
# excerpt without): more than one page somewhere, so it is weighed by the model, not decisive alone.
DECISIVE = False


def trips(v: dict[str, float], main: str) -> bool:
    return bool(v["dateline_glued"] or (v["title_rare_double"] and v["odd_quotes"]))
