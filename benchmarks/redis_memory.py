"""Redis memory per million URLs in the scrapy-redis frontier (docs/scale-out.md cites this).

    python -m benchmarks.redis_memory                      # private redis-server, up to 1M
    python -m benchmarks.redis_memory --redis redis://127.0.0.1:6390/15 --sizes 100000

Method: the *real* objects a ``news_redis`` worker writes. Requests are built as the spider
builds them (callback, errback, depth/site/budget meta), serialized by scrapy-redis'
``PriorityQueue`` encoder and added to the sorted set with its score, exactly the bytes
``PriorityQueue.push`` sends; fingerprints come from ``RFPDupeFilter.request_fingerprint``
and go to the dupefilter set. URLs look like news URLs (~95 characters, 10,000 sites).
``INFO memory`` ``used_memory`` is read before and after each step, so the figure is what
Redis itself accounts (keys, values, encoding overhead), not the process RSS, which is
reported too. By default a private ``redis-server`` (no persistence) is started so nothing
else on the server disturbs the reading.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

OUT = REPO / "benchmarks" / "results" / "redis_memory.json"
WORDS = ("council budget school river storm market mayor vote police fire road bridge farm water "
         "housing plan court trial hospital park season team coach election tax jobs plant rail").split()
SECTIONS = ("local", "politics", "business", "sports", "weather", "opinion", "courts", "education")


def synthetic_urls(n: int, seed: int = 1):
    rng = random.Random(seed)
    sites = [f"{rng.choice(WORDS)}{rng.choice(WORDS)}-news{i}.com" for i in range(10_000)]
    for i in range(n):
        slug = "-".join(rng.choice(WORDS) for _ in range(6))
        yield (f"https://www.{rng.choice(sites)}/{rng.choice(SECTIONS)}/2026/{rng.randint(1, 12):02d}/"
               f"{rng.randint(1, 28):02d}/{slug}-{i}.html")


def used(client: redis.Redis) -> dict:
    info = client.info("memory")
    return {"used_memory": info["used_memory"], "used_memory_rss": info["used_memory_rss"]}


def measure(client: redis.Redis, sizes: list[int], prefix: str) -> dict:
    from scrapy_redis.dupefilter import RFPDupeFilter
    from scrapy_redis.queue import PriorityQueue

    from crawler.sites import site_of
    from crawler.spiders.news_redis import NewsRedisSpider

    spider = NewsRedisSpider()
    spider.seed_sites = _AllSites()  # every synthetic site is in scope
    queue = PriorityQueue(client, spider, f"{prefix}:requests")
    dupefilter = RFPDupeFilter(client, key=f"{prefix}:dupefilter")
    client.delete(queue.key, dupefilter.key)
    base = used(client)
    steps, done, t0 = [], 0, time.time()
    urls = synthetic_urls(max(sizes))
    encoded_bytes = 0
    for size in sorted(sizes):
        pipe = client.pipeline(transaction=False)
        while done < size:
            request = spider._request(next(urls), depth=2)
            request.meta["farmwatch_budget_counted"] = True
            data = queue._encode_request(request)
            encoded_bytes += len(data)
            pipe.execute_command("ZADD", queue.key, -request.priority, data)  # == PriorityQueue.push
            pipe.sadd(dupefilter.key, dupefilter.request_fingerprint(request))
            done += 1
            if done % 5000 == 0:
                pipe.execute()
        pipe.execute()
        after = used(client)
        queue_bytes = client.memory_usage(queue.key, samples=0)
        df_bytes = client.memory_usage(dupefilter.key, samples=0)
        steps.append({
            "urls": size,
            "used_memory_delta": after["used_memory"] - base["used_memory"],
            "used_memory_rss": after["used_memory_rss"],
            "queue_key_bytes": queue_bytes,
            "dupefilter_key_bytes": df_bytes,
            "mean_serialized_request_bytes": round(encoded_bytes / done, 1),
            "seconds": round(time.time() - t0, 1),
        })
        print(f"{size:>9} URLs: +{steps[-1]['used_memory_delta'] / 2**20:.1f} MiB used_memory "
              f"(queue {queue_bytes / 2**20:.1f} MiB, dupefilter {df_bytes / 2**20:.1f} MiB)", file=sys.stderr)
    client.delete(queue.key, dupefilter.key)
    last = steps[-1]
    per_million = 1_000_000 / last["urls"]
    return {
        "steps": steps,
        "per_million_queued_urls_mib": round(last["used_memory_delta"] * per_million / 2**20, 1),
        "per_million_seen_urls_mib": round(last["dupefilter_key_bytes"] * per_million / 2**20, 1),
        "per_million_queue_only_mib": round(last["queue_key_bytes"] * per_million / 2**20, 1),
        "mean_url_chars": round(sum(len(u) for u in synthetic_urls(2000)) / 2000, 1),
        "sample_site": site_of(next(synthetic_urls(1))),
    }


class _AllSites(set):
    def __contains__(self, item):
        return True


def private_server(tmp: Path):
    exe = shutil.which("redis-server")
    if not exe:
        raise SystemExit("redis-server not found: pass --redis URL of a scratch database instead")
    sock = tmp / "redis.sock"
    proc = subprocess.Popen([exe, "--port", "0", "--unixsocket", str(sock), "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if sock.exists():
            break
        time.sleep(0.05)
    return proc, f"unix://{sock}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--redis", help="scratch Redis URL (default: start a private redis-server)")
    ap.add_argument("--sizes", default="100000,500000,1000000", help="comma-separated URL counts")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = (None, args.redis) if args.redis else private_server(Path(tmp))
        try:
            client = redis.Redis.from_url(url)
            result = measure(client, sizes, prefix="fw-bench-redis-memory")
            result["redis_version"] = client.info("server")["redis_version"]
            result["allocator"] = client.info("memory").get("mem_allocator")
            client.close()
        finally:
            if proc is not None:
                proc.terminate()
                proc.wait(10)
    result.update({
        "method": "real scrapy-redis PriorityQueue encoding + RFPDupeFilter fingerprints of news_redis "
                  "requests; INFO memory used_memory delta",
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "server": "private redis-server (no persistence)" if not args.redis else "given scratch db",
    })
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "steps"}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
