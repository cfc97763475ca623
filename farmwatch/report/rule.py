"""The site-level verdict: how page verdicts become a judgement about a site.

Analysts act on sites, so the rule is deliberately simple enough to state in a report footer:

1. **An analyst's review wins.** The newest ``farm`` or ``legit`` review of the site is the
   verdict, whatever the model says later: a site reviewed legitimate is never reported as a
   farm again until someone records a newer review. (New flags after the review are counted
   in ``flagged_since_review`` so the analyst can decide to look again.) An ``unsure`` review
   leaves the verdict to the model but is shown.
2. **farm** — at least ``MIN_FLAGGED`` (2) pages flagged *and* a flagged share of at least
   ``FARM_SHARE`` (30 %). One stray flag on a large outlet is not a farm; a farm that copies
   a few stories among many pages of filler still is.
3. **legit** — no page flagged, or a flagged share below ``LEGIT_SHARE`` (5 %) over at least
   ``MIN_PAGES_FOR_LEGIT`` (20) pages: isolated false positives on a big outlet.
4. **unsure** — everything else (one flagged page; a small site with some flags; a share
   between 5 % and 30 %): worth an analyst's look, not an automatic label.

Pages an analyst reviewed count with their reviewed label (a page reviewed ``legit`` is not
a flag). ``confidence`` (0–1, how sure the report is that the site is a farm) orders the
report: ``share × mean flagged score × f/(f+1)`` for f flagged pages, so few flags weigh
less than many; 1.0 for a site reviewed farm, 0.0 for one reviewed legit.
"""

from __future__ import annotations

MIN_FLAGGED = 2
FARM_SHARE = 0.30
LEGIT_SHARE = 0.05
MIN_PAGES_FOR_LEGIT = 20

RULE_TEXT = (f"Reviewed sites take the newest farm/legit review. Otherwise: farm when ≥ {MIN_FLAGGED} pages are "
             f"flagged and ≥ {FARM_SHARE:.0%} of pages are flagged; legit when none are flagged, or fewer than "
             f"{LEGIT_SHARE:.0%} of ≥ {MIN_PAGES_FOR_LEGIT} pages; unsure otherwise. Confidence = flagged share × "
             "mean flagged score × f/(f+1).")


def model_verdict(pages: int, flagged: int) -> str:
    """The verdict from page counts alone (rules 2–4)."""
    if flagged == 0:
        return "legit"
    share = flagged / pages if pages else 0.0
    if flagged >= MIN_FLAGGED and share >= FARM_SHARE:
        return "farm"
    if pages >= MIN_PAGES_FOR_LEGIT and share < LEGIT_SHARE:
        return "legit"
    return "unsure"


def confidence(pages: int, flagged: int, mean_flagged_score: float) -> float:
    if not pages or not flagged:
        return 0.0
    return round((flagged / pages) * mean_flagged_score * (flagged / (flagged + 1)), 4)


def site_verdict(pages: int, flagged: int, mean_flagged_score: float, review: dict | None) -> tuple[str, float, str]:
    """(verdict, confidence, source) with source ``review`` or ``model``."""
    if review and review.get("label") in ("farm", "legit"):
        return review["label"], (1.0 if review["label"] == "farm" else 0.0), "review"
    return model_verdict(pages, flagged), confidence(pages, flagged, mean_flagged_score), "model"
