"""Privacy, proven on a full walk in Chromium against the production configuration.

One walk (module fixture `walk`) answers every question with distinctive answers, opens the result and
then every other page in the sidebar. While it runs, the page's HTTP requests, websockets and URLs are
recorded and the repository is snapshotted before and after. The tests then show:

1. every request went to the app's own origin (no CDN, font host, analytics or telemetry);
2. the server opened no outbound connection. How: the server fixture (conftest.py) starts Streamlit
   with `outbound_guard.py` installed as `sitecustomize` in a temporary folder on PYTHONPATH. Python
   imports it before Streamlit, and it wraps `socket.getaddrinfo`, `socket.create_connection`,
   `socket.socket.connect` and `connect_ex`: every non-loopback destination is written to
   test-artifacts/server/outbound.jsonl and refused. The proof is that file staying empty, together
   with (a) the guard having registered itself in the server's process id and (b) two controls showing
   the guard works: a unit test in a subprocess, and a plain Streamlit server without Lotse's
   `server.address`, whose real start-up lookups (checkip.amazonaws.com, 8.8.8.8) the guard catches;
3. none of the answers appears in the server's log (stdout and stderr, captured from the start);
4. none appears in any URL the page loaded or showed;
5. no file was written: not in the repository, nor in the server's own HOME and TMPDIR, which the
   fixture created empty.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, quote_plus

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from lotse.content.loader import Content
from tests.e2e.conftest import (
    HEALTH_TIMEOUT_S,
    Server,
    free_port,
    guarded_env,
    snapshot,
    start_streamlit,
    stop,
    wait_for_health,
)
from tests.e2e.lotse_ui import (
    ACTION_TIMEOUT_MS,
    ARTIFACTS,
    DESKTOP,
    NAVIGATION_TIMEOUT_MS,
    REPO,
    Wizard,
    discover_pages,
    origin_of,
    wait_idle,
)

pytestmark = pytest.mark.e2e

ANSWERS: dict[str, str | list[str]] = {
    "incident": ["stalking", "property_damage", "doxing"],
    "danger": "no",
    "channel": ["message", "in_person"],
    "state": "ST",
    "police": "already_reported",
    "report_status": "private_prosecution",
    "author_known": "yes",
    "learned": "over_3_months",
}
PATH = list(ANSWERS)

NOT_SNAPSHOTTED = (".git", ".venv", "node_modules", "test-artifacts", ".pytest_cache", ".ruff_cache")
"""Left out of the repository snapshot: git's own metadata (changed by developers' git commands, never
touched by the app), installed packages, and the test tools' own output and caches."""

_BYTECODE = re.compile(r"^(?P<folder>(?:.*/)?)__pycache__/(?P<module>[^/.]+)\.[a-z]+-\d+\.pyc$")


@dataclass
class Walk:
    requests: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    repo_before: dict[str, tuple[int, int]] = field(default_factory=dict)
    repo_after: dict[str, tuple[int, int]] = field(default_factory=dict)


def recorded_page(browser: Browser, record: Walk) -> tuple[BrowserContext, Page]:
    """A desktop page whose requests, websockets and addresses go into `record`."""
    context = browser.new_context(viewport=DESKTOP, locale="de-DE")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    page = context.new_page()
    page.on("request", lambda request: record.requests.append(request.url))
    page.on("websocket", lambda socket: record.websockets.append(socket.url))
    page.on("framenavigated", lambda frame: record.urls.append(frame.url))
    return context, page


@pytest.fixture(scope="module")
def walk(browser: Browser, server: Server, content: Content) -> Iterator[Walk]:
    record = Walk(repo_before=snapshot(REPO, NOT_SNAPSHOTTED))
    context, page = recorded_page(browser, record)
    try:
        wizard = Wizard(page, content)
        wizard.open(server.url)
        wizard.start()
        for key, following in zip(PATH, [*PATH[1:], None], strict=True):
            wizard.answer(key, ANSWERS[key])
            if following:
                wizard.expect_screen(following)
        wizard.expect_check()
        wizard.show_result()
        sidebar = page.get_by_test_id("stSidebarNav")
        for registered in discover_pages()[1:]:  # every other page, through the sidebar like a visitor
            sidebar.get_by_role("link", name=registered.title, exact=True).click()
            expect(page).to_have_url(f"{server.url}/{registered.url_path}")
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
            wait_idle(page)
            record.urls.append(page.url)
        record.urls.extend(wizard.urls)
        record.repo_after = snapshot(REPO, NOT_SNAPSHOTTED)
        yield record
    finally:
        context.close()


def distinctive_strings(content: Content) -> list[str]:
    """What must not leak: the labels of every chosen option and every value that is not a common
    word ("yes", "no" and "ST" would also match unrelated text), raw and URL-encoded."""
    questions = content.questions()
    chosen = [(key, v) for key, value in ANSWERS.items() for v in (value if isinstance(value, list) else [value])]
    strings = {questions[key].label_of(v) for key, v in chosen} | {v for _, v in chosen if len(v) > 3}
    encoded = {quote(s) for s in strings} | {quote_plus(s) for s in strings}
    return sorted(strings | encoded)


def test_every_request_goes_to_the_apps_own_origin(walk: Walk, server: Server) -> None:
    assert len(walk.requests) > 20, "the walk recorded (almost) no requests: the recording is broken"
    assert walk.websockets == [f"ws://127.0.0.1:{server.port}/_stcore/stream"]
    allowed = {server.origin, f"ws://127.0.0.1:{server.port}", None}  # None: data: URLs, no request at all
    foreign = sorted({url for url in walk.requests + walk.websockets if origin_of(url) not in allowed})
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)


def test_the_server_opens_no_outbound_connection(walk: Walk, server: Server) -> None:
    armed = server.guard_armed.read_text(encoding="utf-8").split()
    assert str(server.pid) in armed, f"the outbound guard is not active in the server (pid {server.pid}): {armed}"
    attempts = [json.loads(line) for line in server.outbound_log.read_text(encoding="utf-8").splitlines()]
    assert attempts == [], "outbound connections of the server:\n" + "\n".join(
        f"{a['call']} {a['host']}:{a['port']}\n    " + "\n    ".join(a["stack"][-4:]) for a in attempts
    )


def test_no_answer_in_the_server_log(walk: Walk, server: Server, content: Content) -> None:
    log = server.log.read_text(encoding="utf-8")
    assert "You can now view your Streamlit app" in log, "the server log was not captured"
    leaked = [s for s in distinctive_strings(content) if s in log]
    assert leaked == [], f"answers in {server.log.relative_to(REPO)}: {leaked}"


def test_no_answer_in_any_url(walk: Walk, content: Content) -> None:
    assert walk.urls, "no URL recorded"
    urls = walk.urls + walk.requests + walk.websockets
    leaked = sorted({f"{s!r} in {url}" for s in distinctive_strings(content) for url in urls if s in url})
    assert leaked == [], "answers in URLs:\n" + "\n".join(leaked)


def test_no_file_is_written(walk: Walk, server: Server) -> None:
    """Python's bytecode cache is the one exception: a .pyc next to the .py module it was compiled
    from holds code, never input. Everything else new or changed fails the test."""
    changed = sorted(path for path, stat in walk.repo_after.items() if walk.repo_before.get(path) != stat)
    removed = sorted(set(walk.repo_before) - set(walk.repo_after))

    def bytecode_of_a_module(path: str) -> bool:
        match = _BYTECODE.match(path)
        return bool(match) and (REPO / f"{match['folder']}{match['module']}.py").is_file()

    written = [path for path in changed if not bytecode_of_a_module(path)]
    assert written == [], f"files written in the repository during the walk: {written}"
    assert removed == [], f"files removed from the repository during the walk: {removed}"
    assert snapshot(server.home) == server.home_before, f"files in the server's HOME: {snapshot(server.home)}"
    assert snapshot(server.tmpdir) == server.tmpdir_before, f"files in the server's TMPDIR: {snapshot(server.tmpdir)}"


# --- controls: the guard really sees and stops outbound connections --------------------------------

_GUARD_PROBE = """
import socket
for call in (lambda: socket.getaddrinfo("example.org", 443),
             lambda: socket.create_connection(("192.0.2.7", 80), timeout=1),
             lambda: socket.socket().connect(("198.51.100.7", 443))):
    try:
        call()
        print("not refused")
    except OSError:
        print("refused")
with socket.socket() as listener:
    listener.bind(("127.0.0.1", 0)); listener.listen()
    socket.create_connection(listener.getsockname(), timeout=1).close()
print("loopback ok")
"""


def test_guard_records_and_refuses_non_loopback_connections(tmp_path: Path) -> None:
    log, armed = tmp_path / "outbound.jsonl", tmp_path / "armed.txt"
    env = guarded_env(tmp_path / "guard", log, armed)
    done = subprocess.run(
        [sys.executable, "-c", _GUARD_PROBE], env=env, capture_output=True, text=True, timeout=30, check=True
    )
    assert done.stdout.split("\n")[:4] == ["refused", "refused", "refused", "loopback ok"], done.stdout + done.stderr
    seen = [(e["call"], e["host"]) for e in map(json.loads, log.read_text().splitlines())]
    assert seen == [("getaddrinfo", "example.org"), ("create_connection", "192.0.2.7"), ("connect", "198.51.100.7")]
    assert armed.read_text().strip().isdigit()


def test_guard_catches_streamlits_own_lookups_without_lotses_config(tmp_path: Path) -> None:
    """Negative control: a hello-world app with no config (no server.address) makes Streamlit look up
    the machine's IP addresses at start-up. The guard must catch exactly that; the same guard stays
    silent for Lotse, whose config.toml sets the address."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "hello.py").write_text('import streamlit as st\nst.write("hello")\n', encoding="utf-8")
    log, armed = tmp_path / "outbound.jsonl", tmp_path / "armed.txt"
    env = guarded_env(tmp_path / "guard", log, armed)
    port = free_port()
    server_log = ARTIFACTS / "server" / "control-without-address.log"
    process = start_streamlit("hello.py", app, env, server_log, port, ["--server.headless", "true"])
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process, server_log, HEALTH_TIMEOUT_S)
        deadline = time.monotonic() + 20
        while "checkip.amazonaws.com" not in (log.read_text() if log.exists() else ""):
            assert time.monotonic() < deadline, f"the guard saw no lookup; server log:\n{server_log.read_text()}"
            time.sleep(0.1)
    finally:
        stop(process)
    hosts = {e["host"] for e in map(json.loads, log.read_text().splitlines())}
    assert "checkip.amazonaws.com" in hosts
