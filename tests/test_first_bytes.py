"""The page as first sent is German (deploy/first_bytes.py): Streamlit's own index.html, as installed,
leaves the server with `lang="de"`, Lotse's title and a German line for browsers without JavaScript; the
inline script (whose hash the CSP allows) is untouched; gzip and HEAD answers stay correct."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

from streamlit import file_util

from deploy.first_bytes import FirstBytes, PageWords, in_words
from deploy.guard import inline_script_hashes
from serve import page_words
from tests.documents_helpers import shipped_content

ROOT = Path(__file__).resolve().parent.parent
INDEX = (Path(file_util.get_static_dir()) / "index.html").read_text(encoding="utf-8")
WORDS = PageWords("de", "Lotse: Wegweiser <&>", "Lotse braucht JavaScript. Im Notfall: Polizei 110.")


def test_streamlits_page_gets_lotses_language_title_and_noscript_line() -> None:
    assert '<html lang="en">' in INDEX and "<title>Streamlit</title>" in INDEX  # what Streamlit sends
    html = in_words(INDEX, WORDS)
    assert '<html lang="de">' in html and 'lang="en"' not in html
    assert "<title>Lotse: Wegweiser &lt;&amp;&gt;</title>" in html and "Streamlit</title>" not in html
    assert "<noscript><p>Lotse braucht JavaScript. Im Notfall: Polizei 110.</p></noscript>" in html
    assert "You need to enable JavaScript" not in html and "agent" not in html.split("<body>")[1]
    assert inline_script_hashes(html) == inline_script_hashes(INDEX)


def test_the_words_come_from_the_texts() -> None:
    texts = shipped_content().texts
    assert page_words() == PageWords("de", texts.app.page_title, texts.app.noscript)
    assert texts.app.noscript.startswith("Lotse braucht JavaScript.")


def answer(body: bytes, method: str = "GET", encoding: bytes | None = None) -> tuple[dict[bytes, bytes], bytes]:
    """Run FirstBytes around an app that sends `body` as HTML in two chunks; the headers and body sent."""

    async def app(scope, receive, send) -> None:
        headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        headers += [(b"content-encoding", encoding)] if encoding else []
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        middle = len(body) // 2
        await send({"type": "http.response.body", "body": body[:middle], "more_body": True})
        await send({"type": "http.response.body", "body": body[middle:]})

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    async def receive() -> dict:
        return {"type": "http.request"}

    asyncio.run(FirstBytes(app, lambda: WORDS)({"type": "http", "method": method, "path": "/"}, receive, send))
    return dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_the_middleware_rewrites_plain_and_gzipped_pages_with_the_right_length() -> None:
    for encoding, body in ((None, INDEX.encode()), (b"gzip", gzip.compress(INDEX.encode()))):
        headers, sent = answer(body, encoding=encoding)
        assert b'<html lang="de">' in sent and b"content-encoding" not in headers
        assert int(headers[b"content-length"]) == len(sent)


def test_a_head_request_sends_no_wrong_length() -> None:
    headers, sent = answer(b"", method="HEAD")
    assert b"content-length" not in headers and sent == b""
