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

from lotse.content.texts import Texts

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


def connection_lost_page(texts: Texts) -> None:
    """Instead of the page: what happened, and one button to start again (the session is fresh by then)."""
    st.title(texts.app.lost_title, anchor=False)
    st.markdown(texts.app.lost_text)
    st.button(texts.app.lost_restart, key="lotse_restart", type="primary")
