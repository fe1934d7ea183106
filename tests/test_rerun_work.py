"""No work on a rerun that nothing asked for: the result is computed once per answers within a session
and forgotten with "Neu beginnen"; the pages are made once per session. Nothing of it is shared between
sessions (it lives in the session's own state)."""

from __future__ import annotations

from typing import Any

import pytest

import ui.guide
from lotse.guide.result import result_for
from tests.apptest import click, ok, result_page

ANSWERS = {"incident": ["threat"], "danger": "no", "channel": ["letter"], "state": "BY", "police": "no"}


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []

    def counting(content: Any, answers: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(dict(answers.given))
        return result_for(content, answers, *args, **kwargs)

    monkeypatch.setattr(ui.guide, "result_for", counting)
    return calls


def test_the_result_is_computed_once_per_answers_and_forgotten_on_restart(computed: list) -> None:
    at = result_page({**ANSWERS, "author_known": "no"})
    for _ in range(3):
        ok(at.run())
    assert len(computed) == 1, "reruns of the same plan must not compute it again"
    assert "_lotse_once_result" in at.session_state
    click(at, "restart_result")
    click(at, "restart_result_yes")
    assert "_lotse_once_result" not in at.session_state, "'Neu beginnen' forgets the plan with the answers"


def test_the_pages_are_made_once_per_session() -> None:
    at = result_page({**ANSWERS, "author_known": "no"})
    pages = at.session_state["_lotse_once_pages"][2]
    ok(at.run())
    assert at.session_state["_lotse_once_pages"][2] is pages
