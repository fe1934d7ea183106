"""Content loaded once per process. A broken file shows editors what to fix, never a traceback."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lotse.content import Content, load_content
from lotse.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent


@st.cache_resource(show_spinner=False)
def _load() -> Content | ContentError:
    try:
        return load_content(ROOT)
    except ContentError as exc:
        return exc


def get_content() -> Content:
    """The validated content; on content errors, render them for editors and stop the page."""
    loaded = _load()
    if isinstance(loaded, ContentError):
        st.error("Lotse kann gerade nicht angezeigt werden: Die Inhalte enthalten Fehler.")
        st.markdown("**Im Notfall: Polizei 110.** Für Redaktion und Betrieb:")
        st.code("\n".join(str(p) for p in loaded.problems), language=None)
        st.stop()
    return loaded
