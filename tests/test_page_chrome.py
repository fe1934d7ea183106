"""What a run sends, kept small (issue 21): the page icon is an address of the app's static folder, so no
run reads the file or puts it into Streamlit's media store; an answer on the check page is one row."""

from __future__ import annotations

from typing import Any

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager

from deploy.guard import PAGE_ICON, page_icon_path
from tests.apptest import click, fresh_app, start_key, walk
from ui.chrome import PAGE_ICON as APP_PAGE_ICON

ANSWERS = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["online"],
    "state": "BY",
    "police": "yes",
    "author_known": "no",
}


def test_the_page_icon_is_the_static_file_and_no_run_stores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    configs: list[dict[str, Any]] = []
    stored: list[str] = []
    real_config, real_add = st.set_page_config, MediaFileManager.add
    monkeypatch.setattr(st, "set_page_config", lambda **kwargs: configs.append(kwargs) or real_config(**kwargs))

    def add(self: MediaFileManager, data: Any, mime: str, *args: Any, **kwargs: Any) -> str:
        stored.append(mime)
        return real_add(self, data, mime, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    click(fresh_app(), start_key())
    assert stored == []
    assert [config["page_icon"] for config in configs] == ["/app/static/favicon.png"] * 2
    assert page_icon_path() == APP_PAGE_ICON and PAGE_ICON.is_file() and PAGE_ICON.parent.name == "static"


def test_each_answer_on_the_check_page_is_one_row_of_its_text_and_its_change_button() -> None:
    """One horizontal container per answer (three elements), not columns (a block and two column blocks)."""
    at = walk(ANSWERS)
    assert at.title[0].value == "Ihre Angaben prüfen" and len(at.columns) == 0
    rows = [block for block in at.main.children.values() if "_answer_row_" in getattr(block.proto, "id", "")]
    nodes = ["role", *ANSWERS]
    assert [block.proto.id.rsplit("-", 1)[1] for block in rows] == [f"check_answer_row_{node}" for node in nodes]
    assert [[child.type for child in row.children.values()] for row in rows] == [["markdown", "button"]] * len(nodes)
    assert [list(row.children.values())[1].key for row in rows] == [f"check_change_{node}" for node in nodes]
