"""Writers for the report: JSON, CSV, a text table, and one self-contained HTML file.

Every writer streams: site rows are already aggregated (bounded by the number of sites), and
the flagged-page detail is pulled site by site from the store while writing.

Hostile input is the normal case here — farm pages choose their own titles and URLs — so:
HTML escapes every stored string (``html.escape`` with quotes), links only ``http(s)`` URLs,
and carries a Content-Security-Policy that forbids any network load; the JavaScript only
reorders and hides existing rows, it never builds markup from data. CSV cells that a
spreadsheet would run as a formula (leading ``= + - @``, tab, CR) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import html
import json
from datetime import datetime, timezone
from typing import IO

from farmwatch.report.aggregate import HIST_BINS, Filters, Summary, site_detail
from farmwatch.report.rule import RULE_TEXT


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _filters_dict(f: Filters) -> dict:
    return {"since": f.since, "min_score": f.min_score, "site": f.site, "host": f.host, "detail": f.detail}


# --- JSON ------------------------------------------------------------------------------------


def write_json(summary: Summary, store, out: IO[str], *, detail: bool = True) -> None:
    """``{"generated_at", "filters", "rule", "totals", "histogram", "flagged_by_day", "sites": [...]}``;
    each site row carries ``site`` and ``verdict`` and (with detail) ``flagged_pages``."""
    head = {"generated_at": _now(), "filters": _filters_dict(summary.filters), "rule": RULE_TEXT,
            "totals": summary.totals, "histogram": summary.histogram,
            "histogram_flagged": summary.histogram_flagged,
            "flagged_by_day": [{"day": d, "flagged": n} for d, n in summary.flagged_by_day]}
    out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "sites": [')
    page_reviews = store.latest_reviews("page") if detail else {}
    for i, row in enumerate(summary.sites):
        d = row.as_dict()
        if detail and (row.flagged or row.site_evidence):
            d["flagged_pages"] = list(site_detail(store, row, summary.filters, page_reviews))
        out.write(("," if i else "") + "\n" + json.dumps(d, ensure_ascii=False))
    out.write("\n]}\n")


# --- CSV -------------------------------------------------------------------------------------

CSV_FIELDS = ["site", "verdict", "confidence", "verdict_source", "review_label", "review_by", "review_at",
              "pages", "flagged", "flagged_share", "mean_score", "max_score", "first_seen", "last_seen",
              "hosts", "families", "top_evidence", "brands", "example_urls", "flagged_since_review"]


def neutralise(value) -> str:
    """A cell a spreadsheet will show as text, never evaluate as a formula."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def write_csv(summary: Summary, store, out: IO[str]) -> None:
    w = csv.writer(out)
    w.writerow(CSV_FIELDS)
    for row in summary.sites:
        d = row.as_dict()
        r = d.pop("review") or {}
        d.update(review_label=r.get("label", ""), review_by=r.get("reviewer", ""), review_at=r.get("at", ""))
        for key in ("hosts", "families", "top_evidence", "brands", "example_urls"):
            d[key] = " | ".join(d[key])
        w.writerow([neutralise(d[k]) for k in CSV_FIELDS])


# --- text table ------------------------------------------------------------------------------


def write_table(summary: Summary, store, out: IO[str]) -> None:
    sites = summary.sites
    t = summary.totals
    out.write(f"{t['sites']} sites, {t['pages']} pages, {t['flagged']} flagged; "
              f"farm {t['farm_sites']}, unsure {t['unsure_sites']}, legit {t['legit_sites']}\n")
    if not sites:
        return
    width = min(40, max(len(r.site) for r in sites))
    out.write(f"{'site':<{width}}  verdict  conf   pages  flagged  share  max    review   top evidence\n")
    for r in sites:
        site = r.site if len(r.site) <= width else r.site[:width - 1] + "…"
        review = (r.review or {}).get("label", "")
        ev = (r.top_evidence(1) or [""])[0]
        ev = "".join(ch if ch.isprintable() else " " for ch in ev)[:70]
        out.write(f"{site:<{width}}  {r.verdict:<7}  {r.confidence:.2f}  {r.pages:>6}  {r.flagged:>7}  "
                  f"{r.share:>5.0%}  {r.max_score:.2f}  {review:<7}  {ev}\n")
    out.write(f"\nrule: {RULE_TEXT}\n")


# --- HTML ------------------------------------------------------------------------------------

# Bidirectional overrides and isolates (U+202A-202E, U+2066-2069, LRM/RLM/ALM): a farm title with
# U+202E shows reversed, and can reverse the cells after it. Escaping leaves them alone; drop them.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
e = lambda s: html.escape("" if s is None else str(s).translate(_BIDI), quote=True)  # noqa: E731


def _link(url: str, text: str | None = None) -> str:
    label = e(text if text is not None else url)
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url)}" rel="noopener noreferrer nofollow">{label}</a>'
    return label


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d1dc;font-size:13px}main{padding:16px 24px;max-width:1400px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:14px}.card{background:#fff;border:1px solid #dde2e8;
border-radius:6px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}
.charts{display:flex;gap:16px;flex-wrap:wrap}.chart{background:#fff;border:1px solid #dde2e8;border-radius:6px;
padding:10px}.chart h2{font-size:14px;margin:0 0 6px}svg text{font-size:10px;fill:#556}
.controls{margin:14px 0 8px;display:flex;gap:10px;align-items:center}input,select{font:inherit;padding:4px 6px}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{border-bottom:1px solid #e4e7eb;
padding:5px 7px;text-align:left;vertical-align:top}th{background:#eef1f5;cursor:pointer;user-select:none;
position:sticky;top:0}th.sorted-asc::after{content:" \\25B2"}th.sorted-desc::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}.v{font-weight:600;border-radius:3px;padding:1px 6px}
.v-farm{background:#fde2e1;color:#9b1c1c}.v-legit{background:#dff3e4;color:#1d6b35}.v-unsure{background:#fff3cd;
color:#7a5a00}.small{font-size:12px;color:#5a6472}.ev{margin:0;padding-left:16px}details{background:#fff;
border:1px solid #dde2e8;border-radius:6px;margin:8px 0;padding:6px 12px}summary{cursor:pointer;font-weight:600}
.twin{background:#f3f6fa;border-left:3px solid #6b8fb5;padding:4px 8px;margin-top:4px}
.inj{background:#fff4f4;border-left:3px solid #c0392b;padding:2px 8px;margin:3px 0}
a{color:#1f5fa8;word-break:break-all}footer{padding:16px 24px;color:#5a6472;font-size:12px}
"""

JS = """
(function(){
  var table=document.getElementById('sites'); if(!table) return;
  var body=table.tBodies[0], heads=table.tHead.rows[0].cells;
  function val(row,i){var c=row.cells[i];var s=c.getAttribute('data-sort');
    if(s!==null&&s!==''&&!isNaN(s)) return parseFloat(s); return (s!==null?s:c.textContent).toLowerCase();}
  Array.prototype.forEach.call(heads,function(th,i){th.addEventListener('click',function(){
    var asc=!th.classList.contains('sorted-asc');
    Array.prototype.forEach.call(heads,function(h){h.classList.remove('sorted-asc','sorted-desc');});
    th.classList.add(asc?'sorted-asc':'sorted-desc');
    var rows=Array.prototype.slice.call(body.rows);
    rows.sort(function(a,b){var x=val(a,i),y=val(b,i);return (x<y?-1:x>y?1:0)*(asc?1:-1);});
    rows.forEach(function(r){body.appendChild(r);});});});
  var q=document.getElementById('filter'), vsel=document.getElementById('verdict'), shown=document.getElementById('shown');
  function apply(){var t=q.value.toLowerCase(), v=vsel.value, n=0;
    Array.prototype.forEach.call(body.rows,function(r){
      var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!v||r.getAttribute('data-verdict')===v);
      r.style.display=ok?'':'none'; if(ok) n++;});
    shown.textContent=n;}
  q.addEventListener('input',apply); vsel.addEventListener('change',apply); apply();
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def _histogram_svg(hist: list[int], flagged: list[int]) -> str:
    """Pages per score bin, the flagged part of each bar red and the rest blue."""
    w, h, pad = 420, 170, 28
    top = max(hist) or 1
    bw = (w - pad - 8) / HIST_BINS
    bars = []
    for i, (n, f) in enumerate(zip(hist, flagged)):
        x = pad + i * bw
        label = f'<title>score {i / HIST_BINS:.2f}–{(i + 1) / HIST_BINS:.2f}: {n} pages, {f} flagged</title>'
        base = h - pad
        for count, color in ((n - f, "#4a7fb5"), (f, "#c0392b")):
            if count:
                bh = (h - pad - 10) * count / top
                bars.append(f'<rect x="{x:.1f}" y="{base - bh:.1f}" width="{bw - 1:.1f}" height="{bh:.1f}" '
                            f'fill="{color}">{label}</rect>')
                base -= bh
    anchors = ["start", "middle", "middle", "middle", "end"]
    axis = "".join(f'<text x="{pad + i * (w - pad - 8) / 4:.0f}" y="{h - pad + 14}" text-anchor="{anchors[i]}">'
                   f'{i / 4:.2f}</text>' for i in range(5))
    return (f'<svg role="img" aria-label="score distribution" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - 8}" y2="{h - pad}" stroke="#889"/>{"".join(bars)}{axis}'
            f'<text x="4" y="12">{top}</text><text x="{w / 2:.0f}" y="{h - 2}" text-anchor="middle">page score</text></svg>')


def _timeline_svg(days: list[tuple[str, int]]) -> str:
    w, h, pad = 520, 170, 28
    if not days:
        return f'<svg width="{w}" height="{h}"><text x="10" y="20">no flagged pages</text></svg>'
    top = max(n for _, n in days) or 1
    step = (w - pad - 8) / max(1, len(days) - 1) if len(days) > 1 else 0
    pts = []
    dots = []
    for i, (day, n) in enumerate(days):
        x = pad + i * step if len(days) > 1 else w / 2
        y = h - pad - (h - pad - 10) * n / top
        pts.append(f"{x:.1f},{y:.1f}")
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#c0392b"><title>{e(day)}: {n} flagged</title></circle>')
    labels = (f'<text x="{pad}" y="{h - pad + 14}">{e(days[0][0])}</text>'
              f'<text x="{w - 8}" y="{h - pad + 14}" text-anchor="end">{e(days[-1][0])}</text>')
    return (f'<svg role="img" aria-label="flagged pages per day" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - 8}" y2="{h - pad}" stroke="#889"/>'
            f'<polyline fill="none" stroke="#c0392b" stroke-width="1.5" points="{" ".join(pts)}"/>{"".join(dots)}'
            f'{labels}<text x="4" y="12">{top}</text></svg>')


def _review_cell(r) -> str:
    if not r.review:
        return '<span class="small">not reviewed</span>'
    rv = r.review
    extra = (f'<br><span class="small">{r.flagged_since_review} new flags since</span>'
             if r.flagged_since_review else "")
    return (f'<span class="v v-{e(rv["label"])}">{e(rv["label"])}</span> <span class="small">by {e(rv["reviewer"])} '
            f'{e(rv["at"][:10])}</span>{extra}')


def write_html(summary: Summary, store, out: IO[str], *, title: str = "farmwatch report") -> None:
    t = summary.totals
    f = summary.filters
    flt = ", ".join(f"{k}={v}" for k, v in _filters_dict(f).items() if v not in (None, "") and k != "detail")
    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
              '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
              'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              f'<title>{e(title)}</title><style>{CSS}</style></head><body>\n')
    out.write(f'<header><h1>{e(title)}</h1><p>generated {e(_now())} · {e(flt or "no filters")}</p></header><main>\n')
    out.write('<div class="cards">' + "".join(
        f'<div class="card"><b id="total-{k}">{t.get(k, 0)}</b>{label}</div>' for k, label in (
            ("sites", "sites"), ("farm_sites", "farm sites"), ("unsure_sites", "unsure sites"),
            ("legit_sites", "legit sites"), ("pages", "pages"), ("flagged", "flagged pages"))) + "</div>\n")
    out.write('<div class="charts"><div class="chart"><h2>Score distribution (all pages; red: flagged)</h2>'
              f'{_histogram_svg(summary.histogram, summary.histogram_flagged)}</div><div class="chart"><h2>Flagged pages over time (by day '
              f'fetched)</h2>{_timeline_svg(summary.flagged_by_day)}</div></div>\n')
    out.write('<div class="controls"><label>Filter <input id="filter" type="search" placeholder="site, brand, '
              'evidence…"></label><label>Verdict <select id="verdict"><option value="">all</option>'
              '<option>farm</option><option>unsure</option><option>legit</option></select></label>'
              f'<span class="small"><span id="shown">{len(summary.sites)}</span> of {len(summary.sites)} sites shown · '
              'click a column to sort</span></div>\n')
    out.write('<table id="sites"><thead><tr><th>site</th><th>verdict</th><th>confidence</th><th>pages</th>'
              '<th>flagged</th><th>share</th><th>mean</th><th>max</th><th>first seen</th><th>last seen</th>'
              '<th>top evidence</th><th>brands</th><th>review</th></tr></thead><tbody>\n')
    for i, r in enumerate(summary.sites):
        hosts = sorted(r.hosts)
        host_txt = ", ".join(hosts[:5]) + (f" +{len(hosts) - 5 + r.more_hosts}" if len(hosts) > 5 or r.more_hosts else "")
        evid = "".join(f"<li>{e(x)}</li>" for x in r.top_evidence(3))
        out.write(
            f'<tr data-verdict="{e(r.verdict)}"><td data-sort="{e(r.site)}">'
            + (f'<a href="#site-{i}">{e(r.site)}</a>' if r.flagged or r.site_evidence else e(r.site))
            + f'<br><span class="small">{e(host_txt)}</span></td>'
            f'<td data-sort="{["farm", "unsure", "legit"].index(r.verdict) if r.verdict in ("farm", "unsure", "legit") else 3}">'
            f'<span class="v v-{e(r.verdict)}">{e(r.verdict)}</span>'
            + ('<br><span class="small">by review</span>' if r.verdict_source == "review" else "")
            + "".join(f'<br><span class="small">{e(x)}</span>' for x in r.reasons[1:]) + "</td>"
            f'<td class="num" data-sort="{r.confidence}">{r.confidence:.2f}</td>'
            f'<td class="num" data-sort="{r.pages}">{r.pages}</td><td class="num" data-sort="{r.flagged}">{r.flagged}</td>'
            f'<td class="num" data-sort="{r.share:.4f}">{r.share:.0%}</td>'
            f'<td class="num" data-sort="{r.mean_score:.4f}">{r.mean_score:.2f}</td>'
            f'<td class="num" data-sort="{r.max_score:.4f}">{r.max_score:.2f}</td>'
            f'<td>{e(r.first_seen[:10])}</td><td>{e(r.last_seen[:10])}</td>'
            f'<td><ul class="ev">{evid}</ul></td><td>{e(", ".join(b for b, _ in r.brands.most_common(4)))}</td>'
            f'<td>{_review_cell(r)}</td></tr>\n')
    out.write("</tbody></table>\n<h2>Flagged pages by site</h2>\n")
    page_reviews = store.latest_reviews("page")
    for i, r in enumerate(summary.sites):
        if not r.flagged and not r.site_evidence:
            continue
        out.write(f'<details id="site-{i}" class="site-detail"{" open" if i < 3 else ""}><summary>{e(r.site)} — '
                  f'<span class="v v-{e(r.verdict)}">{e(r.verdict)}</span> · {r.flagged} of {r.pages} pages flagged'
                  f'</summary>\n')
        ex = ", ".join(_link(u) for _, u in sorted(r.examples, reverse=True))
        fam = ", ".join(x for x, _ in r.families.most_common(3))
        out.write(f'<p class="small">hosts: {e(", ".join(sorted(r.hosts)))}'
                  + (f" · families: {e(fam)}" if fam else "") + f"<br>examples: {ex}</p>\n")
        out.write('<table class="pages"><thead><tr><th>page</th><th>score</th><th>evidence</th>'
                  '<th>legitimate twin (what was copied / injected)</th></tr></thead><tbody>\n')
        n = 0
        for p in site_detail(store, r, f, page_reviews):
            n += 1
            rv = p["review"]
            review = (f'<br><span class="small">reviewed <b>{e(rv["label"])}</b> by {e(rv["reviewer"])}</span>'
                      if rv else "")
            ev = "".join(f"<li>{e(x)}</li>" for x in p["evidence"][:5])
            tw = p["twin"]
            if tw:
                inj = "".join(f'<div class="inj">+ {e(s)}</div>' for s in tw["injected"])
                twin = (f'<div class="twin">{_link(tw["canonical_url"], tw["title"] or tw["canonical_url"])}'
                        f'<br><span class="small">{e(tw["site"])} · {tw["similarity"]:.0%} of text shared</span>'
                        f'</div>{inj}')
            else:
                twin = '<span class="small">no near-duplicate stored from a legitimate site</span>'
            if p.get("provenance"):
                twin = f'<div class="small"><b>{e(p["provenance"])}</b></div>' + twin
            out.write(f'<tr class="page-row"><td><span class="page-title">{e(p["title"] or "(no title)")}</span>'
                      f'<br>{_link(p["url"])}<br><span class="small">{e(p["fetched_at"][:19])}'
                      f'{" · " + e(p["family"]) if p["family"] else ""}</span>{review}</td>'
                      f'<td class="num">{p["score"]:.3f}</td><td><ul class="ev">{ev}</ul></td><td>{twin}</td></tr>\n')
        more = r.flagged - n
        out.write("</tbody></table>")
        if more > 0 and f.detail:
            out.write(f'<p class="small">{more} more flagged pages not listed (highest scores first, '
                      f'{f.detail} per site): run <code>farmwatch report --site {e(r.site)} --detail 0</code></p>')
        out.write("</details>\n")
    from farmwatch.commands.runs import runs_section_html  # issue 20: the crawl runs section

    out.write(runs_section_html(store))
    out.write(f'</main><footer><p><b>Site verdict rule.</b> {e(RULE_TEXT)}</p><p>Self-contained file: no '
              f'network access, no external assets.</p></footer><script>{JS}</script></body></html>\n')
