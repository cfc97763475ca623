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

from farmwatch.report.aggregate import HIST_BINS, Filters, SiteRow, Summary, site_detail
from farmwatch.console import printable
from farmwatch.report.families import FAMILIES
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
            "model": summary.model_card,
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

CSV_FIELDS = ["site", "verdict", "confidence", "verdict_source", "model_verdict", "review_disagrees",
              "review_id", "review_label", "review_by", "review_at", "review_note", "pages", "flagged", "flagged_share", "mean_score", "max_score", "first_seen", "last_seen",
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
        d.update(review_id=r.get("id", ""), review_label=r.get("label", ""), review_by=r.get("reviewer", ""),
                 review_at=r.get("at", ""), review_note=r.get("note", ""),
                 review_disagrees="yes" if d["review_disagrees"] else "")
        for key in ("hosts", "families", "top_evidence", "brands", "example_urls"):
            d[key] = " | ".join(d[key])
        w.writerow([neutralise(d[k]) for k in CSV_FIELDS])


# --- text table ------------------------------------------------------------------------------


def review_text(review: dict | None, with_note: bool = True) -> str:
    """``legit by ann 2026-12-01: note`` — a review as every format shows it."""
    if not review:
        return ""
    text = f"{review['label']} by {review.get('reviewer') or '?'} {str(review.get('at') or '')[:10]}"
    return text + (f": {review['note']}" if with_note and review.get("note") else "")


def disagreement_text(r: SiteRow) -> str:
    """Why a review is marked: the model's own verdict and what it rests on."""
    return (f"model says {r.model_verdict} ({r.flagged} of {r.pages} pages flagged, max score {r.max_score:.2f}), "
            f"review says {r.review['label']}")


def header_line(summary: Summary) -> str:
    t = summary.totals
    m = summary.model_card
    line = (f"{t['sites']} sites, {t['pages']} pages, {t['flagged']} flagged; farm {t['farm_sites']}, "
            f"unsure {t['unsure_sites']}, legit {t['legit_sites']}; {t['reviewed_sites']} reviewed, "
            f"{t['disagreements']} where review and model disagree")
    if m.get("version"):
        line += f"; model {m['version']}, threshold {m['threshold']}"
    return line


def write_table(summary: Summary, store, out: IO[str]) -> None:
    from farmwatch.console import table

    sites = summary.sites
    out.write(header_line(summary) + "\n")
    if not sites:
        return
    rows = []
    for r in sites:
        review = review_text(r.review, with_note=False) + (" ≠ model " + r.model_verdict if r.disagrees else "")
        rows.append([r.site, r.verdict, f"{r.confidence:.2f}", r.pages, r.flagged, f"{r.share:.0%}",
                     f"{r.max_score:.2f}", review, (r.top_evidence(1) or [""])[0][:70]])
    for line in table(["site", "verdict", "conf", "pages", "flagged", "share", "max", "review", "top evidence"],
                      rows, right=(2, 3, 4, 5, 6)):
        out.write(line + "\n")
    reviewed = [r for r in sites if r.review]
    if reviewed:
        out.write("\nreviews:\n")
        for r in reviewed:
            out.write(f"  {r.site}: {printable(review_text(r.review))}"
                      + (f"\n    DISAGREES: {disagreement_text(r)}" if r.disagrees else "") + "\n")
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
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;color:#c9d1dc;font-size:13px}main{padding:16px 24px;max-width:1400px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:14px}.card{background:#fff;border:1px solid #dde2e8;
border-radius:6px;padding:10px 14px;min-width:110px;flex:0 1 auto}.card b{display:block;font-size:22px}
.card.warn{border-color:#c0392b}
.charts{display:flex;gap:16px;flex-wrap:wrap}.chart{background:#fff;border:1px solid #dde2e8;border-radius:6px;
padding:10px;flex:1 1 320px;max-width:560px;min-width:0}.chart h2{font-size:14px;margin:0 0 6px}
.chart svg{width:100%;height:auto;display:block}svg text{font-size:10px;fill:#556}
.legend{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:14px 0;padding:6px 12px}
.legend dl{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:6px 0}.legend dt{font-weight:600}
.legend dd{margin:0}
.controls{margin:14px 0 8px;display:flex;gap:10px;align-items:center;flex-wrap:wrap}input,select{font:inherit;
padding:4px 6px;max-width:100%}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}th,td{border-bottom:1px solid #e4e7eb;
padding:5px 7px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#eef1f5;cursor:pointer;
user-select:none;position:sticky;top:0}th.sorted-asc::after{content:" \\25B2"}th.sorted-desc::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal;white-space:nowrap}
th{overflow-wrap:normal}.v{font-weight:600;border-radius:3px;padding:1px 6px;white-space:nowrap}
.v-farm{background:#fde2e1;color:#9b1c1c}.v-legit{background:#dff3e4;color:#1d6b35}.v-unsure{background:#fff3cd;
color:#7a5a00}.small{font-size:12px;color:#5a6472}.ev{margin:0;padding-left:16px}details{background:#fff;
border:1px solid #dde2e8;border-radius:6px;margin:8px 0;padding:6px 12px}summary{cursor:pointer;font-weight:600}
.disagree{display:inline-block;background:#9b1c1c;color:#fff;border-radius:3px;padding:0 5px;font-size:12px;
font-weight:600}.note{font-style:italic}
.twin{background:#f3f6fa;border-left:3px solid #6b8fb5;padding:4px 8px;margin-top:4px}
.inj{background:#fff4f4;border-left:3px solid #c0392b;padding:2px 8px;margin:3px 0}
ins{background:#fbd3d0;text-decoration:none;font-weight:600}del{color:#7a8794}
a{color:#1f5fa8;overflow-wrap:anywhere}footer{padding:16px 24px;color:#5a6472;font-size:12px}
@media (max-width:700px){
header,main,footer{padding-left:10px;padding-right:10px}.card{min-width:0;flex:1 1 40%}
table.cardable thead{display:none}table.cardable,table.cardable tbody,table.cardable tr,table.cardable td{display:block;
width:100%}table.cardable tr{border:1px solid #dde2e8;border-radius:6px;margin:0 0 10px;padding:4px 0;background:#fff}
table.cardable td{border:0;padding:3px 10px;text-align:left}table.cardable td[data-label]::before{
content:attr(data-label) ": ";color:#5a6472;font-size:12px}table.cardable td.num{display:inline-block;width:auto;
padding-right:2px}table.cardable td:empty{display:none}details{padding:6px 8px}
.legend dl{grid-template-columns:1fr}.legend dd{margin:0 0 6px}
}
"""

# Sorting, and one filter for everything shown: the site rows, each site's section and the page
# rows in it. A query matching a site's name or row shows its whole section; otherwise only the
# page rows that match, and a section with none is hidden. The script only hides and reorders
# existing elements; it never builds markup from data.
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
  var q=document.getElementById('filter'), vsel=document.getElementById('verdict'),
      shown=document.getElementById('shown'), pshown=document.getElementById('pages-shown');
  var sections=document.querySelectorAll('details.site-detail');
  function has(el,t){return !t||el.textContent.toLowerCase().indexOf(t)>=0;}
  function apply(){var t=q.value.toLowerCase().trim(), v=vsel.value, n=0, np=0, whole={};
    Array.prototype.forEach.call(body.rows,function(r){
      var site=r.getAttribute('data-site'), vok=!v||r.getAttribute('data-verdict')===v;
      var ok=vok&&has(r,t); r.style.display=ok?'':'none'; if(ok){n++; whole[site]=true;}});
    Array.prototype.forEach.call(sections,function(d){
      var site=d.getAttribute('data-site'), vok=!v||d.getAttribute('data-verdict')===v, any=0;
      Array.prototype.forEach.call(d.querySelectorAll('tr.page-row'),function(r){
        var ok=vok&&(whole[site]||has(r,t)); r.style.display=ok?'':'none'; if(ok) any++;});
      d.style.display=(vok&&(whole[site]||any))?'':'none'; np+=any;});
    shown.textContent=n; pshown.textContent=np;}
  q.addEventListener('input',apply); vsel.addEventListener('change',apply); apply();
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def _histogram_svg(hist: list[int], flagged: list[int], threshold: float | None = None) -> str:
    """Pages per score bin, the flagged part of each bar red and the rest blue; scales to its box."""
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
    mark = ""
    if threshold is not None:
        tx = pad + (w - pad - 8) * float(threshold)
        mark = (f'<line x1="{tx:.1f}" y1="10" x2="{tx:.1f}" y2="{h - pad}" stroke="#1d2430" stroke-dasharray="3,2">'
                f'<title>threshold {threshold}</title></line>')
    anchors = ["start", "middle", "middle", "middle", "end"]
    axis = "".join(f'<text x="{pad + i * (w - pad - 8) / 4:.0f}" y="{h - pad + 14}" text-anchor="{anchors[i]}">'
                   f'{i / 4:.2f}</text>' for i in range(5))
    return (f'<svg role="img" aria-label="score distribution" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - 8}" y2="{h - pad}" stroke="#889"/>{"".join(bars)}{mark}{axis}'
            f'<text x="4" y="12">{top}</text><text x="{w / 2:.0f}" y="{h - 2}" text-anchor="middle">page score</text></svg>')


def _timeline_svg(days: list[tuple[str, int]]) -> str:
    w, h, pad = 520, 170, 28
    if not days:
        return f'<svg viewBox="0 0 {w} {h}"><text x="10" y="20">no flagged pages</text></svg>'
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
    return (f'<svg role="img" aria-label="flagged pages per day" viewBox="0 0 {w} {h}" preserveAspectRatio="xMidYMid meet">'
            f'<line x1="{pad}" y1="{h - pad}" x2="{w - 8}" y2="{h - pad}" stroke="#889"/>'
            f'<polyline fill="none" stroke="#c0392b" stroke-width="1.5" points="{" ".join(pts)}"/>{"".join(dots)}'
            f'{labels}<text x="4" y="12">{top}</text></svg>')


def _review_html(review: dict | None) -> str:
    """Label, reviewer, date and note of a review, the same wherever a review shows."""
    if not review:
        return '<span class="small">not reviewed</span>'
    note = f'<br><span class="note">“{e(review["note"])}”</span>' if review.get("note") else ""
    return (f'<span class="v v-{e(review["label"])}">{e(review["label"])}</span> <span class="small">by '
            f'{e(review.get("reviewer") or "?")} {e(str(review.get("at") or "")[:10])}</span>{note}')


def _review_cell(r) -> str:
    if not r.review:
        return _review_html(None)
    extra = (f'<br><span class="small">{r.flagged_since_review} new flags since</span>'
             if r.flagged_since_review else "")
    if r.disagrees:
        extra += f'<br><span class="disagree" title="{e(disagreement_text(r))}">≠ model: {e(r.model_verdict)}</span>'
    return _review_html(r.review) + extra


def _diff_html(change: dict) -> str:
    """One changed sentence, its changed words marked inside the line."""
    parts = []
    for kind, text in change["diff"]:
        tag = {"add": "ins", "del": "del"}.get(kind)
        parts.append(f"<{tag}>{e(text)}</{tag}>" if tag else e(text))
    return f'<div class="inj">{"+ " if change["edit_of"] is None else "~ "}{" ".join(parts)}</div>'


def _twin_html(tw: dict | None) -> str:
    if not tw:
        return '<span class="small">no near-duplicate stored from a legitimate site</span>'
    listed = "".join(_diff_html(c) for c in tw["changed"])
    more = (f'<div class="small">… and {tw["more"]} more changed sentences</div>' if tw["more"] else "")
    return (f'<div class="twin">{_link(tw["canonical_url"], tw["title"] or tw["canonical_url"])}'
            f'<br><span class="small">{e(tw["site"])} · {tw["shared"]:.0%} of the text shared '
            f'({tw["sentences"] - tw["changed_sentences"]} of {tw["sentences"]} sentences the same, quotes, dashes and '
            f'spaces aside)</span></div>{listed}{more}')


def _legend(summary: Summary) -> str:
    m = summary.model_card
    threshold = f"{m['threshold']}" if m.get("threshold") is not None else "the model's threshold"
    fams = "".join(f"<dt>{e(code)}</dt><dd>{e(text)}</dd>" for code, text in FAMILIES.items())
    return (
        '<details class="legend" id="legend"><summary>How to read this report</summary><dl>'
        '<dt><span class="v v-farm">farm</span></dt><dd>the site copies reporting as a content farm does '
        '(its pages flagged by the model, or an analyst said so)</dd>'
        '<dt><span class="v v-unsure">unsure</span></dt><dd>some pages flagged, too few to call: worth a look</dd>'
        '<dt><span class="v v-legit">legit</span></dt><dd>no page flagged (or a stray few on a big site), or '
        'an analyst reviewed it legitimate</dd>'
        '<dt><span class="disagree">≠ model</span></dt><dd>an analyst\'s review and the model disagree about '
        'the site: the review decides the verdict, the mark says to look again</dd>'
        f'<dt>score</dt><dd>0–1 per page, how farm-like the model finds it; a page scoring at least {e(threshold)} '
        'is flagged (red in the chart)</dd>'
        '<dt>confidence</dt><dd>per site: flagged share × mean flagged score × f/(f+1) for f flagged pages</dd>'
        '<dt>share</dt><dd>the site\'s pages that are flagged</dd>'
        '<dt>twin</dt><dd>the legitimate page a flagged page copies; <ins>marked words</ins> are the farm\'s, '
        '<del>struck ones</del> the original\'s</dd>'
        f'</dl><p class="small"><b>Farm families</b> (the model\'s best guess of how a page was made)</p><dl>{fams}</dl>'
        '</details>\n')


def write_html(summary: Summary, store, out: IO[str], *, title: str = "farmwatch report") -> None:
    t = summary.totals
    f = summary.filters
    m = summary.model_card
    flt = ", ".join(f"{k}={v}" for k, v in _filters_dict(f).items() if v not in (None, "") and k != "detail")
    model = (f"model {m['version']}, threshold {m['threshold']}" if m.get("version") else "model unknown")
    scored_by = ", ".join(f"{v} ({n} pages)" for v, n in (m.get("scored_by") or {}).items())
    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
              '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
              'style-src \'unsafe-inline\'; script-src \'unsafe-inline\'; img-src data:">'
              '<meta name="viewport" content="width=device-width, initial-scale=1">'
              f'<title>{e(title)}</title><style>{CSS}</style></head><body>\n')
    out.write(f'<header><h1>{e(title)}</h1><p>generated {e(_now())} · {e(flt or "no filters")}</p>'
              f'<p id="model">{e(model)}' + (f' · pages scored by {e(scored_by)}' if scored_by else "")
              + '</p></header><main>\n')
    cards = [("sites", "sites"), ("farm_sites", "farm sites"), ("unsure_sites", "unsure sites"),
             ("legit_sites", "legit sites"), ("pages", "pages"), ("flagged", "flagged pages"),
             ("reviewed_sites", "reviewed sites"), ("disagreements", "review ≠ model")]
    out.write('<div class="cards">' + "".join(
        f'<div class="card{" warn" if k == "disagreements" and t.get(k) else ""}"><b id="total-{k}">{t.get(k, 0)}'
        f'</b>{label}</div>' for k, label in cards) + "</div>\n")
    out.write(_legend(summary))
    out.write('<div class="charts"><div class="chart"><h2>Score distribution (red: flagged; dashed: threshold)</h2>'
              f'{_histogram_svg(summary.histogram, summary.histogram_flagged, m.get("threshold"))}</div>'
              '<div class="chart"><h2>Flagged pages over time (by day fetched)</h2>'
              f'{_timeline_svg(summary.flagged_by_day)}</div></div>\n')
    out.write('<div class="controls"><label>Filter <input id="filter" type="search" placeholder="site, brand, '
              'evidence, URL…"></label><label>Verdict <select id="verdict"><option value="">all</option>'
              '<option>farm</option><option>unsure</option><option>legit</option></select></label>'
              f'<span class="small"><span id="shown">{len(summary.sites)}</span> of {len(summary.sites)} sites, '
              f'<span id="pages-shown">0</span> flagged pages listed · click a column to sort</span></div>\n')
    heads = ["site", "verdict", "confidence", "pages", "flagged", "share", "mean", "max", "first seen", "last seen",
             "top evidence", "brands", "review"]
    out.write('<table id="sites" class="cardable"><thead><tr>' + "".join(f"<th>{h}</th>" for h in heads)
              + '</tr></thead><tbody>\n')
    anchors = {}
    for i, r in enumerate(summary.sites):
        anchors[r.site] = f"site-{i}"
        hosts = sorted(r.hosts)
        host_txt = ", ".join(hosts[:5]) + (f" +{len(hosts) - 5 + r.more_hosts}" if len(hosts) > 5 or r.more_hosts else "")
        evid = "".join(f"<li>{e(x)}</li>" for x in r.top_evidence(3))
        cells = [
            f'<td data-label="site" data-sort="{e(r.site)}">'
            + (f'<a href="#site-{i}">{e(r.site)}</a>' if r.flagged or r.site_evidence else e(r.site))
            + f'<br><span class="small">{e(host_txt)}</span></td>',
            f'<td data-label="verdict" data-sort="{["farm", "unsure", "legit"].index(r.verdict) if r.verdict in ("farm", "unsure", "legit") else 3}">'
            f'<span class="v v-{e(r.verdict)}">{e(r.verdict)}</span>'
            + ('<br><span class="small">by review</span>' if r.verdict_source == "review" else "")
            + "".join(f'<br><span class="small">{e(x)}</span>' for x in r.reasons[1:]) + "</td>",
            f'<td data-label="confidence" class="num" data-sort="{r.confidence}">{r.confidence:.2f}</td>',
            f'<td data-label="pages" class="num" data-sort="{r.pages}">{r.pages}</td>',
            f'<td data-label="flagged" class="num" data-sort="{r.flagged}">{r.flagged}</td>',
            f'<td data-label="share" class="num" data-sort="{r.share:.4f}">{r.share:.0%}</td>',
            f'<td data-label="mean score" class="num" data-sort="{r.mean_score:.4f}">{r.mean_score:.2f}</td>',
            f'<td data-label="max score" class="num" data-sort="{r.max_score:.4f}">{r.max_score:.2f}</td>',
            f'<td data-label="first seen">{e(r.first_seen[:10])}</td><td data-label="last seen">{e(r.last_seen[:10])}</td>',
            f'<td data-label="top evidence"><ul class="ev">{evid}</ul></td>',
            f'<td data-label="brands">{e(", ".join(b for b, _ in r.brands.most_common(4)))}</td>',
            f'<td data-label="review">{_review_cell(r)}</td>',
        ]
        out.write(f'<tr data-verdict="{e(r.verdict)}" data-site="{e(r.site)}"'
                  + (' class="disagrees"' if r.disagrees else "") + ">" + "".join(cells) + "</tr>\n")
    out.write("</tbody></table>\n<h2>Flagged pages by site</h2>\n")
    page_reviews = store.latest_reviews("page")
    opened = 0
    for i, r in enumerate(summary.sites):
        if not r.flagged and not r.site_evidence:
            continue
        # Sites come largest farm first: the first three with flags open, the rest one click away.
        opened += 1
        out.write(f'<details id="{anchors[r.site]}" class="site-detail" data-site="{e(r.site)}" '
                  f'data-verdict="{e(r.verdict)}"{" open" if opened <= 3 else ""}><summary>{e(r.site)} — '
                  f'<span class="v v-{e(r.verdict)}">{e(r.verdict)}</span> · {r.flagged} of {r.pages} pages flagged'
                  + (' <span class="disagree">review ≠ model</span>' if r.disagrees else "") + '</summary>\n')
        ex = ", ".join(_link(u) for _, u in sorted(r.examples, reverse=True))
        fam = ", ".join(x for x, _ in r.families.most_common(3))
        out.write(f'<p class="small">hosts: {e(", ".join(sorted(r.hosts)))}'
                  + (f" · families: {e(fam)}" if fam else "") + f"<br>examples: {ex}</p>\n")
        if r.review:
            out.write(f'<p class="small">review: {_review_html(r.review)}'
                      + (f' · <b>{e(disagreement_text(r))}</b>' if r.disagrees else "") + '</p>\n')
        out.write('<table class="pages cardable"><thead><tr><th>page</th><th>score</th><th>evidence</th>'
                  '<th>legitimate twin (what was copied / changed)</th></tr></thead><tbody>\n')
        n = 0
        for p in site_detail(store, r, f, page_reviews):
            n += 1
            rv = p["review"]
            review = f'<br><span class="small">reviewed</span> {_review_html(rv)}' if rv else ""
            ev = "".join(f"<li>{e(x)}</li>" for x in p["evidence"][:5])
            fam = (f' · <abbr title="{e(FAMILIES.get(p["family"], ""))}">{e(p["family"])}</abbr>'
                   if p["family"] else "")
            provenance = f'<div class="small"><b>{e(p["provenance"])}</b></div>' if p.get("provenance") else ""
            out.write(f'<tr class="page-row"><td data-label="page"><span class="page-title">'
                      f'{e(p["title"] or "(no title)")}</span><br>{_link(p["url"])}<br><span class="small">'
                      f'{e(p["fetched_at"][:19])}{fam}</span>{review}</td>'
                      f'<td data-label="score" class="num">{p["score"]:.3f}</td>'
                      f'<td data-label="evidence"><ul class="ev">{ev}</ul></td>'
                      f'<td data-label="twin">{provenance}{_twin_html(p["twin"])}</td></tr>\n')
        more = r.flagged - n
        out.write("</tbody></table>")
        if more > 0 and f.detail:
            out.write(f'<p class="small">{more} more flagged pages not listed (highest scores first, '
                      f'{f.detail} per site): run <code>farmwatch report --site {e(r.site)} --detail 0</code></p>')
        out.write("</details>\n")
    from farmwatch.commands.runs import runs_section_html  # issue 20: the crawl runs section

    out.write(runs_section_html(store))
    out.write(f'</main><footer><p><b>Site verdict rule.</b> {e(RULE_TEXT)}</p><p>{e(model)}. Self-contained '
              f'file: no network access, no external assets.</p></footer><script>{JS}</script></body></html>\n')
