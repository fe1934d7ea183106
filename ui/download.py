"""Private downloads: a document travels only over the user's own session, never to a server URL.

`st.download_button` stores the file in Streamlit's media store under `/media/<hash of the content>`,
where anyone who can guess the content (state and incident leave about 100 combinations) can fetch it,
also after the tab is closed. Here the document is made when the button is pressed, sent once inside
this session's websocket message to a small component (the "courier"), and turned into a file by the
browser itself (a `blob:` URL that only this page can open). The server keeps nothing: the document
sits in the session state for the one run that sends it.

A document costs CPU (the handout some hundred milliseconds), so a session makes one at a time and at
most `BUDGET` a minute: a click while a document is being made, or while one waits to be sent, makes
nothing more (with `runner.fastReruns = false` such a click waits for the running script and its
reruns fold into one); a click past the budget shows a calm message instead. A client that leaves
stops its script run (Streamlit does that); what it asked for beyond the running document never starts.
"""

from __future__ import annotations

import base64
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from lotse.documents import Document
from ui.content import get_texts

_PENDING = "_lotse_document_pending"
_WORK = "_lotse_document_work"
_REFUSED = "_lotse_document_refused"
BUDGET = 6
"""Documents one session may ask for within `WINDOW` seconds (a person rarely needs more than the
handout and a letter in two formats in a minute; each attempt counts, also one with form mistakes)."""
WINDOW = 60.0


@dataclass
class Work:
    """A session's document work: the lock of the one render in flight, and when the last ones began."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    began: deque[float] = field(default_factory=deque)

    def within_budget(self, now: float) -> bool:
        while self.began and now - self.began[0] >= WINDOW:
            self.began.popleft()
        return len(self.began) < BUDGET


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
    st.button(label, key=key, on_click=_prepare, args=(make, key), **button_options)
    if st.session_state.get(_REFUSED) == key:
        del st.session_state[_REFUSED]
        st.info(get_texts().documents.budget, icon=":material/hourglass_top:")


def work() -> Work:
    """This session's document work (made on first use; it lives and dies with the session)."""
    current = st.session_state.get(_WORK)
    if not isinstance(current, Work):
        current = st.session_state[_WORK] = Work()
    return current


def _prepare(make: Callable[[], Document | None], key: str) -> None:
    session = work()
    if not session.lock.acquire(blocking=False):
        return  # another run of this session is making a document
    try:
        if _PENDING in st.session_state:
            return  # one is made and goes out with this run
        now = time.monotonic()
        if not session.within_budget(now):
            st.session_state[_REFUSED] = key
            return
        session.began.append(now)
        document = make()
        if document is not None:
            st.session_state[_PENDING] = {
                "filename": document.filename,
                "mime": document.mime,
                "base64": base64.b64encode(document.data).decode("ascii"),
                "nonce": secrets.token_hex(16),
            }
    finally:
        session.lock.release()


def _send(key: str, document: dict[str, str] | None) -> None:
    """The courier, only in a run that has a document for it: most runs have none, and a component
    costs every run two widgets and a message. Arriving, it delivers; in the next run it is gone."""
    if document is not None:
        _courier(key=key, data={"document": document}, height=0)


def courier() -> None:
    """Send the waiting document (if any) to the browser, then forget it. Call once per run, last."""
    _send("lotse_courier", st.session_state.pop(_PENDING, None))


def fragment_courier(key: str) -> None:
    """At the end of a fragment whose buttons make documents: a run of the fragment alone reaches no
    other courier, so this one sends (in a run of the whole page, `courier` at its end does)."""
    ctx = get_script_run_ctx()
    if ctx is None or not ctx.fragment_ids_this_run or _PENDING not in st.session_state:
        return
    _send(key, st.session_state.pop(_PENDING))
