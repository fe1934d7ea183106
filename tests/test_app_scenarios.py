"""Every training scenario plays through the self-guided wizard by clicking (AppTest), and its
expected steps and contacts appear on the result page."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lotse.content.loader import Content
from lotse.explain.trace import trace
from tests.conftest import REPO

APP = str(REPO / "app.py")
SCENARIO_IDS = [
    line.split("id:", 1)[1].strip()
    for line in (REPO / "flows" / "scenarios.yaml").read_text(encoding="utf-8").splitlines()
    if line.startswith("  - id:")
]


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception, at.exception


def answer_in_wizard(at: AppTest, node_id: str, value: Any) -> None:
    if isinstance(value, list):
        for item in value:
            at.checkbox(key=f"q_{node_id}_{item}").check().run()
    elif value is not None:
        at.radio(key=f"q_{node_id}").set_value(value).run()
    click(at, f"next_{node_id}")


def page_text(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.label for e in at.expander] + [h.value for h in at.header])


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_the_scenario_plays_through_the_wizard(shipped: Content, scenario_id: str) -> None:
    scenario = shipped.scenario(scenario_id)
    assert scenario is not None
    at = AppTest.from_file(APP, default_timeout=30).run()
    click(at, "start")
    for step in trace(shipped, scenario.answers)[:-1]:  # what the wizard asks for, defaults included
        answer_in_wizard(at, step.node_id, step.answer)
    assert at.title[0].value == "Ihre Angaben prüfen"
    click(at, "show_result")
    text = page_text(at)
    titles = {compiled.step.id: compiled.step.title for compiled in shipped.steps}
    expected = [titles[i] for i in scenario.expected.steps] + [
        shipped.provider(i).name for i in scenario.expected.contacts
    ]
    assert [title for title in expected if title not in text] == []
