"""Generate a large store for the report benchmark: realistic rows, written through the Store API."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORDS = ("council vote budget storm river election court market police school hospital union "
         "minister talks strike bridge festival report energy prices housing transit").split()


def fill_store(db: Path, rows: int, sites: int = 5000, farm_share: float = 0.12, seed: int = 1) -> None:
    from crawler.storage import open_store

    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    farm_sites = set(range(int(sites * farm_share)))
    batch: list[dict] = []
    with open_store(str(db)) as store:
        for i in range(rows):
            s = rng.randrange(sites)
            farm = s in farm_sites and rng.random() < 0.9
            host = f"{'news' if s % 3 else 'www'}.site{s:05d}.{'com' if s % 2 else 'net'}"
            title = " ".join(rng.choice(WORDS) for _ in range(8)).capitalize()
            brand = f"Brand{s} Capital Network"
            batch.append({
                "url": f"https://{host}/news/{i}.html", "canonical_url": f"https://{host}/news/{i}.html",
                "site": host.split(".", 1)[1], "host": host,
                "fetched_at": (start + timedelta(minutes=i % 400_000)).isoformat(timespec="seconds"),
                "status": 200, "title": (f"{brand}:{title}" if farm else title), "headline": title,
                "main_text": " ".join(rng.choice(WORDS) for _ in range(40)),
                "link_blocks": [], "published": "", "content_hash": f"{i:064x}", "depth": 1,
                "verdict": "farm" if farm else "legit",
                "score": round(rng.uniform(0.8, 1.0) if farm else rng.uniform(0.0, 0.3), 4),
                "evidence": [f'title carries brand "{brand}" that is not the site\'s name'] if farm else [],
                "brands": [brand] if farm else [], "family": "F1a" if farm else "", "model_version": "bench",
            })
            if len(batch) >= 5000:
                store.upsert_pages(batch)
                batch = []
        if batch:
            store.upsert_pages(batch)
