"""Content loaded once per process. A broken file shows editors what to fix, never a traceback.

Not `st.cache_resource`: any browser can send Streamlit's `clear_cache` message, which empties those
caches for everyone and made the server load and validate all YAML again (179 ms of CPU per message).
`LiveContent` lives in this module, out of any client's reach, and reloads only when a file changes.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from lotse.check.live import LiveContent
from lotse.content.loader import Content
from lotse.content.problems import ContentError
from lotse.content.texts import Texts
from lotse.documents.catalog import DocumentCatalog

ROOT = Path(__file__).resolve().parent.parent
LIVE = LiveContent(ROOT)

# The only words of the app that live in Python: shown when the content (texts/de.yaml included)
# cannot be read at all, so they cannot come from it.
BROKEN = "Lotse kann gerade nicht angezeigt werden: Die Inhalte enthalten Fehler."
BROKEN_EMERGENCY = "**Im Notfall: Polizei 110.** Für Redaktion und Betrieb:"


def get_content() -> Content:
    """The validated content; on content errors, render them for editors and stop the page."""
    loaded = LIVE.get()
    if isinstance(loaded, ContentError):
        st.error(BROKEN)
        st.markdown(BROKEN_EMERGENCY)
        st.code("\n".join(str(p) for p in loaded.problems), language=None)
        st.stop()
    return loaded


def get_texts() -> Texts:
    """The words of the pages (texts/de.yaml)."""
    return get_content().texts


def get_catalog() -> DocumentCatalog | None:
    """The documents (flows/documents.yaml) checked with the content; None where that file is missing."""
    get_content()
    return LIVE.catalog()
