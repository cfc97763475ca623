"""Artefact channels: independent marks of farm work, each audited on its own.

A channel is a yes/no test over the measurements of one page (``analyse(doc).values``), set so
strictly that real legitimate pages almost never trip it. Their count, ``artefact_channels``, is
the feature that lets a model trained on some farm families fire on a family it never saw, and the
classifier's score may only rise with it (``classifier.model.MONOTONE_INCREASING``). That makes
every trip on a legitimate page expensive: one channel that fires on 1 % of real pages is 1 % of
false flags the threshold has to buy back from every family's recall.

So each channel lives in its own module with its test and why it is set where it is, and
``farmwatch evaluate`` measures its trip rate on every real legitimate page of the corpus, per
rendering (HTML with the page's URL, saved text), into the model card
(``metrics.channel_trip_rates``). The budget is 1 real legitimate page in 500 (0.2 %) on the
training sets; ``tests/test_channel_trip_rates.py`` holds every channel to it.

Figures quoted "of 3,566 real pages" or "of 7,132 renderings" come from the first survey, which
counted all eight corpus sets before the validation group was set apart; every cut-off was then
re-derived on the training sets alone (figures "of 2,851" or "of 6,140" are those) and came out the
same.
"""

from __future__ import annotations

from types import ModuleType

from classifier.channels import (boilerplate, brand, clickbait, cms, dump, furniture, generated, geo, glitch, keywords,
                                 leftover, shell, snippet, spin, translation, url)

__all__ = ["CHANNELS", "MODULES", "DECISIVE", "tripped", "TRIP_BUDGET", "DECISIVE_BUDGET"]

TRIP_BUDGET = 0.002  # at most 1 real legitimate page in 500 may trip a channel
# A decisive channel decides a verdict alone: a page that trips it scores at least classifier.floor.CHANNEL_FLOOR.
# A channel is decisive when it tripped at most one real legitimate page of the training sets in any rendering
# and its mark is one no human-written page has a reason to print (a generator's answer, a search engine's
# URL, a clickbait title's age); each module says so and why (DECISIVE). tests/test_channel_trip_rates.py
# holds the decisive ones to 1 in 2,000 renderings.
DECISIVE_BUDGET = 0.0005

MODULES: tuple[ModuleType, ...] = (furniture, brand, leftover, spin, glitch, snippet, url, cms, generated, boilerplate,
                                   translation, clickbait, dump, keywords, shell, geo)
CHANNELS = {m.NAME: m.trips for m in MODULES}
DECISIVE: tuple[str, ...] = tuple(m.NAME for m in MODULES if getattr(m, "DECISIVE", False))


def tripped(v: dict[str, float], main: str) -> dict[str, bool]:
    """Which channels a page trips, from its measurements ``v`` and its article text ``main``."""
    return {name: bool(trips(v, main)) for name, trips in CHANNELS.items()}
