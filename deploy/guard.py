"""The guard in front of Streamlit (used by serve.py): which routes answer, which headers every response
carries, which websockets may open (same origin only), and one log line per broken websocket frame.
Documented in docs/operations.md ("What the guard refuses")."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send
from starlette.websockets import WebSocketDisconnect
from streamlit import config, file_util, net_util
from streamlit.logger import get_logger
from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

ROOT = Path(__file__).resolve().parent.parent
PAGE_ICON = ROOT / "static" / "favicon.png"
PAGE_ICON_URL = "/app/static/favicon.png"
"""The page icon, served by Streamlit's static serving (`server.enableStaticServing`): `st.set_page_config`
passes this address on as it is, so no run opens the file or puts it into the media store."""

log = get_logger("lotse.serve")  # Streamlit's level and line format


# --- routes ----------------------------------------------------------------------------------------

OPEN_CORE_ROUTES = frozenset({"/_stcore/health", "/_stcore/host-config"})
"""Streamlit's own HTTP endpoints a browser needs: the health check (the frontend polls it while
reconnecting; nginx and the supervisor use it too) and the host configuration the frontend reads at start."""
COMPONENT_PREFIX = "/_stcore/bidi-components/"
"""Assets of components v2 (the safety bar and the download courier are registered as such)."""
STREAM = "/_stcore/stream"
"""The session's websocket: every answer and every download travels here, never in a URL."""
CLOSED_PREFIXES = ("/_stcore/", "/media/", "/component/", "/app/static/", "/auth/", "/oauth2callback")
"""Streamlit routes Lotse does not use (metrics, uploads, the media store, v1 components, the agent API,
login, every app static file but the page icon) and every other /_stcore/ path. Paths outside these
prefixes reach the frontend's static files; a page URL such as /beratung gets the app's HTML."""


def page_icon_path() -> str:
    """The page icon's address: the one file of the app's static folder that answers (app.py passes the
    same address to `st.set_page_config`; tests/e2e/test_server_security.py checks the browser loads it)."""
    return PAGE_ICON_URL


def reachable(path: str, icon: str) -> bool:
    """Whether a GET or HEAD of `path` (below the base URL) may reach Streamlit."""
    if path in OPEN_CORE_ROUTES or path == icon or path.startswith(COMPONENT_PREFIX):
        return True
    if "/_stcore/" in path:  # also /<page>/_stcore/…, which the static files would map to a route
        return False
    return not path.startswith(CLOSED_PREFIXES)


# --- origins ---------------------------------------------------------------------------------------

DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def origin_key(origin: str) -> str | None:
    """`scheme://host:port` of an Origin header, lower case with the default port written out; None for
    anything that is not one origin (`null`, a path, user info, an unknown scheme)."""
    try:
        parts = urlsplit(origin.strip())
        port = parts.port
    except ValueError:
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in DEFAULT_PORTS or not host or parts.username or parts.password or parts.path not in {"", "/"}:
        return None
    return f"{scheme}://{host}:{port or DEFAULT_PORTS[scheme]}"


def host_key(host: str, scheme: str) -> str | None:
    """The origin a page served under Host `host` has (its scheme taken from the origin being compared)."""
    return origin_key(f"{scheme}://{host}") if host and "/" not in host and "@" not in host else None


def allowed_origin(origins: list[str], host: str | None, public: frozenset[str]) -> bool:
    """Whether a websocket handshake with these Origin headers may reach Streamlit.

    No Origin: not a browser (browsers always send one), so no other site's page can be behind it. One
    Origin: it must be the page's own (the Host the request came to, as nginx passes it on) or one of
    the configured public origins (`server.corsAllowedOrigins`). Anything else, including
    `http://localhost:<other port>`, `null` and two Origin headers, is refused, and nothing is looked up.
    """
    if not origins:
        return True
    if len(origins) > 1:
        return False
    key = origin_key(origins[0])
    if key is None:
        return False
    return key in public or (host is not None and host_key(host, key.split("://")[0]) == key)


def public_origins() -> frozenset[str]:
    keys = (origin_key(origin) for origin in config.get_option("server.corsAllowedOrigins") or [])
    return frozenset(key for key in keys if key is not None)


def no_address_lookups() -> None:
    """Streamlit asks checkip.amazonaws.com for the machine's address (and opens a socket towards 8.8.8.8
    for the local one) when it checks an Origin it does not know or prints its URLs. Lotse contacts no
    third party: both answer "unknown" here, and a test checks that these names still exist."""
    for name in ADDRESS_LOOKUPS:
        if not callable(getattr(net_util, name, None)):
            raise RuntimeError(f"streamlit.net_util.{name} is gone: check deploy/guard.py against this Streamlit.")
        setattr(net_util, name, _unknown_address)


ADDRESS_LOOKUPS = ("get_external_ip", "get_internal_ip")


def _unknown_address() -> None:
    return None


# --- headers ---------------------------------------------------------------------------------------


def inline_script_hashes(index_html: str) -> list[str]:
    """CSP hashes of the inline scripts in Streamlit's index.html (one sets `window.prerenderReady`)."""
    scripts = re.findall(r"<script>(.*?)</script>", index_html, flags=re.DOTALL)
    return [f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts]


def content_security_policy(script_hashes: Iterable[str]) -> str:
    directives = {
        "default-src": ["'self'"],
        # blob: for components v2, whose JavaScript Streamlit turns into a blob: module in the page
        # (ui/chrome.py, ui/download.py); 'wasm-unsafe-eval' for the Graphviz flow map (WebAssembly).
        "script-src": ["'self'", *script_hashes, "blob:", "'wasm-unsafe-eval'"],
        # Streamlit's frontend (emotion) writes its styles into <style> elements at run time.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],  # one font arrives inline (data:) from Streamlit's bundle
        "connect-src": ["'self'"],  # the websocket on the same origin counts as 'self'
        "worker-src": ["'none'"],
        "frame-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "object-src": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def security_headers() -> dict[str, str]:
    index_html = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
    return {
        "Content-Security-Policy": content_security_policy(inline_script_hashes(index_html)),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


HEADERS = security_headers()
NO_STORE = "no-store"


def with_headers(headers: list[tuple[bytes, bytes]], extra: dict[str, str]) -> list[tuple[bytes, bytes]]:
    """`headers` with every name in `extra` set to its value (replacing what was there)."""
    names = {name.lower().encode("latin-1") for name in extra}
    kept = [(name, value) for name, value in headers if name.lower() not in names]
    return kept + [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in extra.items()]


def is_html(headers: list[tuple[bytes, bytes]]) -> bool:
    return any(name.lower() == b"content-type" and value.startswith(b"text/html") for name, value in headers)


# --- the middleware --------------------------------------------------------------------------------


class Guard:
    """Pure ASGI middleware in front of Streamlit: closed routes, security headers, quiet websockets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.base = "/" + str(config.get_option("server.baseUrlPath") or "").strip("/")
        self.icon = page_icon_path()
        self.public = public_origins()

    def relative(self, path: str) -> str:
        if self.base != "/" and (path == self.base or path.startswith(self.base + "/")):
            return path[len(self.base) :] or "/"
        return path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self.websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    async def http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] not in {"GET", "HEAD"}:
            await self.refuse(send, 405, b"Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        if not reachable(self.relative(scope["path"]), self.icon):
            await self.refuse(send, 404, b"Not Found")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                extra = HEADERS | {"Cache-Control": NO_STORE} if is_html(headers) else HEADERS
                message = {**message, "headers": with_headers(headers, extra)}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def refuse(
        self, send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None
    ) -> None:
        base = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        extra = HEADERS | {"Cache-Control": NO_STORE}
        await send(
            {"type": "http.response.start", "status": status, "headers": with_headers(base + (headers or []), extra)}
        )
        await send({"type": "http.response.body", "body": body})

    async def websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.relative(scope["path"]) != STREAM:
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = scope.get("headers", [])
        origins = [value.decode("latin-1") for name, value in headers if name == b"origin"]
        hosts = [value.decode("latin-1") for name, value in headers if name == b"host"]
        if not allowed_origin(origins, hosts[0] if len(hosts) == 1 else None, self.public):
            await send({"type": "websocket.close", "code": 1008})  # before accept: uvicorn answers 403
            return
        disconnected = False

        async def watched(message_source: Receive = receive) -> Message:
            nonlocal disconnected
            message = await message_source()
            disconnected = disconnected or message["type"] == "websocket.disconnect"
            return message

        try:
            await self.app(scope, watched, send)
        except Exception as error:
            if disconnected or isinstance(error, WebSocketDisconnect):
                return  # the browser left (tab closed, network gone): nothing went wrong
            # Streamlit lets a text frame escape as an exception, which uvicorn would log with a traceback
            # of some 60 lines. One line, without the frame, is enough to see that it happens.
            log.warning("Websocket closed after a frame that is not a Streamlit message (%s).", type(error).__name__)
            with contextlib.suppress(Exception):  # already closed: nothing left to tell the client
                await send({"type": "websocket.close", "code": 1002})


BAD_HANDSHAKE = b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


def answer_broken_handshakes() -> None:
    """A websocket handshake uvicorn passes on but the websockets library cannot parse (e.g. with a
    Content-Length) got no answer at all: the library reports it in `handshake_exc`, uvicorn only looks
    at `parser_exc`. Here such a handshake gets 400 and the connection closes at once."""
    protocol = WebSocketsSansIOProtocol
    original = protocol.data_received
    if getattr(original, "answers_broken_handshakes", False):
        return

    def data_received(self: Any, data: bytes) -> None:
        original(self, data)
        if not self.handshake_complete and self.conn.handshake_exc is not None and not self.transport.is_closing():
            self.transport.write(BAD_HANDSHAKE)
            self.transport.close()

    data_received.answers_broken_handshakes = True  # type: ignore[attr-defined]
    protocol.data_received = data_received  # type: ignore[method-assign]


class OneLine(logging.Filter):
    """Turns a log record with a traceback into one line: the message and the exception's type only.

    For the two places where Streamlit logs a client's broken message with its traceback. The exception's
    own text is left out on purpose: it may quote the message, and messages carry answers.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[0] is not None:
            record.msg = f"{record.getMessage()} ({record.exc_info[0].__name__}); connection closed."
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


QUIET_LOGGERS = (
    "streamlit.web.server.starlette.starlette_websocket",  # "Error deserializing back message"
    "streamlit.runtime.app_session",  # "Error processing back message"
)


def quiet_client_errors() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).addFilter(OneLine())
