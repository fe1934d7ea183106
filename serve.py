"""Lotse's server: app.py as an ASGI app, with the rules a public site needs. Start: `streamlit run serve.py`.

Streamlit finds `app` (an `st.App`) and serves it with uvicorn under `.streamlit/config.toml`. The same
command runs everywhere: `make run`, `make serve` (each replica), the browser tests, the benchmark and the
container image. In front of Streamlit, `Guard` (deploy/guard.py) makes sure that

- only the routes the app needs answer; everything else is a 404 (see docs/operations.md, "What a visitor
  can and cannot reach"), and only GET and HEAD are accepted;
- every HTTP response carries the security headers, and HTML is never cached;
- a websocket opens only from the page's own origin (or a configured public one), and nothing in the
  process looks up its own address at a third party (`no_address_lookups`);
- a broken websocket frame costs one log line, never a traceback and never the frame's contents;
- a broken websocket handshake is answered with 400 at once (`answer_broken_handshakes`).

Inside the guard, `FirstBytes` (deploy/first_bytes.py) sends the page in German from its first byte.

The content is loaded and validated once when the process starts (`lifespan`), not on the first visit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import streamlit as st
from starlette.middleware import Middleware

from deploy.first_bytes import FirstBytes, PageWords
from deploy.guard import Guard, answer_broken_handshakes, no_address_lookups, quiet_client_errors
from lotse.content.problems import ContentError
from ui.content import LIVE


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    LIVE.get()  # load and validate the content now, so the first visitor does not wait for it
    yield


def page_words() -> PageWords | None:
    """The page's first words (deploy/first_bytes.py) from texts/de.yaml; None while it cannot be read."""
    content = LIVE.get()
    if isinstance(content, ContentError):
        return None
    texts = content.texts
    return PageWords(texts.language, texts.app.page_title, texts.app.noscript)


no_address_lookups()
answer_broken_handshakes()
quiet_client_errors()
app = st.App("app.py", middleware=[Middleware(Guard), Middleware(FirstBytes, words=page_words)], lifespan=lifespan)
