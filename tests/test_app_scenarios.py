"""Every training scenario plays through the self-guided wizard by clicking (AppTest), and its
expected steps and contacts appear on the result page."""

from __future__ import annotations

import pytest

from lotse.content.loader import Content
from lotse.explain.trace import trace
from tests.apptest import title, walk_to_result
from tests.conftest import REPO

SCENARIO_IDS = [
    line.split("id:", 1)[1].strip()
    for line in (REPO / "flows" / "scenarios.yaml").read_text(encoding="utf-8").splitlines()
    if line.startswith("  - id:")
]


def _as_given(answer: object) -> str | list[str]:
    """A trace's answer as the wizard driver takes it: several options as a list."""
    return answer if isinstance(answer, str) else list(answer)  # type: ignore[call-overload]


def page_text(at: object) -> str:
    return "\n".join([m.value for m in at.markdown] + [e.label for e in at.expander] + [h.value for h in at.header])


@pytest.mark.parametrize("scenario_id", SCENARIO_IDS)
def test_the_scenario_plays_through_the_wizard(shipped: Content, scenario_id: str) -> None:
    scenario = shipped.scenario(scenario_id)
    assert scenario is not None
    asked = {
        step.node_id: _as_given(step.answer) for step in trace(shipped, scenario.answers) if step.answer is not None
    }
    at = walk_to_result(asked)  # what the wizard asks for, defaults included, up to the check page
    assert title(at) == "Ihr Plan"
    text = page_text(at)
    titles = {compiled.step.id: compiled.step.title for compiled in shipped.steps}
    expected = [titles[i] for i in scenario.expected.steps] + [
        shipped.provider(i).name for i in scenario.expected.contacts
    ]
    assert [title for title in expected if title not in text] == []
