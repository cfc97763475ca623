"""Every default the README and docs/cron.md state is the default a crawl really gets.

The tables' "default" column (and every "`--option` … (default N)" in the prose) is read from the
documents and compared with the effective settings of both entry points: ``scrapy crawl news``
(the project settings found through ``scrapy.cfg``) and ``farmwatch crawl`` (the same plus the
overrides its command line makes), with the spider's and the command's own option defaults.
A default cell may name a difference: ``False (`farmwatch crawl`: True)``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.helpers import REPO

DOCS = [REPO / "README.md", REPO / "docs" / "cron.md"]
NAME = re.compile(r"`(--[a-z][a-z-]*|[A-Z][A-Z0-9_]+)`")
UNITS = {"s": 1, "kb": 1024, "mb": 1024 * 1024}


def documented_defaults(path: Path) -> list[tuple[str, str, str]]:
    """(document, setting or --option, default text) from every table with a "default" column."""
    out, col = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            col = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if col is None:
            col = cells.index("default") if "default" in cells else -1
            continue
        if col <= 0 or set(cells[0]) <= set("-: ") or len(cells) <= col:
            continue
        names = NAME.findall(cells[col - 1])
        values = [cells[col]] if len(names) == 1 else [v.strip() for v in cells[col].split(",")]
        if len(values) != len(names):  # "--revisit" beside its setting shares the one value
            values = [cells[col]] * len(names)
        out += [(path.name, n, v) for n, v in zip(names, values)]
    for m in re.finditer(r"`(--[a-z-]+|[A-Z][A-Z0-9_]+)`[^`()\n]{0,40}\(default ([^)]+)\)",
                         path.read_text(encoding="utf-8")):
        out.append((path.name, m.group(1), m.group(2)))
    return out


def parse_value(text: str):
    """A documented default as a Python value (units and remarks in parentheses dropped)."""
    text = re.sub(r"\([^)]*\)", "", text.replace("`", "")).strip()
    low = text.lower()
    if low in ("true", "on"):
        return True
    if low in ("false", "off"):
        return False
    if low == "none":
        return None
    if text[:1] in "[{":
        return json.loads(text)
    m = re.fullmatch(r"(-?[\d.]+)\s*([a-z]*)", low)
    if m and (m.group(2) in UNITS or not m.group(2)):
        return float(m.group(1)) * UNITS.get(m.group(2), 1)
    if "," in text:
        return [v.strip() for v in text.split(",")]
    return text


def differs_under_farmwatch_crawl(text: str):
    m = re.search(r"\(`farmwatch crawl`: ([^)]+)\)", text)
    return parse_value(m.group(1)) if m else None


@pytest.fixture(scope="module")
def effective(tmp_path_factory, monkeypatch_module):
    """name → value for (scrapy crawl, farmwatch crawl), options included."""
    from scrapy.utils.project import get_project_settings

    from crawler.spiders.news import NewsSpiderParams
    from farmwatch.cli import build_parser
    from farmwatch.commands.crawl import build_overrides
    from farmwatch.runner import project_settings

    monkeypatch_module.chdir(REPO)  # scrapy.cfg → crawler.settings, as `scrapy crawl` finds it
    monkeypatch_module.delenv("SCRAPY_SETTINGS_MODULE", raising=False)
    scrapy_settings = get_project_settings()
    args = build_parser().parse_args(["crawl", "--seeds", "seeds.txt"])
    farmwatch_settings = project_settings(build_overrides(args))
    options = {}  # every farmwatch command's options; farmwatch crawl's win
    for sub in build_parser()._subparsers._group_actions[0].choices.values():
        for action in sub._actions:
            for flag in action.option_strings:
                options.setdefault(flag, action.default)
    options.update({f"--{a.replace('_', '-')}": getattr(args, a) for a in vars(args)})
    spider_defaults = {f"--{f.replace('_', '-')}": getattr(NewsSpiderParams(), f)
                       for f in ("max_depth", "max_pages_per_site")}
    return scrapy_settings, farmwatch_settings, options, spider_defaults


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


def site_budget(settings, pages: int) -> int:
    """The request cap SiteBudgetMiddleware applies for a spider with this page budget."""
    from types import SimpleNamespace

    from scrapy import Request
    from scrapy.statscollectors import StatsCollector

    from crawler.middlewares import SiteBudgetMiddleware
    from crawler.spiders.news import NewsSpider

    crawler = SimpleNamespace(settings=settings, spider=NewsSpider(urls="http://example.invalid/",
                                                                   max_pages_per_site=pages))
    crawler.stats = StatsCollector(crawler)
    middleware = SiteBudgetMiddleware.from_crawler(crawler)
    middleware.process_request(Request("http://example.invalid/"))
    return middleware.limit


def same(expected, actual) -> bool:
    if isinstance(expected, float) and not isinstance(actual, bool):
        try:
            return float(actual) == expected
        except (TypeError, ValueError):
            return False
    if isinstance(expected, list) and isinstance(actual, (list, tuple)):
        return [str(x) for x in expected] == [str(x) for x in actual]
    return expected == actual


def test_documents_state_defaults():
    found = {n for p in DOCS for _, n, _ in documented_defaults(p)}
    # The tables are read at all: the settings an operator asks about first are among them.
    assert {"FARMWATCH_MAX_REQUESTS_PER_SITE", "FARMWATCH_REVISIT_HOURS", "FARMWATCH_DB",
            "FARMWATCH_MONITOR_MAX_ERROR_RATE", "--revisit", "--max-depth"} <= found


@pytest.mark.parametrize("doc, name, text", [row for p in DOCS for row in documented_defaults(p)],
                         ids=lambda v: v if isinstance(v, str) and len(v) < 60 else None)
def test_documented_default_is_the_effective_default(doc, name, text, effective):
    scrapy_settings, farmwatch_settings, options, spider_defaults = effective
    if name.startswith("--"):
        expected = parse_value(text)
        assert same(expected, options[name]), f"{doc}: farmwatch crawl {name} defaults to {options[name]}, not {text}"
        if name in spider_defaults:
            assert same(expected, spider_defaults[name]), f"{doc}: the news spider's {name} is {spider_defaults[name]}"
        return
    if name == "FARMWATCH_MAX_REQUESTS_PER_SITE":
        assert "3 × max pages per site" in text
        for settings in (scrapy_settings, farmwatch_settings):
            assert site_budget(settings, 200) == 600 and site_budget(settings, 7) == 21
        return
    if name == "FEED_EXPORT_FIELDS":
        from dataclasses import fields

        from crawler.items import PageItem

        assert text == "every stored field"
        assert scrapy_settings.getlist(name) == [f.name for f in fields(PageItem) if f.name != "document"]
        return
    expected = parse_value(text)
    under_farmwatch = differs_under_farmwatch_crawl(text)
    assert name in scrapy_settings, f"{doc} documents {name}, which no settings module defines"
    assert same(expected, scrapy_settings.get(name)), f"{doc}: {name} is {scrapy_settings.get(name)!r}, not {text}"
    want = expected if under_farmwatch is None else under_farmwatch
    assert same(want, farmwatch_settings.get(name)), (
        f"{doc}: under farmwatch crawl {name} is {farmwatch_settings.get(name)!r}, not {text}")


def test_readme_and_seeds_readme_count_the_sample_web_as_its_manifest_does():
    manifest = json.loads((REPO / "seeds" / "sampleweb" / "manifest.json").read_text(encoding="utf-8"))
    hosts = list(manifest["hosts"].values())
    outlets = {h["site"] for h in hosts if h["kind"] == "legit"}
    simulated = [h for h in hosts if h["kind"] == "farm" and not h.get("reallike")]
    reallike = {h["site"] for h in hosts if h["kind"] == "farm" and h.get("reallike")}
    word = dict(enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]))
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    m = re.search(r"(\w+) outlets, (\w+) farm sites copying them", readme)
    assert m, "the README no longer says how many outlets and farm sites the sample web has"
    assert m.groups() == (word[len(outlets)], word[len({h["site"] for h in simulated})])
    if reallike:
        assert f"{word[len(reallike)]} real-like farm sites" in readme
    seeds_readme = (REPO / "seeds" / "README.md").read_text(encoding="utf-8")
    assert f"**{word[len(outlets)].capitalize()} legitimate outlets**" in seeds_readme
    assert f"**{word[len(simulated)].capitalize()} farm hosts**" in seeds_readme
    if reallike:
        assert f"**{word[len(reallike)].capitalize()} real-like farm sites**" in seeds_readme
