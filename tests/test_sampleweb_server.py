"""The sample web server: virtual hosts by Host header over a real loopback socket."""

from __future__ import annotations

import http.client
import json
import subprocess
import sys

import pytest

from farmwatch.sampleweb.server import hosts_map, seed_urls, serve
from tests.helpers import REPO


def _get(port: int, host: str, path: str) -> tuple[int, str, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": host})
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type") or "", resp.read()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def manifest(sample_root) -> dict:
    return json.loads((sample_root / "manifest.json").read_text(encoding="utf-8"))


def _page(manifest, **want) -> dict:
    return next(p for p in manifest["pages"] if all(p.get(k) == v for k, v in want.items()))


def test_host_header_picks_the_site_and_the_port_is_ignored(sample_web, sample_root, manifest):
    page = _page(manifest, label="legit")
    for host in (page["host"], f"{page['host']}:{sample_web.port}", page["host"].upper()):
        status, ctype, body = _get(sample_web.port, host, page["path"])
        assert status == 200 and ctype == "text/html; charset=utf-8"
        assert body == (sample_root / page["file"]).read_bytes()


def test_the_same_path_on_two_hosts_serves_two_sites(sample_web, sample_root, manifest):
    a, b = sorted(manifest["hosts"])[:2]
    assert _get(sample_web.port, a, "/")[2] == (sample_root / a / "index.html").read_bytes()
    assert _get(sample_web.port, b, "/")[2] == (sample_root / b / "index.html").read_bytes()
    assert _get(sample_web.port, a, "/")[2] != _get(sample_web.port, b, "/")[2]


def test_missing_pages_unknown_hosts_and_escapes_are_404(sample_web, manifest):
    host = sorted(manifest["hosts"])[0]
    assert _get(sample_web.port, host, "/no/such/page.html")[0] == 404
    assert _get(sample_web.port, "not-a-sample-host.example", "/")[0] == 404
    assert _get(sample_web.port, host, "/../manifest.json")[0] == 404
    missing_host, _, missing_path = manifest["missing"][0].partition("/")
    assert _get(sample_web.port, missing_host, "/" + missing_path)[0] == 404


def test_content_type_follows_the_file_and_the_manifest_charset(sample_web, manifest):
    latin = _page(manifest, charset="iso-8859-1")
    assert _get(sample_web.port, latin["host"], latin["path"])[1] == "text/html; charset=iso-8859-1"
    pdf = next(p for p in manifest["pages"] if p["path"].endswith(".pdf"))
    status, ctype, body = _get(sample_web.port, pdf["host"], pdf["path"])
    assert (status, ctype) == (200, "application/pdf") and body.startswith(b"%PDF")
    for host in manifest["hosts"]:
        status, ctype, body = _get(sample_web.port, host, "/robots.txt")
        assert status == 200 and ctype.startswith("text/plain") and b"User-agent" in body


def test_folder_without_slash_redirects_like_a_web_server(sample_web, manifest):
    section = next(p for p in manifest["pages"] if p.get("kind") == "section")
    conn = http.client.HTTPConnection("127.0.0.1", sample_web.port, timeout=30)
    conn.request("GET", section["path"].rstrip("/"), headers={"Host": section["host"]})
    resp = conn.getresponse()
    resp.read()
    conn.close()
    assert resp.status == 301 and resp.getheader("Location") == section["path"]


def test_every_page_in_the_manifest_is_served(sample_web, sample_root, manifest):
    for p in manifest["pages"]:
        status, _, body = _get(sample_web.port, p["host"], p["path"])
        assert status == 200, (p["host"], p["path"])
        assert body == (sample_root / p["file"]).read_bytes()


def test_hosts_map_and_seed_urls_cover_every_host_on_loopback(sample_root, manifest):
    assert hosts_map(sample_root) == {h: "127.0.0.1" for h in manifest["hosts"]}
    assert seed_urls(sample_root, 8765) == [f"http://{h}:8765/" for h in sorted(manifest["hosts"])]


def test_committed_hosts_file_maps_every_sample_host(sample_root):
    from crawler.resolver import parse_hosts

    assert parse_hosts(path=str(REPO / "seeds" / "sample-hosts.txt")) == hosts_map(sample_root)


def test_closed_server_releases_its_port(sample_root):
    server = serve(sample_root, port=0)
    port = server.port
    assert server.url_for("harborgazette.com", "/local/") == f"http://harborgazette.com:{port}/local/"
    server.close()
    with pytest.raises(OSError):
        _get(port, "harborgazette.com", "/")


def test_serve_sample_command_writes_seeds_and_hosts_then_serves(tmp_path, sample_root, manifest):
    seeds, hosts = tmp_path / "seeds.txt", tmp_path / "hosts.txt"
    proc = subprocess.Popen(
        [sys.executable, "-m", "farmwatch", "serve-sample", "--port", "0", "--quiet", "--root", str(sample_root),
         "--write-seeds", str(seeds), "--write-hosts", str(hosts)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert first.startswith("sample web:"), first
        port = int(first.split("127.0.0.1:")[1].split()[0])
        assert seeds.read_text().split() == seed_urls(sample_root, port)
        from crawler.resolver import parse_hosts

        assert parse_hosts(path=str(hosts)) == hosts_map(sample_root)
        host = sorted(manifest["hosts"])[0]
        assert _get(port, host, "/")[0] == 200
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in out


def test_serve_sample_without_a_sample_web_fails_with_a_hint(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "farmwatch", "serve-sample", "--root", str(tmp_path / "none")],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "no sample web" in proc.stderr and "farmwatch.sampleweb.generator" in proc.stderr
