"""A brand glued after a dateline's city is a farm mark; a sentence glued to a word is not a dateline."""

from __future__ import annotations

import pytest

from classifier.document import from_text
from classifier.features import analyse

BODY = " officials said on Tuesday, adding that the plan would be put to a vote next month."


@pytest.mark.parametrize("line", ["WASHINGTON,PredictIQ Quantitative Think Tank Center (AP) —",
                                  "St. Louis,MoneyBase (AP) —", "Rio de Janeiro,NextGenWealth (AP) —"])
def test_a_brand_glued_after_the_dateline_city_is_counted(line):
    assert analyse(from_text("Council votes on plan\n" + line + BODY)).values["dateline_glued"] == 1


@pytest.mark.parametrize("line", ["How to retire early,Early retirement comes in many shapes",
                                  "WASHINGTON, (AP) — The council", "In short,Officials"])
def test_a_line_that_starts_with_a_sentence_is_not_a_dateline(line):
    assert analyse(from_text("Council votes on plan\n" + line + BODY)).values["dateline_glued"] == 0
