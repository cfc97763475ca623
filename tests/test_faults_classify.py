"""`farmwatch classify` holds saved pages to the crawl's size limit, after decompression:
a gzip bomb, /dev/zero or a huge file is one line on stderr, the other files are still
scored, and the exit code says the run was partial (3)."""

from __future__ import annotations

import gzip

import pytest

from classifier.document import DocumentError, from_path
from tests.helpers import farmwatch

LIMIT = 4 * 1024 * 1024


def _bomb(path, inflated: int) -> None:
    with gzip.open(path, "wb", compresslevel=9) as fh:
        chunk = bytes(1024 * 1024)
        for _ in range(inflated // len(chunk)):
            fh.write(chunk)


def test_from_path_refuses_a_gzip_bomb_and_an_endless_file(tmp_path):
    bomb = tmp_path / "bomb.html.gz"
    _bomb(bomb, 64 * 1024 * 1024)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(DocumentError, match="decompressed"):
        from_path(bomb)
    with pytest.raises(DocumentError, match="larger than"):
        from_path("/dev/zero")
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * LIMIT + b"</p>")
    with pytest.raises(DocumentError, match="larger than"):
        from_path(big)


@pytest.mark.slow
def test_classify_reports_each_oversize_file_on_one_line_and_exits_partial(tmp_path):
    from classifier.model import DEFAULT_MODEL

    if not DEFAULT_MODEL.exists():
        pytest.skip("no shipped model")
    good = tmp_path / "good.html"
    good.write_text("<html><head><title>Council meets</title></head><body><p>" + "The council met. " * 60
                    + "</p></body></html>", encoding="utf-8")
    bomb = tmp_path / "bomb.html.gz"
    _bomb(bomb, 64 * 1024 * 1024)
    proc = farmwatch("classify", str(good), str(bomb), "/dev/zero")
    assert proc.returncode == 3, proc.stderr
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 2 and all("larger than" in line for line in errors), errors
    assert "good.html" in proc.stdout
