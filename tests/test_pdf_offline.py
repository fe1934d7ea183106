"""A PDF never reaches the network, even when its HTML asks: through the real entry (`render_pdf`), with
HTML that links a stylesheet, imports one, and draws a background and an image from outside."""

from __future__ import annotations

import socket
import urllib.request
from typing import Any, NoReturn

import pytest

from lotse.documents import pdf as pdf_module
from lotse.documents.blocks import Page, Paragraph
from tests.documents_helpers import pdf_facts

HOSTILE = (
    '<html lang="de"><head><title>t</title><link rel="stylesheet" href="https://example.org/a.css">'
    '<style>@import url("http://127.0.0.1:9/b.css"); p { background: url(file:///etc/passwd) }</style></head>'
    '<body><p>Text</p><img src="http://127.0.0.1:9/c.png" alt="x"></body></html>'
)


def test_a_pdf_never_reaches_the_network_even_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> NoReturn:
        raise AssertionError("network access")

    fetchers: list[pdf_module.OfflineFetcher] = []

    class Watched(pdf_module.OfflineFetcher):
        def __init__(self) -> None:
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(pdf_module, "OfflineFetcher", Watched)
    monkeypatch.setattr(pdf_module, "to_html", lambda page: HOSTILE)
    pdf = pdf_module.render_pdf(Page("t", (Paragraph("Text"),)))
    assert pdf.startswith(b"%PDF") and "Text" in pdf_facts(pdf).text
    refused = {url for fetcher in fetchers for url in fetcher.refused}
    assert {"https://example.org/a.css", "http://127.0.0.1:9/b.css", "http://127.0.0.1:9/c.png"} <= refused
