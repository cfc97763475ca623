"""Every artefact channel holds its budget on real legitimate pages: at most 1 in 500 trips.

Measured on every third page of the training sets (about 1,000 real pages of news, blogs, forums,
shops, docs and login forms, each as HTML with its URL, as saved text and as an excerpt with its URL);
the card carries the full measurement (``metrics.channel_trip_rates``). Skips without ``../shared/corpus``.
"""

from __future__ import annotations

import pytest

from classifier.channels import CHANNELS, DECISIVE, DECISIVE_BUDGET, TRIP_BUDGET
from classifier.realpages import TRAINING_SETS, VALIDATION_SETS, list_pages, measure, parse_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def real_trips(shared_dir):
    pages = list_pages(shared_dir / "corpus")
    valid_groups = {p.group for p in pages if p.set in VALIDATION_SETS}
    train = [p for p in pages if p.set in TRAINING_SETS and p.group not in valid_groups][::3]
    docs = parse_all(train)
    _, trips = measure(list(docs.values()))
    return list(docs), trips


@pytest.mark.parametrize("name", list(CHANNELS))
def test_channel_trips_on_at_most_one_real_legitimate_page_in_500(real_trips, name):
    keys, trips = real_trips
    j = list(CHANNELS).index(name)
    hits = [keys[i] for i in range(len(keys)) if trips[i, j]]
    assert len(keys) > 1500
    assert len(hits) <= TRIP_BUDGET * len(keys), f"{name} trips on {len(hits)} of {len(keys)} real renderings: {hits[:8]}"


@pytest.mark.parametrize("name", DECISIVE)
def test_a_decisive_channel_trips_on_at_most_one_real_legitimate_rendering_in_2000(real_trips, name):
    # A decisive channel decides a verdict alone (classifier.floor): its budget is a quarter of the others'.
    keys, trips = real_trips
    j = list(CHANNELS).index(name)
    hits = [keys[i] for i in range(len(keys)) if trips[i, j]]
    assert len(hits) <= DECISIVE_BUDGET * len(keys), f"{name} trips on {len(hits)} of {len(keys)} real renderings: {hits[:8]}"
