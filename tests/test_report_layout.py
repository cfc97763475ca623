"""The HTML report in headless Chromium at phone and desktop widths: nothing overflows, cards on a
phone, a legend, the model named, one filter for everything, the largest farm open first."""

from __future__ import annotations

import pytest

from crawler.storage import open_store
from farmwatch.cli import main
from tests.test_report_browser import ARTIFACTS, _chromium, _run
from tests.test_report_formats import STORIES, _page, sample_rows

import lxml.html

# Measured in the page after the report's own script ran: the document's width against the window's,
# and every visible element whose right edge passes the window's.
MEASURE = """<script>
setTimeout(function(){
  var root=document.documentElement, w=root.clientWidth, over=[];
  Array.prototype.forEach.call(document.querySelectorAll('body *'),function(el){
    var r=el.getBoundingClientRect(); if(r.width>0&&r.right>w+1) over.push(el.tagName.toLowerCase()+'.'+el.className+'@'+Math.round(r.right));});
  root.setAttribute('data-client-width',w); root.setAttribute('data-scroll-width',root.scrollWidth);
  root.setAttribute('data-overflow',over.slice(0,8).join(' | '));
  var row=document.querySelector('#sites tbody tr');
  root.setAttribute('data-row-display',getComputedStyle(row).display);
  var q=document.getElementById('filter'); q.value=%(query)s; q.dispatchEvent(new Event('input'));
  function shown(sel){return Array.prototype.filter.call(document.querySelectorAll(sel),function(el){
    return el.style.display!=='none'&&(!el.closest('details.site-detail')||el.closest('details.site-detail').style.display!=='none');}).length;}
  root.setAttribute('data-filtered', [shown('#sites tbody tr'), shown('details.site-detail'), shown('tr.page-row'),
                                      document.getElementById('shown').textContent].join(','));
  root.setAttribute('data-measured','1');
  var out={}; Array.prototype.forEach.call(root.attributes,function(a){if(a.name.indexOf('data-')===0) out[a.name]=a.value;});
  if(window.parent!==window) window.parent.postMessage(out,'*');
},0);
</script>"""

# Chromium's headless window is at least 500 px wide: the report is measured in a frame as wide as
# the screen under test, which passes its measures up to this page.
FRAME = """<!DOCTYPE html><html><body style="margin:0"><iframe src="%(src)s" style="border:0;width:%(width)dpx;height:%(height)dpx"></iframe>
<script>window.addEventListener('message',function(e){var r=document.documentElement;
for(var k in e.data) r.setAttribute(k,e.data[k]);});</script></body></html>"""

LONG = "https://market.moneyrank-news.com/" + "very-long-path-segment-" * 8 + "end.html"


@pytest.fixture()
def report(tmp_path):
    db = tmp_path / "fw.sqlite"
    rows = sample_rows()
    # a bigger farm site than moneyrank (3 flags), on a long URL, to be listed and opened first
    for i in range(5):
        rows.append(_page(f"https://www.bigfarm.net/copy/{i}" + ("-x" * 60 if i == 0 else ""), "bigfarm.net",
                          "www.bigfarm.net", "farm", STORIES[i % 4] + " Sponsored by QuickLoanz.", f"Copy {i}",
                          0.99, 11 + i, evidence=["vote counter \"veryGood! (9)\""], family="F7"))
    rows.append(_page(LONG, "moneyrank-news.com", "market.moneyrank-news.com", "farm", STORIES[3], "Long one",
                      0.96, 12, family="F1a"))
    with open_store(db) as store:
        store.upsert_pages(rows)
        store.add_review("site", "moneyrank-news.com", "legit", "licensed syndication, checked with them", "ann")
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    return out


def _framed(tmp_path, page, width: int, height: int):
    frame = tmp_path / f"frame-{page.stem}.html"
    frame.write_text(FRAME % {"src": page.name, "width": width, "height": height}, encoding="utf-8")
    return frame, [f"--window-size={max(width, 600)},{height}"]


def _measured(browser, report, tmp_path, width: int, query: str = ""):
    import json

    page = tmp_path / f"measure-{width}.html"
    page.write_text(report.read_text(encoding="utf-8").replace(
        "</body>", MEASURE % {"query": json.dumps(query)} + "</body>"), encoding="utf-8")
    frame, window = _framed(tmp_path, page, width, 900)
    dom = _run(browser, tmp_path / f"profile-{width}", *window, "--virtual-time-budget=5000",
               "--dump-dom", frame.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    doc = lxml.html.fromstring(dom.stdout)
    assert doc.get("data-measured") == "1", "the measuring script did not run"
    return doc


@pytest.mark.slow
@pytest.mark.parametrize("width", [360, 390, 1400])
def test_report_fits_the_window_at_phone_and_desktop_widths(report, tmp_path, width):
    browser = _chromium()
    doc = _measured(browser, report, tmp_path, width)
    assert int(doc.get("data-client-width")) == width  # the page was laid out at the width under test
    assert int(doc.get("data-scroll-width")) <= width, doc.get("data-overflow")
    assert doc.get("data-overflow") == ""
    # below ~700 px the site table becomes one card per site
    assert doc.get("data-row-display") == ("block" if width < 700 else "table-row")
    shot = ARTIFACTS / f"report-{width}px.png"  # for people to look at; the measure above is the check
    ARTIFACTS.mkdir(exist_ok=True)
    frame, window = _framed(tmp_path, report, width, 1600)
    cap = _run(browser, tmp_path / "profile-shot", *window, "--virtual-time-budget=5000",
               f"--screenshot={shot}", frame.as_uri())
    assert cap.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", cap.stderr[-2000:]


@pytest.mark.slow
def test_one_filter_applies_to_site_rows_sections_and_page_rows(report, tmp_path):
    browser = _chromium()
    # "QuickLoanz" is only in bigfarm.net's page text; "Long one" only in one moneyrank page's title
    doc = _measured(browser, report, tmp_path, 1400, "long one")
    sites, sections, pages, shown = doc.get("data-filtered").split(",")
    assert (int(sections), int(pages)) == (1, 1)  # the one page row, in its site's section only
    doc = _measured(browser, report, tmp_path, 1400, "bigfarm")
    sites, sections, pages, shown = doc.get("data-filtered").split(",")
    assert (sites, sections, pages, shown) == ("1", "1", "5", "1")  # a site match shows its whole section


def test_report_explains_itself_and_opens_the_largest_farm_first(report):
    doc = lxml.html.fromstring(report.read_text(encoding="utf-8"))
    legend = doc.get_element_by_id("legend").text_content()
    for code in ("F1a", "F1b", "F3", "F7", "F10"):
        assert code in legend
    assert "keyword shell" in legend and "≠ model" in legend and "confidence" in legend
    from classifier.model import DEFAULT_MODEL, card_path_for
    import json

    card = json.loads(card_path_for(DEFAULT_MODEL).read_text())
    assert f"model {card['version']}, threshold {card['threshold']}" in doc.get_element_by_id("model").text_content()
    sections = doc.xpath('//details[@class="site-detail"]')
    assert sections[0].get("data-site") == "bigfarm.net" and sections[0].get("open") is not None
    rows = [r.get("data-site") for r in doc.xpath('//table[@id="sites"]/tbody/tr')]
    assert rows[0] == "bigfarm.net"
