"""`farmwatch classify`: saved pages scored by the crawl's code path, errors stated plainly."""

from __future__ import annotations

import gzip
import json

from tests.helpers import farmwatch


def _labels(seeds_dir) -> dict[str, str]:
    lines = (seeds_dir / "labels.tsv").read_text().splitlines()[1:]
    return {ln.split("\t")[0]: ln.split("\t")[1] for ln in lines if ln.strip()}


def test_every_seed_gets_its_label(seeds_dir):
    proc = farmwatch("classify", "--format", "json", *sorted(str(p) for p in seeds_dir.glob("*.txt")))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    got = {r["path"].rsplit("/", 1)[1]: r for r in rows}
    for name, label in _labels(seeds_dir).items():
        assert got[name]["verdict"] == label, (name, got[name])
        assert 0.0 <= got[name]["score"] <= 1.0
        assert {"path", "verdict", "score", "evidence"} <= set(got[name])


def test_evidence_names_the_injected_brand(seeds_dir):
    proc = farmwatch("classify", "--format", "json", str(seeds_dir / "000_28d6e87f0676feb9.txt"))
    row = json.loads(proc.stdout)
    text = " ".join(row["evidence"])
    assert "PredictIQ Quantitative Think Tank Center" in text or "Elevate Capital Network" in text, row["evidence"]


def test_table_output_lists_each_file_and_html_gz_is_read(seeds_dir, tmp_path):
    page = tmp_path / "page.html.gz"
    body = (seeds_dir / "004_e87acb5dcf116a24.txt").read_text().split("\n")
    html = "<html><head><title>%s</title></head><body>%s</body></html>" % (
        body[0], "".join(f"<p>{ln}</p>" for ln in body[1:] if ln))
    page.write_bytes(gzip.compress(html.encode()))
    proc = farmwatch("classify", str(page), str(seeds_dir / "000_28d6e87f0676feb9.txt"))
    assert proc.returncode == 0, proc.stderr
    assert "page.html.gz" in proc.stdout and "000_28d6e87f0676feb9.txt" in proc.stdout
    assert "verdict" in proc.stdout.splitlines()[0]


def test_unreadable_file_is_reported_and_the_others_still_scored(seeds_dir, tmp_path):
    junk = tmp_path / "junk.html.gz"
    junk.write_bytes(b"not gzip at all")
    proc = farmwatch("classify", "--format", "json", str(junk), str(seeds_dir / "000_28d6e87f0676feb9.txt"))
    assert proc.returncode == 3
    assert "junk.html.gz: not a valid gzip file" in proc.stderr
    assert len(proc.stdout.splitlines()) == 1


def test_missing_model_is_a_clear_error_not_a_traceback(tmp_path, seeds_dir):
    proc = farmwatch("classify", "--model", str(tmp_path / "nope.skops"), str(seeds_dir / "000_28d6e87f0676feb9.txt"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "nope.skops" in proc.stderr


def test_corrupt_model_is_a_clear_error_not_a_traceback(tmp_path, seeds_dir):
    bad = tmp_path / "bad.skops"
    bad.write_bytes(b"\x00garbage" * 100)
    proc = farmwatch("classify", "--model", str(bad), str(seeds_dir / "000_28d6e87f0676feb9.txt"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_help_reads_like_docs():
    proc = farmwatch("--help")
    assert proc.returncode == 0
    for command in ("run", "crawl", "classify", "report", "review", "train", "evaluate"):
        assert command in proc.stdout


def test_lofo_seeds_below_one_is_a_usage_error(tmp_path):
    proc = farmwatch("evaluate", "--corpus", str(tmp_path), "--lofo-seeds", "0")
    assert proc.returncode == 2
    assert "--lofo-seeds: expected a whole number of at least 1" in proc.stderr


def test_lofo_seeds_default_is_the_harness_default():
    # The CLI keeps numpy and scikit-learn out of `--help`, so it cannot import the constant.
    import argparse

    from classifier.evaluate import LOFO_SEEDS
    from farmwatch.commands.train import add_data_arguments

    p = argparse.ArgumentParser()
    add_data_arguments(p)
    assert p.parse_args(["--corpus", "c"]).lofo_seeds == LOFO_SEEDS
