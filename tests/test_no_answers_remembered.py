"""No memory shared by all sessions is keyed by what a visitor answered (issue 21: "No cache keyed by a
visitor's answers may outlive their session or be shared across sessions"). The conditions remember
their verdicts only inside the check; the question count's table holds only the states the walk from
the start reaches, worked out from the content before anyone answers."""

from __future__ import annotations

from lotse.content.expressions import _VERDICTS, AnswerDomain, compile_condition, remembering_verdicts
from lotse.guide import wizard
from lotse.guide.wizard import begin, question_count, submit
from tests.documents_helpers import shipped


def test_a_condition_outside_the_check_remembers_no_verdict() -> None:
    condition = compile_condition("danger == 'yes'", {"danger": AnswerDomain(("yes", "no", "unsure"))})
    assert condition.holds({"danger": "yes"}) and not condition.holds({"danger": "no"})
    assert _VERDICTS.get() is None


def test_inside_the_check_each_verdict_is_worked_out_once_and_forgotten_after() -> None:
    calls: list[str] = []
    condition = compile_condition("danger == 'yes'", {"danger": AnswerDomain(("yes", "no", "unsure"))})
    counting = type(condition)(**{**condition.__dict__, "_evaluate": lambda **read: calls.append(read["danger"])})
    with remembering_verdicts():
        for _ in range(3):
            counting.holds({"danger": "unsure"})
        remembered = _VERDICTS.get()
        assert remembered is not None and list(remembered[id(counting)][1]) == [(("danger", "str", "unsure"),)]
    assert calls == ["unsure"] and _VERDICTS.get() is None


def test_the_question_count_keeps_no_state_only_a_visitors_answers_reach() -> None:
    content, _ = shipped()
    state = begin(content)
    question_count(content, state)
    table = wizard._MOST.get(id(content))[1]
    before = dict(table)
    several = submit(content, submit(content, state, ["insult", "threat", "doxing", "stalking"]), "no")
    assert (
        question_count(content, several) == question_count(content, several) == (3, 9)
    )  # as before the table stopped keeping it
    assert table == before
    assert wizard._MOST.get(id(content))[1] is table  # worked out once per content, not per visitor
    assert not any("doxing', 'stalking" in key for _, key in table)


def test_a_visitors_own_counts_stay_in_what_their_session_holds() -> None:
    content, _ = shipped()
    several = submit(content, submit(content, begin(content), ["insult", "threat", "doxing", "stalking"]), "no")
    session: dict[str, object] = {}
    assert question_count(content, several, session) == (3, 9)
    counts = session["counts"]
    assert session["content"] is content and any("doxing', 'stalking" in key for _, key in counts)
    assert question_count(content, several, session) == (3, 9)
    assert session["counts"] is counts  # kept for the next screen, not worked out again
