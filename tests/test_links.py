"""`python -m lotse links` against a local HTTP server on 127.0.0.1: 200, 301, 404 and a timeout.
No request leaves this machine."""

from __future__ import annotations

import hashlib
import io
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lotse.check.links import check_links, check_url, collect_links
from lotse.cli import main as cli_main
from lotse.cli.links import main

PAGES = {"/ok": b"Hotline 0800 300 99 44"}
SLOW_SECONDS = 3.0


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"late")
        elif self.path in PAGES:
            self._send(200, PAGES[self.path])
        else:
            self._send(404, b"not found")

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def write_content(root: Path, base: str) -> None:
    (root / "flows").mkdir()
    (root / "providers.yaml").write_text(
        "providers:\n"
        "  - id: stelle-a\n"
        f"    source: {base}/ok\n"
        f"    url: {base}/moved\n"
        "  - id: stelle-b\n"
        f"    source: {base}/gone\n",
        encoding="utf-8",
    )
    (root / "flows" / "steps.yaml").write_text(
        "steps:\n"
        "  - id: schritt-eins\n"
        "    sources:\n"
        "      - label: Quelle\n"
        f"        url: {base}/ok\n"
        "      - label: Langsam\n"
        f"        url: {base}/slow\n",
        encoding="utf-8",
    )


def test_status_redirect_target_and_hash(server: str) -> None:
    ok = check_url(f"{server}/ok", timeout=2)
    assert ok.status == 200 and ok.reachable and not ok.moved
    assert ok.sha256 == hashlib.sha256(b"Hotline 0800 300 99 44").hexdigest()
    moved = check_url(f"{server}/moved", timeout=2)
    assert moved.status == 200 and moved.moved
    assert moved.final_url == f"{server}/ok" and moved.redirects == (f"301 → {server}/ok",)
    gone = check_url(f"{server}/gone", timeout=2)
    assert gone.status == 404 and not gone.reachable and gone.error == "Status 404"


def test_a_slow_server_is_a_timeout_not_a_hang(server: str) -> None:
    slow = check_url(f"{server}/slow", timeout=0.3)
    assert not slow.reachable and slow.error == "keine Antwort in 0.3 Sekunden"


def test_links_are_collected_from_providers_and_step_sources_with_file_and_line(tmp_path: Path, server: str) -> None:
    write_content(tmp_path, server)
    links = collect_links(tmp_path)
    assert list(links) == [f"{server}/ok", f"{server}/moved", f"{server}/gone", f"{server}/slow"]
    assert [str(use) for use in links[f"{server}/ok"]] == [
        "providers.yaml:3 (stelle-a: source)",
        "flows/steps.yaml:5 (Schritt schritt-eins: Quelle)",
    ]


def test_the_run_tells_what_to_recheck_and_exits_1_without_writing_files(tmp_path: Path, server: str) -> None:
    write_content(tmp_path, server)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    out, err = io.StringIO(), io.StringIO()
    code = main(["--root", str(tmp_path), "--timeout", "0.5", "--workers", "4"], out, err)
    report = out.getvalue()
    assert code == 1
    assert f"NICHT ERREICHBAR: {server}/gone – Status 404." in report
    assert "    verwendet in providers.yaml:6 (stelle-b: source)" in report
    assert f"WEITERLEITUNG: {server}/moved führt zu {server}/ok." in report
    assert f"NICHT ERREICHBAR: {server}/slow – keine Antwort in 0.5 Sekunden." in report
    assert "Geprüft: 4 Adressen. In Ordnung: 1. Weiterleitungen: 1. Nicht erreichbar: 2." in report
    assert "Bitte erneut prüfen: 3 Adressen (Liste oben)." in report
    assert "Links prüfen [" in err.getvalue() and "4/4" in err.getvalue()  # progress bar on stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # nothing written without --out


def test_everything_fine_exits_0(tmp_path: Path, server: str) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "providers.yaml").write_text(f"providers:\n  - id: a\n    source: {server}/ok\n", encoding="utf-8")
    (tmp_path / "flows" / "steps.yaml").write_text("steps: []\n", encoding="utf-8")
    out = io.StringIO()
    assert main(["--root", str(tmp_path)], out, io.StringIO()) == 0
    assert "Geprüft: 1 Adressen. In Ordnung: 1." in out.getvalue() and "Nichts zu tun." in out.getvalue()


def test_out_and_compare_report_a_changed_page(tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "providers.yaml").write_text(f"providers:\n  - id: a\n    source: {server}/ok\n", encoding="utf-8")
    (tmp_path / "flows" / "steps.yaml").write_text("steps: []\n", encoding="utf-8")
    saved = tmp_path / "links.json"
    assert main(["--root", str(tmp_path), "--out", str(saved)], io.StringIO(), io.StringIO()) == 0
    first = json.loads(saved.read_text(encoding="utf-8"))["links"][0]
    assert first["url"] == f"{server}/ok" and first["status"] == 200 and len(first["sha256"]) == 64
    assert first["uses"] == ["providers.yaml:3 (a: source)"]

    monkeypatch.setitem(PAGES, "/ok", b"Hotline 0800 000 00 00")  # the page changed
    out = io.StringIO()
    assert main(["--root", str(tmp_path), "--compare", str(saved)], out, io.StringIO()) == 1
    assert f"GEÄNDERT: {server}/ok sieht anders aus als beim Vergleichslauf." in out.getvalue()
    assert "Geändert seit dem Vergleichslauf: 1." in out.getvalue()


def test_an_unreadable_comparison_file_is_a_usage_error(tmp_path: Path, server: str) -> None:
    write_content(tmp_path, server)
    (tmp_path / "old.json").write_text("kein json", encoding="utf-8")
    err = io.StringIO()
    assert main(["--root", str(tmp_path), "--compare", str(tmp_path / "old.json")], io.StringIO(), err) == 2
    assert "Die Vergleichsdatei" in err.getvalue() and "ist nicht lesbar" in err.getvalue()


def test_concurrency_keeps_the_order_of_the_files(server: str) -> None:
    urls = [f"{server}/gone", f"{server}/ok", f"{server}/moved"]
    assert list(check_links(urls, timeout=2, workers=3)) == urls


def test_the_command_line_has_a_links_subcommand(tmp_path: Path, server: str, capsys: pytest.CaptureFixture) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "providers.yaml").write_text(f"providers:\n  - id: a\n    source: {server}/ok\n", encoding="utf-8")
    (tmp_path / "flows" / "steps.yaml").write_text("steps: []\n", encoding="utf-8")
    assert cli_main(["links", "--root", str(tmp_path), "--timeout", "2"]) == 0
    assert "In Ordnung: 1." in capsys.readouterr().out
