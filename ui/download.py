"""Private downloads: a document travels only over the user's own session, never to a server URL.

`st.download_button` stores the file in Streamlit's media store under `/media/<hash of the content>`,
where anyone who can guess the content (state and incident leave about 100 combinations) can fetch it,
also after the tab is closed. Here the document is made when the button is pressed, sent once inside
this session's websocket message to a small component (the "courier"), and turned into a file by the
browser itself (a `blob:` URL that only this page can open). The server keeps nothing: the document
sits in the session state for the one run that sends it.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Callable
from typing import Any

import streamlit as st

from lotse.documents import Document

_PENDING = "_lotse_document_pending"

_JS = """
const delivered = new Set();
export default function (component) {
  const doc = component.data && component.data.document;
  if (!doc || delivered.has(doc.nonce)) { return; }
  delivered.add(doc.nonce);
  const bytes = Uint8Array.from(atob(doc.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: doc.mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = doc.filename;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
"""

_courier = st.components.v2.component("lotse_courier", html="<span hidden></span>", js=_JS, isolate_styles=False)


def download_button(label: str, key: str, make: Callable[[], Document | None], **button_options: Any) -> None:
    """A button that hands the document `make()` to this browser only. `make` runs on the click; it
    returns None when there is nothing to send (a form with mistakes, say: `make` shows why)."""
    st.button(label, key=key, on_click=_prepare, args=(make,), **button_options)


def _prepare(make: Callable[[], Document | None]) -> None:
    document = make()
    if document is None:
        return
    st.session_state[_PENDING] = {
        "filename": document.filename,
        "mime": document.mime,
        "base64": base64.b64encode(document.data).decode("ascii"),
        "nonce": secrets.token_hex(16),
    }


def pending_document() -> dict[str, str] | None:
    """The document waiting to be sent in this run (for tests); None if there is none."""
    return st.session_state.get(_PENDING)


def courier() -> None:
    """Send the waiting document (if any) to the browser, then forget it. Call once per run, last."""
    document = st.session_state.pop(_PENDING, None)
    _courier(key="lotse_courier", data={"document": document}, height=0)
