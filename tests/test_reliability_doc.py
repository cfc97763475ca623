"""docs/reliability.md names a test for each promise: every test it names must exist, so a
renamed or deleted test cannot leave a promise unproven on paper."""

from __future__ import annotations

import re

from tests.helpers import REPO


def test_every_test_named_in_the_reliability_doc_exists():
    text = (REPO / "docs" / "reliability.md").read_text(encoding="utf-8")
    refs = set(re.findall(r"(test_[a-z0-9_]+\.py)::(test_[a-z0-9_]+)", text))
    assert len(refs) >= 20
    missing = [f"{f}::{t}" for f, t in sorted(refs)
               if not re.search(rf"^def {t}\(", (REPO / "tests" / f).read_text(encoding="utf-8"), re.M)]
    assert not missing, f"docs/reliability.md names tests that do not exist: {missing}"
