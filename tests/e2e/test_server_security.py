"""The server a visitor meets (serve.py in front of app.py): what answers, which headers, a quiet log.

- Every HTTP response carries the security headers; HTML is never cached.
- The whole app works under the Content-Security-Policy: a wizard walk with a download, every page in
  the sidebar and the training flow map (Graphviz, WebAssembly) cause no CSP violation in Chromium.
- Streamlit routes Lotse does not need answer 404 (metrics first: it told anyone how many people were
  using Lotse right now), other methods than GET and HEAD 405; /app/static serves the page icon only, /media nothing.
- A malformed websocket frame writes exactly one log line, without the frame, and the server goes on
  serving whole walks.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from bench.ws_load import RESULT_TITLE, Session
from lotse.content.loader import Content
from tests.e2e.conftest import Server
from tests.e2e.lotse_ui import DESKTOP, Wizard, discover_pages, wait_idle

pytestmark = pytest.mark.e2e

EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
CSP_MUST_CONTAIN = (
    "default-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
)
ANSWERS: dict[str, str | list[str]] = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["online"],
    "state": "BY",
    "police": "yes",
    "author_known": "no",
}
CLOSED_ROUTES = (
    "/_stcore/metrics",
    "/_stcore/script-health-check",
    "/_stcore/agent/openapi.json",
    "/_stcore/agent/interact",
    "/_stcore/agent/mcp",
    "/_stcore/upload_file/session/file",
    "/_stcore/anything-new",
    "/beratung/_stcore/metrics",
    "/component/some.component/index.html",
    "/app/static/secrets.toml",
    "/auth/login",
    "/auth/logout",
    "/oauth2callback",
    "/media/" + "0" * 32 + ".png",
    "/media/" + "0" * 32 + ".md",
)


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of one plain HTTP request."""
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status), {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return int(error.code), {k.lower(): v for k, v in error.headers.items()}, error.read()


def first_static_asset(server: Server) -> str:
    _, _, body = fetch(server.url + "/")
    match = re.search(rb'src="\./(static/js/[^"]+\.js)"', body)
    assert match, "index.html names no script bundle"
    return "/" + match.group(1).decode()


def assert_security_headers(headers: dict[str, str], where: str) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert headers.get(name) == value, f"{where}: {name} is {headers.get(name)!r}, expected {value!r}"
    policy = headers.get("content-security-policy", "")
    missing = [directive for directive in CSP_MUST_CONTAIN if directive not in policy]
    assert missing == [], f"{where}: Content-Security-Policy {policy!r} lacks {missing}"


# --- headers and routes (plain HTTP client) --------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/beratung", "/_stcore/health", "/_stcore/host-config", "asset", "/nope/x"])
def test_every_response_carries_the_security_headers(server: Server, path: str) -> None:
    path = first_static_asset(server) if path == "asset" else path
    status, headers, body = fetch(server.url + path)
    assert status == 200, f"{path}: {status}"
    assert path != "/_stcore/health" or body == b"ok"
    assert_security_headers(headers, path)
    if headers.get("content-type", "").startswith("text/html"):
        assert headers.get("cache-control") == "no-store", f"{path}: HTML must not be cached"


@pytest.mark.parametrize("path", CLOSED_ROUTES)
def test_routes_a_visitor_need_not_reach_are_closed(server: Server, path: str) -> None:
    status, headers, body = fetch(server.url + path)
    assert status == 404, f"{path}: {status} {body[:200]!r}"
    assert_security_headers(headers, path)
    assert b"active_sessions" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS"])
def test_only_get_and_head_are_accepted(server: Server, method: str) -> None:
    for path in ("/", "/_stcore/agent/interact", "/_stcore/upload_file/session/file", "/_stcore/health"):
        status, _, _ = fetch(server.url + path, method)
        assert status == 405, f"{method} {path}: {status}"


# --- the whole app under the Content-Security-Policy (Chromium) -------------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`));
"""


def test_the_whole_app_works_under_the_content_security_policy(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page(DESKTOP)
    page.add_init_script(RECORD_VIOLATIONS)
    violations: list[str] = []
    console: list[str] = []
    documents: list[Response] = []
    media: list[tuple[str, int, str]] = []

    def on_response(response: Response) -> None:
        if response.request.resource_type == "document":
            documents.append(response)
        if urlsplit(response.url).path.startswith(("/media/", "/app/static/")):
            media.append((urlsplit(response.url).path, response.status, response.headers.get("content-type", "")))

    page.on("response", on_response)
    page.on("console", lambda message: console.append(message.text))

    def collect(where: str) -> None:
        violations.extend(f"{where}: {v}" for v in page.evaluate("() => window.__cspViolations.splice(0)"))

    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    for node_id, value in ANSWERS.items():
        wizard.answer(node_id, value)
    wizard.show_result()
    with page.expect_download() as info:  # the courier (components v2) turns the document into a blob:
        page.get_by_role("button", name=content.texts.result.save).click()
    wait_idle(page)
    assert info.value.url.startswith(f"blob:{server.origin}/")
    collect("wizard")

    for registered in discover_pages():
        page.goto(f"{server.url}/{registered.url_path}")
        wait_idle(page)
        page.locator('[data-testid="stMain"]').get_by_role("heading", level=1).first.wait_for()
        collect(registered.slug)

    page.goto(f"{server.url}/training?scenario={content.scenarios[0].id}")
    wait_idle(page)
    page.get_by_text("Flusskarte", exact=True).click()
    page.locator('[data-testid="stGraphVizChart"] svg').first.wait_for()  # drawn by Graphviz in WebAssembly
    wait_idle(page)
    collect("training flow map")

    csp_console = [text for text in console if "Content Security Policy" in text or "Content-Security-Policy" in text]
    assert violations == [] and csp_console == [], "\n".join(violations + csp_console)
    assert documents, "no document was loaded"
    for document in documents:  # the policy was really in force on every page
        assert_security_headers({k.lower(): v for k, v in document.headers.items()}, document.url)
    icons = {(path, status, mime) for path, status, mime in media}
    assert icons == {("/app/static/favicon.png", 200, "image/png")}, f"the page icon only, nothing in /media: {icons}"


# --- malformed websocket frames ---------------------------------------------------------------------


def in_thread(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run `coroutine` in its own thread: Playwright's sync API may already run an event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


async def send_and_wait_for_close(url: str, frame: bytes | str) -> int | None:
    """Send one frame on a fresh session's websocket; the close code the server answers with."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], open_timeout=30) as ws:
        await ws.send(frame)
        try:
            async with asyncio.timeout(30):
                while True:
                    await ws.recv()
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None


async def walk_to_result(url: str) -> str:
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(7), 60, [])
        await session.walk((0.0, 0.0))
        return RESULT_TITLE


def log_lines(server: Server) -> list[str]:
    return server.log.read_text(encoding="utf-8", errors="replace").splitlines()


def new_lines_after(server: Server, before: int, settle_s: float = 1.0, limit_s: float = 10.0) -> list[str]:
    """Lines the server wrote after line `before`: wait (bounded) for the first, then until none follow."""
    deadline = time.monotonic() + limit_s
    while len(log_lines(server)) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    count = len(log_lines(server))
    while time.monotonic() < deadline:
        time.sleep(settle_s)
        if len(log_lines(server)) == count:
            break
        count = len(log_lines(server))
    return log_lines(server)[before:]


@pytest.mark.parametrize("kind", ["64 random bytes", "a text frame"])
def test_a_malformed_frame_writes_one_log_line_and_the_server_goes_on(server: Server, kind: str) -> None:
    ws_url = f"ws://127.0.0.1:{server.port}/_stcore/stream"
    frame: bytes | str = random.Random(64).randbytes(64) if kind == "64 random bytes" else "Ich wurde bedroht." * 4
    before = len(log_lines(server))
    code = in_thread(send_and_wait_for_close(ws_url, frame))
    assert code == 1002, f"expected a protocol-error close, got {code}"
    lines = new_lines_after(server, before)
    assert len(lines) == 1, f"{len(lines)} log lines for one bad frame:\n" + "\n".join(lines)
    frame_bytes = frame if isinstance(frame, bytes) else frame.encode()
    for trace in (frame_bytes.hex()[:16], repr(frame_bytes)[2:18], "Ich wurde bedroht"):
        assert trace not in lines[0], "the log line quotes the frame"
    assert in_thread(walk_to_result(ws_url)) == RESULT_TITLE  # other sessions are unharmed
