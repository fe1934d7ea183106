"""The wizard's screen marker travels in the safety bar's component (ui/chrome.py, ui/screen.py): one
component per run. The bar comes before the page, so its marker is worked out from the wizard's state;
it must name the screen the run shows, with that screen's own heading, and no other page gets one."""

from __future__ import annotations

import json
from typing import Any

from streamlit.testing.v1 import AppTest

from tests.apptest import click, fresh_app, page, walk_to_result
from ui.screen import Marker, follow_back


def bars(at: AppTest) -> list[Any]:
    return [node for node in at.get("bidi_component") if node.proto.component_name.endswith("lotse_safety_bar")]


def marked(at: AppTest) -> dict[str, Any] | None:
    (bar,) = bars(at)  # one bar, and no second component for the marker
    return json.loads(bar.proto.json) if bar.proto.json else None


def test_the_bar_marks_each_screen_with_the_heading_it_shows() -> None:
    at = fresh_app()
    assert marked(at) == {"screen": "#start", "heading": at.title[0].value, "depth": 0}
    click(at, "start")
    assert marked(at) == {"screen": "incident", "heading": at.title[0].value, "depth": 1}
    assert at.title[0].value == "Was ist passiert?"
    at = walk_to_result({"incident": ["attack"], "danger": "yes", "state": "SN", "police": "yes", "author_known": "no"})
    data = marked(at)
    assert data is not None and data["screen"] == "#result" and data["heading"] == at.title[0].value == "Ihr Plan"


def test_no_other_page_is_marked() -> None:
    assert marked(page("app_pages/contacts.py")) is None


def test_back_goes_only_with_a_screen_and_a_number() -> None:
    asked: list[int] = []
    marker = Marker("incident", "Was ist passiert?", 2, asked.append)
    follow_back(marker, {"go": 1})
    follow_back(marker, {"go": "1"})
    follow_back(marker, {"go": True})
    follow_back(None, {"go": 1})
    follow_back(marker, {"exit": True})
    assert asked == [1]
