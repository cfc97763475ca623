"""`farmwatch recall`: labelled real pages scored per family, with their URL and as bare text."""

from __future__ import annotations

import json

from tests.helpers import farmwatch

REFUSAL = ("I\u2019m sorry, but as an AI language model, I cannot write a news article without the article text.\n"
           "Please provide the text you would like me to rewrite, and I will be happy to help.\n")


def _labelled(tmp_path, seeds_dir):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "refusal.txt").write_text(REFUSAL, encoding="utf-8")
    legit = (seeds_dir / "004_e87acb5dcf116a24.txt").read_text(encoding="utf-8")
    (tmp_path / "pages" / "legit.txt").write_text(legit, encoding="utf-8")
    brand = (seeds_dir / "000_28d6e87f0676feb9.txt").read_text(encoding="utf-8")
    (tmp_path / "pages" / "brand.txt").write_text(brand, encoding="utf-8")
    tsv = tmp_path / "labels.tsv"
    tsv.write_text("file\tfamily\turl\n"
                   "pages/refusal.txt\tF5\thttps://dailyupdates.example.net/2025/09/21/council-votes-on-budget/\n"
                   "pages/brand.txt\tF1b\thttps://news.example-brand.com/html/2025/1234.html\n"
                   "pages/legit.txt\tlegit\thttps://www.example-gazette.com/local/story\n", encoding="utf-8")
    return tsv


def test_each_family_is_counted_with_url_and_as_bare_text(tmp_path, seeds_dir):
    proc = farmwatch("recall", "--format", "json", str(_labelled(tmp_path, seeds_dir)))
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    fams = out["families"]
    assert fams["F5"] == {"pages": 1, "url": 1, "text": 1, "url_rate": 1.0, "text_rate": 1.0}
    assert fams["F1b"]["url"] == 1 and fams["F1b"]["text"] == 1
    assert fams["legit"]["url"] == 0 and fams["legit"]["text"] == 0
    assert out["farm"]["pages"] == 2 and out["missed"] == {"url": [], "text": []}


def test_the_table_names_every_family(tmp_path, seeds_dir):
    proc = farmwatch("recall", str(_labelled(tmp_path, seeds_dir)))
    assert proc.returncode == 0, proc.stderr
    for fam in ("F1b", "F5", "legit", "all farms"):
        assert fam in proc.stdout


def test_a_malformed_labels_file_is_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("pages/a.txt\tF5\tftp://x\n", encoding="utf-8")
    proc = farmwatch("recall", str(bad))
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "line 1" in proc.stderr


def test_bare_text_is_scored_without_any_address_not_at_its_file_path(tmp_path, seeds_dir):
    # The same page filed under a farm-shaped folder and a plain one: were the file's location read as an
    # address (a listing path, a commercial slug), the two would score apart; bare text has none.
    text = (seeds_dir / "004_e87acb5dcf116a24.txt").read_text(encoding="utf-8")
    for sub in ("plain", "tag/payday-loans-casino/page/31"):
        (tmp_path / sub).mkdir(parents=True)
        (tmp_path / sub / "page.txt").write_text(text, encoding="utf-8")
    tsv = tmp_path / "labels.tsv"
    tsv.write_text("plain/page.txt\tlegit\t\ntag/payday-loans-casino/page/31/page.txt\tlegit\t\n", encoding="utf-8")
    proc = farmwatch("recall", "--format", "json", str(tsv))
    assert proc.returncode == 0, proc.stderr
    scores = {p["text_score"] for p in json.loads(proc.stdout)["pages"]}
    assert len(scores) == 1, scores
