"""How often provenance and the site-level signals fire on real legitimate pages.

``python -m farmwatch.trip_rates --corpus ../shared/corpus`` reads every page of the corpus
(real pages of real outlets, none of them farms by selection), then

* provenance: indexes all pages and asks, for each, whether it is "copied from" another corpus
  page on an unrelated site (the verdict the evidence pass writes); every such call is wrong;
* site signals: groups the pages by host, keeps hosts with at least two pages, and pools each
  host's pages exactly as the evidence pass pools a crawled site's (title brands from the
  classifier's analysis, link-block headings, provenance from the first part).

It prints and writes (``--out``, default ``benchmarks/results/trip_rates.json``) the count and
rate of pages each check wrongly trips on; the README quotes the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from classifier.provenance import COPY_MIN_SHINGLES, ReferenceIndex, iter_corpus, judge, shingles
from crawler.sites import host_of, site_of_host
from farmwatch.report.site_evidence import STRENGTH, SiteFacts, page_shape, signals

LIMIT = 1 / 500


def measure(corpus: str | Path, progress=None) -> dict:
    from classifier.features import analyse

    pages = []
    index = ReferenceIndex()
    for cand, doc in iter_corpus(corpus, progress):
        host = host_of(cand.url) or cand.site
        blocks = [{"heading": b.heading} for b in doc.link_blocks]
        pages.append((cand, host, {"title": doc.title, "main_text": doc.main_text, "link_blocks": blocks,
                                   "brands": list(analyse(doc).brands)}))
        index.add(cand)
    if progress:
        progress(f"{len(pages)} pages read, {len(index)} long enough to sign")
    # Provenance: each page against every other corpus page.
    provs = {}
    calls = Counter()
    examples = []
    for cand, _, _ in pages:
        others = [c for c in index.candidates(cand.text, exclude_site=cand.site) if c.url != cand.url]
        p = judge(cand.text, cand.site, cand.published, "", others)
        if p is not None:
            provs[cand.url] = p
            calls[p.relation] += 1
            if p.relation == "copy":
                examples.append({"page": cand.url, "evidence": p.evidence(), "source": p.source_url})
    # Site signals, pooled by host.
    by_host = defaultdict(list)
    for cand, host, page in pages:
        by_host[host].append((cand, page))
    shape_sites: dict[str, set[str]] = defaultdict(set)
    for cand, _, page in pages:
        shape = page_shape(page["title"], page["link_blocks"])
        if shape:
            shape_sites[shape].add(cand.site)
    pooled_pages = 0
    tripped: Counter = Counter()
    tripped_hosts: dict[str, list] = defaultdict(list)
    for host, items in by_host.items():
        if len(items) < 2:
            continue
        pooled_pages += len(items)
        facts = SiteFacts(site_of_host(host) if "." in host else items[0][0].site)
        for cand, page in items:
            facts.add(page, provs.get(cand.url), len(shingles(page["main_text"])) >= COPY_MIN_SHINGLES)
        for s in signals(facts, shape_sites):
            tripped[s.kind] += len(items)
            tripped_hosts[s.kind].append({"host": host, "pages": len(items), "text": s.text})
    n = len(pages)
    result = {
        "corpus": str(corpus), "pages": n, "signed_pages": len(index), "limit": "1 in 500 pages",
        "provenance": {"copy_calls": calls.get("copy", 0), "rate": round(calls.get("copy", 0) / n, 5) if n else 0.0,
                       "syndicated_calls": calls.get("syndicated", 0), "network_calls": calls.get("network", 0),
                       "examples": examples[:20]},
        "site_signals": {"hosts_pooled": sum(1 for v in by_host.values() if len(v) >= 2), "pages_pooled": pooled_pages,
                         "by_signal": {k: {"strength": STRENGTH[k], "pages": tripped.get(k, 0),
                                           "rate": round(tripped.get(k, 0) / pooled_pages, 5) if pooled_pages else 0.0,
                                           "hosts": tripped_hosts.get(k, [])[:20]} for k in STRENGTH}},
    }
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m farmwatch.trip_rates", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default="../shared/corpus", help="corpus folder (default %(default)s)")
    ap.add_argument("--out", default="benchmarks/results/trip_rates.json", help="JSON results (default %(default)s)")
    args = ap.parse_args(argv)
    if not Path(args.corpus).is_dir():
        print(f"trip_rates: no corpus at {args.corpus}", file=sys.stderr)
        return 2
    res = measure(args.corpus, lambda m: print(f"[trip-rates] {m}", file=sys.stderr, flush=True))
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(res, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    p = res["provenance"]
    print(f"provenance: {p['copy_calls']} of {res['pages']} legitimate pages called 'copied from' an unrelated "
          f"site ({p['rate']:.3%}; limit 0.2 %); {p['syndicated_calls']} licensed syndication, {p['network_calls']} network")
    s = res["site_signals"]
    print(f"site signals over {s['pages_pooled']} pages of {s['hosts_pooled']} hosts with ≥ 2 pages:")
    for k, v in s["by_signal"].items():
        print(f"  {k:<9} ({v['strength']}): {v['pages']} pages ({v['rate']:.3%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
