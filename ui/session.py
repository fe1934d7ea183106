"""Work a rerun need not do again: objects made once per session and kept in its state.

Kept in `st.session_state`, so a value lives and dies with its session: nothing is shared between
sessions or outlives one (a value made from a person's answers included).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
_PREFIX = "_lotse_once_"


def once(name: str, owner: object, key: Hashable, make: Callable[[], T]) -> T:
    """`make()`, made again only when `owner` (compared by identity: the loaded content, say) or `key`
    (compared by value) differs from the last run of this session that asked for `name`."""
    slot = _PREFIX + name
    held = st.session_state.get(slot)
    if isinstance(held, tuple) and len(held) == 3 and held[0] is owner and held[1] == key:
        return held[2]
    value = make()
    st.session_state[slot] = (owner, key, value)
    return value


def forget(name: str) -> None:
    """Drop what `once(name, …)` holds for this session."""
    st.session_state.pop(_PREFIX + name, None)
