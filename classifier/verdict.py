"""The last stage's output: what the crawler stores and the analyst reads."""

from __future__ import annotations

from dataclasses import dataclass, field

FARM = "farm"
LEGIT = "legit"

# The reason a farm verdict gives when no single mark could be named. Reports rank it after
# every named mark: it says why the page was flagged, not what was injected.
STATISTICS_REASON = ("no single farm mark found: flagged on page statistics (title shape, link and "
                     "anchor-text share, compressibility, URL shape)")

# A legitimate verdict may still list farm-sounding marks (one vote counter, a sidebar of
# unrelated headlines): they are why the score is not zero, and an analyst must not read them
# as the reason for a farm verdict that was not given.
WEAK_SIGNS = "weak signs, not enough for a farm verdict: "
# Evidence that argues *for* legitimacy (features.ATTRIBUTION_REASON, pinned by a test) is not
# a weak farm sign and is left as it is.
LEGIT_REASONS = ("wire copy with attribution (legal republication)",)


def fell_short(evidence: list[str]) -> list[str]:
    """A legitimate verdict's evidence, its first farm-sounding line saying it was not enough."""
    out = list(evidence)
    for i, line in enumerate(out):
        if line.startswith(WEAK_SIGNS):
            break
        if line not in LEGIT_REASONS:
            out[i] = WEAK_SIGNS + line
            break
    return out


@dataclass
class Verdict:
    """A scored page.

    ``evidence`` holds short reasons in an analyst's words that *name* the offending strings
    (the injected brand, the off-topic block's heading, the counter), strongest first.
    ``brands`` lists injected brand strings found; ``family`` is the best-guess farm family
    (``F1a`` …) or ``""``.
    """

    verdict: str
    score: float
    evidence: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    family: str = ""
    model_version: str = ""

    def __post_init__(self) -> None:
        if self.verdict == LEGIT and self.evidence:
            self.evidence = fell_short(self.evidence)

    def as_dict(self) -> dict:
        # Not dataclasses.asdict(): its recursive deep copy showed up in crawl profiles.
        return {"verdict": self.verdict, "score": self.score, "evidence": list(self.evidence),
                "brands": list(self.brands), "family": self.family, "model_version": self.model_version}


class ModelError(RuntimeError):
    """The model cannot be used (missing, corrupt, tampered, or built for other code).

    Defined here, not in :mod:`classifier.model`, so a crawl that scores pages in a worker
    process can receive it without importing scikit-learn itself."""
