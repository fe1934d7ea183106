"""The guard (deploy/guard.py) driven as an ASGI server drives it: the routes it refuses, the headers on
every answer and every refusal, the base URL, and websockets only on the session's stream (the Origin
rules are in tests/test_guard.py). Expectations are literal, so a changed header, directive or route
fails here (make mutate measures it)."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit import config

from deploy import guard
from deploy.guard import HEADERS, PAGE_ICON, Guard
from ui.chrome import PAGE_ICON as APP_PAGE_ICON

Message = dict[str, Any]
CSP = (
    "default-src 'self'; script-src 'self' 'sha256-x' blob: 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'none'; frame-src 'none'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'"
)
HEADER_VALUES = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class App:
    """Streamlit's place: records what reaches it, reads the request and answers (or raises)."""

    def __init__(self, headers: list[tuple[bytes, bytes]] | None = None, fail: bool = False) -> None:
        self.start: Message = {"type": "http.response.start", "status": 200}
        self.start["headers"] = headers if headers is not None else [(b"content-type", b"text/html; charset=utf-8")]
        self.fail = fail
        self.paths: list[str] = []

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        self.paths.append(scope.get("path", scope["type"]))
        await receive()
        if self.fail:
            raise ValueError("a text frame")
        if scope["type"] == "http":
            await send(self.start)
            await send({"type": "http.response.body", "body": b"ok"})
        else:
            await send({"type": f"{scope['type']}.accepted"})


def call(app: App, scope: Message, closed: bool = False) -> list[Message]:
    """What the guard sends for `scope`; with `closed`, the connection is gone and every send fails."""
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def send(message: Message) -> None:
        if closed:
            raise OSError("closed")
        sent.append(message)

    if scope["type"] == "websocket":
        scope = {"headers": [(b"host", b"127.0.0.1:8501"), (b"origin", b"http://127.0.0.1:8501")], **scope}
    asyncio.run(Guard(app)(scope, receive, send))
    return sent


def get(app: App, path: str, method: str = "GET") -> tuple[int, dict[str, list[str]]]:
    start = call(app, {"type": "http", "method": method, "path": path})[0]
    assert start["type"] == "http.response.start"
    headers: dict[str, list[str]] = {}
    for name, value in start["headers"]:
        headers.setdefault(name.decode(), []).append(value.decode())
    return start["status"], headers


@pytest.fixture
def base_url() -> Iterator[None]:
    config.set_option("server.baseUrlPath", "/Amt-X/")
    yield
    config.set_option("server.baseUrlPath", "")


def guard_headers(no_store: bool) -> dict[str, list[str]]:
    expected = {name.lower(): [value] for name, value in HEADERS.items()}
    return expected | ({"cache-control": ["no-store"]} if no_store else {})


# --- the headers themselves -------------------------------------------------------------------------


def test_the_content_security_policy_directive_by_directive() -> None:
    assert guard.content_security_policy(["'sha256-x'"]) == CSP


def test_the_security_headers_and_the_hashes_of_streamlits_inline_scripts() -> None:
    headers = guard.security_headers()
    policy = headers.pop("Content-Security-Policy")
    assert headers == HEADER_VALUES
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-") and policy.endswith("object-src 'none'")
    assert guard.security_headers() == HEADERS


def test_inline_scripts_are_hashed_each_over_its_lines() -> None:
    html = "<p><script>a</script><script src=x></script><script>\nb</script></p>"
    assert guard.inline_script_hashes(html) == [
        "'sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs='",
        "'sha256-Xnnsn4hC6mnrIBEELTIdgicgZJ7JECYXQJF+uIBRxyY='",
    ]


def test_the_page_icon_is_the_one_static_file_that_answers_and_the_media_store_is_closed() -> None:
    icon = "/app/static/favicon.png"
    assert guard.page_icon_path() == icon == APP_PAGE_ICON and PAGE_ICON.read_bytes().startswith(b"\x89PNG")
    others = ("/app/static/x.png", "/app/static/favicon.png.bak", "/media/" + "0" * 56 + ".png")
    assert [get(App(), path)[0] for path in (icon, *others)] == [200, 404, 404, 404]


# --- answers and refusals ---------------------------------------------------------------------------


def test_a_page_reaches_streamlit_and_carries_every_header_once_with_no_store() -> None:
    app = App([(b"content-type", b"text/html"), (b"X-Frame-Options", b"SAMEORIGIN"), (b"referrer-policy", b"x")])
    status, headers = get(app, "/beratung")
    assert (status, app.paths) == (200, ["/beratung"])
    assert headers == {"content-type": ["text/html"]} | guard_headers(no_store=True)


def test_a_script_carries_the_headers_but_may_be_cached() -> None:
    status, headers = get(App([(b"content-type", b"text/javascript")]), "/static/js/index.js", "HEAD")
    assert (status, headers) == (200, {"content-type": ["text/javascript"]} | guard_headers(no_store=False))


def test_an_answer_without_headers_gets_the_guards() -> None:
    app = App()
    del app.start["headers"]
    assert get(app, "/") == (200, guard_headers(no_store=False))


@pytest.mark.parametrize(
    ("method", "path", "status", "extra"),
    [
        ("POST", "/", 405, {"allow": ["GET, HEAD"]}),
        ("PUT", "/_stcore/health", 405, {"allow": ["GET, HEAD"]}),
        ("GET", "/_stcore/metrics", 404, {}),
        ("GET", "/beratung/_stcore/health", 404, {}),
        ("GET", "//_stcore/health", 404, {}),
        ("GET", "/media/x.png", 404, {}),
    ],
)
def test_every_refusal_carries_every_header_and_no_store(method: str, path: str, status: int, extra: dict) -> None:
    app = App()
    answer = call(app, {"type": "http", "method": method, "path": path})
    body = {405: b"Method Not Allowed", 404: b"Not Found"}[status]
    _, headers = get(app, path, method)
    plain = {"content-type": ["text/plain; charset=utf-8"], "content-length": [str(len(body))]}
    assert (answer[0]["status"], answer[1], app.paths) == (status, {"type": "http.response.body", "body": body}, [])
    assert headers == plain | extra | guard_headers(no_store=True)


def test_below_a_base_url_the_guard_judges_the_path_after_it(base_url: None) -> None:
    app = App()
    assert Guard(app).base == "/Amt-X"
    open_ = ["/Amt-X", "/Amt-X/", "/Amt-X/_stcore/health"]
    refused = ["/Amt-X/_stcore/metrics", "/Amt-Xy/_stcore/health", "/other/_stcore/health"]
    assert [get(app, path)[0] for path in open_ + refused] == [200, 200, 200, 404, 404, 404]
    assert app.paths == open_


def test_without_a_base_url_paths_are_judged_whole() -> None:
    assert Guard(App()).base == "/"


# --- websockets and other scopes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "reaches"),
    [("/_stcore/stream", True), ("/beratung/_stcore/stream", False), ("/_stcore/health", False), ("/", False)],
)
def test_websockets_only_on_the_stream(path: str, reaches: bool) -> None:
    app = App()
    sent = call(app, {"type": "websocket", "path": path})
    accepted = ([path], [{"type": "websocket.accepted"}])
    assert (app.paths, sent) == (accepted if reaches else ([], [{"type": "websocket.close", "code": 1008}]))


def test_the_stream_below_a_base_url(base_url: None) -> None:
    app = App()
    assert call(app, {"type": "websocket", "path": "/Amt-X/_stcore/stream"}) == [{"type": "websocket.accepted"}]
    assert call(app, {"type": "websocket", "path": "/Amt-X/x/_stcore/stream"}) == [
        {"type": "websocket.close", "code": 1008}
    ]
    assert app.paths == ["/Amt-X/_stcore/stream"]


def test_a_broken_frame_closes_the_socket_with_one_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="lotse.serve"):
        sent = call(App(fail=True), {"type": "websocket", "path": "/_stcore/stream"})
        call(App(fail=True), {"type": "websocket", "path": "/_stcore/stream"}, closed=True)  # nothing raised
    assert sent == [{"type": "websocket.close", "code": 1002}]
    assert [r.getMessage() for r in caplog.records] == [
        "Websocket closed after a frame that is not a Streamlit message (ValueError)."
    ] * 2


def test_other_scopes_pass_through() -> None:
    app = App()
    assert call(app, {"type": "lifespan"}) == [{"type": "lifespan.accepted"}]
    assert app.paths == ["lifespan"]


# --- Streamlit's own log lines ----------------------------------------------------------------------


def test_one_line_keeps_the_message_and_drops_the_traceback() -> None:
    try:
        raise KeyError("an answer")
    except KeyError:
        record = logging.LogRecord("x", logging.ERROR, "f", 1, "Error %s", ("processing",), sys.exc_info())
    assert guard.OneLine().filter(record) is True
    assert (record.getMessage(), record.exc_info, record.exc_text) == (
        "Error processing (KeyError); connection closed.",
        None,
        None,
    )
    plain = logging.LogRecord("x", logging.ERROR, "f", 1, "Error %s", ("processing",), None)
    assert guard.OneLine().filter(plain) is True
    assert (plain.getMessage(), plain.args) == ("Error processing", ("processing",))


def test_quiet_client_errors_filters_streamlits_two_loggers() -> None:
    loggers = [logging.getLogger(name) for name in guard.QUIET_LOGGERS]
    before = [list(logger.filters) for logger in loggers]
    guard.quiet_client_errors()
    try:
        added = [
            [type(f).__name__ for f in logger.filters if f not in old]
            for logger, old in zip(loggers, before, strict=True)
        ]
        assert added == [["OneLine"], ["OneLine"]]
    finally:
        for logger, old in zip(loggers, before, strict=True):
            logger.filters = old
    assert guard.QUIET_LOGGERS == (
        "streamlit.web.server.starlette.starlette_websocket",
        "streamlit.runtime.app_session",
    )


# --- origins, address lookups and broken handshakes -------------------------------------------------


def test_origin_keys_refuse_what_is_not_one_origin() -> None:
    assert guard.origin_key("https://lotse.example.de/") == "https://lotse.example.de:443"
    refused = ("https://", "ftp://lotse.example.de", "https://a@lotse.example.de", "https://lotse.example.de/x")
    assert [guard.origin_key(origin) for origin in refused] == [None] * 4
    assert guard.host_key("lotse.example.de", "https") == "https://lotse.example.de:443"
    assert [guard.host_key(h, "https") for h in ("", "lotse.example.de/x", "a@lotse.example.de")] == [None] * 3


def test_the_public_origins_are_the_configured_ones_that_are_origins() -> None:
    config.set_option("server.corsAllowedOrigins", ["https://Lotse.Example.org", "null"])
    try:
        assert guard.public_origins() == frozenset({"https://lotse.example.org:443"})
    finally:
        config.set_option("server.corsAllowedOrigins", [])


def test_a_lookup_streamlit_no_longer_has_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "ADDRESS_LOOKUPS", ("gone_lookup",))
    with pytest.raises(RuntimeError, match=r"^streamlit\.net_util\.gone_lookup is gone"):
        guard.no_address_lookups()


def test_a_handshake_without_headers_is_no_browser_and_reaches_streamlit() -> None:
    app = App()
    assert call(app, {"type": "websocket", "path": "/_stcore/stream", "headers": []}) == [
        {"type": "websocket.accepted"}
    ]
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "websocket.connect"}

    asyncio.run(Guard(app)({"type": "websocket", "path": "/_stcore/stream"}, receive, send))
    assert sent == [{"type": "websocket.accepted"}]


class Transport:
    def __init__(self) -> None:
        self.written: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


class Connection:
    def __init__(self, broken: bool) -> None:
        self.handshake_exc = ValueError("Content-Length") if broken else None


class Protocol:
    def __init__(self, broken: bool, complete: bool = False) -> None:
        self.transport, self.conn, self.handshake_complete = Transport(), Connection(broken), complete


def test_a_broken_handshake_gets_400_and_the_connection_closes(monkeypatch: pytest.MonkeyPatch) -> None:
    received: list[tuple[object, bytes]] = []
    monkeypatch.setattr(
        guard.WebSocketsSansIOProtocol, "data_received", lambda self, data: received.append((self, data))
    )
    guard.answer_broken_handshakes()
    wrapped = guard.WebSocketsSansIOProtocol.data_received
    guard.answer_broken_handshakes()  # a second call wraps nothing again
    assert guard.WebSocketsSansIOProtocol.data_received is wrapped
    protocols = [Protocol(broken=True), Protocol(broken=False), Protocol(broken=True, complete=True)]
    for protocol in protocols:
        guard.WebSocketsSansIOProtocol.data_received(protocol, b"GET")
    assert received == [(protocol, b"GET") for protocol in protocols]
    assert [(p.transport.written, p.transport.closed) for p in protocols] == [
        ([b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"], True),
        ([], False),
        ([], False),
    ]
    closing = Protocol(broken=True)
    closing.transport.closed = True
    guard.WebSocketsSansIOProtocol.data_received(closing, b"GET")
    assert closing.transport.written == []
