"""What every run of every page sends besides the page itself, kept small (issue 21): the page icon is an
address of the app's static folder, so no run reads the file or puts it into Streamlit's media store."""

from __future__ import annotations

from typing import Any

import pytest
import streamlit as st
from streamlit.runtime.media_file_manager import MediaFileManager

from deploy.guard import PAGE_ICON, page_icon_path
from tests.apptest import click, fresh_app, start_key
from ui.chrome import PAGE_ICON as APP_PAGE_ICON


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
