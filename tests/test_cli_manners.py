"""What every command does the same way: a closed pipe, --version, aligned tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crawler.storage import open_store
from tests.helpers import REPO
from tests.test_report_formats import sample_rows


@pytest.fixture()
def report_db(tmp_path):
    db = tmp_path / "fw.sqlite"
    with open_store(db) as store:
        store.upsert_pages(sample_rows())
        store.add_review("site", "citypost.co.uk", "legit", "long-standing local paper", "ann")
    return db


def _closed_pipe(*args: str) -> subprocess.CompletedProcess:
    """Run farmwatch with its stdout a pipe nobody reads any more (`| head -0`)."""
    read, write = os.pipe()
    os.close(read)  # every write to stdout now fails with EPIPE
    try:
        return subprocess.run([sys.executable, "-m", "farmwatch", *args], stdout=write, stderr=subprocess.PIPE,
                              text=True, cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=300)
    finally:
        os.close(write)


def test_every_command_exits_quietly_when_its_reader_goes_away(report_db, sample_root):
    page = str(sample_root / "lakeview-tribune.com" / "index.html")
    for args in (["--help"], ["--version"], ["report", "--db", str(report_db), "--format", "csv"],
                 ["report", "--db", str(report_db)], ["report", "--db", str(report_db), "--format", "json"],
                 ["review", "--list", "--db", str(report_db)], ["classify", page], ["model", "list"]):
        proc = _closed_pipe(*args)
        assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, (args, proc.stderr)
        assert proc.returncode == 0, (args, proc.returncode, proc.stderr)


def test_version_names_the_package_and_the_shipped_model():
    card = json.loads((REPO / "models" / "model-card.json").read_text())
    proc = subprocess.run([sys.executable, "-m", "farmwatch", "--version"], capture_output=True, text=True, cwd=REPO,
                          env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert proc.returncode == 0
    assert proc.stdout.startswith("farmwatch 0.")
    assert f"model {card['version']}, threshold {card['threshold']}" in proc.stdout


def test_tables_line_up_whatever_the_cell_widths():
    from farmwatch.console import table

    lines = table(["at", "n", "target", "note"], [["2026-12-01", 7, "a-very-long-site-name.example", "x"],
                                                  ["2026-12-02", 1234, "b.com", "tab\there"]], right=(1,))
    starts = {ln.index("a-very") if "a-very" in ln else ln.index("b.com") if "b.com" in ln else ln.index("target")
              for ln in lines}
    assert len(starts) == 1, lines
    assert lines[1].split()[1] == "7" and lines[1].index("7") == lines[2].index("4")  # numbers right-aligned
    assert "\t" not in lines[2]


def test_progress_estimates_time_left_from_the_pace_so_far():
    from io import StringIO

    from farmwatch.console import Progress

    now = [0.0]
    out = StringIO()
    p = Progress(10, "train", stream=out, every=0, clock=lambda: now[0])
    now[0] = 30.0
    p.update(3, "fold 3")
    assert out.getvalue().strip() == "train: 3/10 (30%), 30 s elapsed, about 1 min 10 s left · fold 3"
