"""A keyword shell of places (F10): one line of commercial keyword phrases, each followed by a town and a US
state code ("payday loans Alder Falls ID same day loans Wexford OR ...").

Real keyword shells on hacked wikis and directory stubs are this one line (6 of 38 real F10 pages of the first
look, docs/farm-realism.md). Two such phrases on one line of the article trip it. Measured on all 3,566 real
legitimate pages of the corpus, as HTML and as saved text: 0 trip it, so it is decisive. It was added after
model 20261205-0719-s0 was fitted; because no real legitimate page trips it, that model's real-page figures
stand as measured (its simulated figures were measured without it).
"""

import re

NAME = "geo"
FAMILIES = ("F10",)
# Of the 3,566 real legitimate pages of the corpus it trips 0 as HTML and 0 as saved text, and its mark is no human
# writer's: a page that trips it is a farm on that alone (classifier.floor).
DECISIVE = True
PHRASES_MIN = 2  # commercial phrase + town + state code, on one line

_STATES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|"
           "OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY")
_PHRASE = re.compile(r"\b(?:insurance|loans?|lenders?|plumbers?|plumbing|roofing|roofers?|repair|quotes?|lawyers?|"
                     r"attorneys?|dentists?|rehab|locksmiths?|movers|towing|cleaning|removal|contractors?|services|"
                     r"near me)\s+(?:[A-Z][a-z]+\s){1,3}(?:" + _STATES + r")\b")
_NEEDLES = ("insurance", "loan", "lender", "plumb", "roof", "repair", "quote", "lawyer", "attorney", "dentist", "rehab",
            "locksmith", "movers", "towing", "cleaning", "removal", "contractor", "services", "near me")


def phrases_on_a_line(main: str) -> int:
    """The most commercial-phrase-town-state runs on any one line of ``main``."""
    low = main.lower()
    if not any(n in low for n in _NEEDLES):
        return 0
    return max((len(_PHRASE.findall(line)) for line in main.split("\n")), default=0)


def trips(v: dict[str, float], main: str) -> bool:
    return phrases_on_a_line(main) >= PHRASES_MIN
