"""A calm page for a browser that lost the server process holding its session.

With several processes behind nginx (`make serve`), a process can die. The browser then reconnects, and
nginx sends it to another process, which has never seen this session. Streamlit's frontend re-sends the
values of the widgets on its screen, but everything else (the wizard's path, earlier answers) died with
the old process. Going on would show a half-remembered, wrong state, so Lotse says what happened and
lets the person start again. The same happens after a restart of a single process (`make run`).

The detection: the first script run of a session in this process that already carries widget values.
A fresh visit starts without any; a reconnect to a process that still holds the session is no first run.
"""

from __future__ import annotations

import threading

import streamlit as st
from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

# User-facing words (to move into a content file with the others).
LOST_TITLE = "Die Verbindung wurde unterbrochen – bitte neu beginnen"
LOST_TEXT = (
    "Die Verbindung zu Lotse ist kurz abgerissen. Dabei sind Ihre bisherigen Antworten verloren gegangen. "
    "Lotse speichert Antworten nirgends dauerhaft, deshalb lassen sie sich nicht wiederherstellen.\n\n"
    "Bitte beginnen Sie neu. Das dauert nur wenige Minuten."
)
RESTART_LABEL = "Neu beginnen"

_PRUNE_EVERY = 256
_seen: set[str] = set()
_seen_lock = threading.Lock()


def _first_run_here(session_id: str) -> bool:
    with _seen_lock:
        if session_id in _seen:
            return False
        _seen.add(session_id)
        if len(_seen) % _PRUNE_EVERY == 0:  # forget sessions that have ended, so the set stays small
            runtime = Runtime.instance()
            _seen.difference_update({s for s in _seen if runtime.get_app_session(s) is None})
        return True


def arrived_without_its_state() -> bool:
    """True when this run is a session's first in this process and the browser already sent widget values.

    Call it first thing in app.py, before any widget is drawn: then the widget values are the browser's.
    """
    ctx = get_script_run_ctx()
    if ctx is None:  # not running inside Streamlit
        return False
    return _first_run_here(ctx.session_id) and bool(ctx.session_state.get_widget_states())


def connection_lost_page() -> None:
    """Instead of the page: what happened, and one button to start again (the session is fresh by then)."""
    st.title(LOST_TITLE, anchor=False)
    st.markdown(LOST_TEXT)
    st.button(RESTART_LABEL, key="lotse_restart", type="primary")
