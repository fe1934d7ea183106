"""The page as first sent, in Lotse's language: `lang`, title and the line shown without JavaScript.

Streamlit sends the same index.html for every page URL, with `lang="en"`, the title "Streamlit" and an
English <noscript> text about its agent API (a route the guard closes). A screen reader, a search
result or a browser without JavaScript met those words before the app could set its own. `FirstBytes`
(ASGI middleware, inside the guard in serve.py) puts the words of texts/de.yaml into that HTML before it
leaves the server. The inline script stays as it is, so the guard's CSP hash still fits.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True)
class PageWords:
    lang: str
    title: str
    noscript: str


def in_words(index_html: str, words: PageWords) -> str:
    """`index_html` with its language, title and <noscript> text replaced by `words` (escaped)."""
    html = re.sub(r"<html\b[^>]*>", f'<html lang="{escape(words.lang)}">', index_html, count=1)
    html = re.sub(r"<title>.*?</title>", f"<title>{escape(words.title)}</title>", html, count=1, flags=re.DOTALL)
    return re.sub(
        r"<noscript>.*?</noscript>", f"<noscript><p>{escape(words.noscript)}</p></noscript>", html, flags=re.DOTALL
    )


def header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    return next((value for key, value in headers if key.lower() == name), None)


class FirstBytes:
    """Rewrites every HTML response with `in_words`. `words()` is asked per response (an editor's change
    counts at once); None leaves the page as Streamlit sent it (content that cannot be read)."""

    def __init__(self, app: ASGIApp, words: Callable[[], PageWords | None]) -> None:
        self.app = app
        self.words = words

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        body: list[bytes] = []

        async def rewrite(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if (header(headers, b"content-type") or b"").startswith(b"text/html"):
                    start = message  # held back until the whole body is here
                    return
            elif message["type"] == "http.response.body" and start is not None:
                body.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                await self.send_rewritten(send, start, b"".join(body), scope["method"] == "HEAD")
                return
            await send(message)

        await self.app(scope, receive, rewrite)

    async def send_rewritten(self, send: Send, start: Message, body: bytes, head: bool) -> None:
        headers = list(start.get("headers", []))
        words = self.words()
        if words is not None and not head:
            if header(headers, b"content-encoding") == b"gzip":
                body = gzip.decompress(body)
            body = in_words(body.decode("utf-8"), words).encode("utf-8")
            drop = {b"content-length", b"content-encoding", b"etag"}
            headers = [(k, v) for k, v in headers if k.lower() not in drop]
            headers.append((b"content-length", str(len(body)).encode()))
        elif words is not None:  # HEAD: no body to measure; the length of Streamlit's page would be wrong
            headers = [(k, v) for k, v in headers if k.lower() not in {b"content-length", b"etag"}]
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})
