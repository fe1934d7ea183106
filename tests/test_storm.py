"""A hatestorm (many authors in a short time, online): the further question 'storm' is asked only where
the incident is online hate or insult online, and its steps come on top of the usual deadlines and
police routes, the first hour in the plan."""

from __future__ import annotations

from lotse.guide.result import compute_result
from lotse.guide.walk import resolve
from tests.apptest import answer, folded_titles, plan_titles, shipped, started, walk_to_result

STORM = {
    "incident": ["online_hate", "insult"],
    "danger": "no",
    "channel": ["online"],
    "storm": "yes",
    "state": "NW",
    "police": "undecided",
    "author_known": "no",
}
STORM_STEPS = {"storm-first-hour", "storm-report-at-scale", "storm-answer-public"}


def _step_ids(answers: dict) -> list[str]:
    return [step.id for step in compute_result(shipped(), answers).steps]


def test_the_wizard_asks_about_many_senders_after_the_channel_and_plans_the_first_hour() -> None:
    at = started()
    answer(at, "incident", STORM["incident"])
    answer(at, "danger", "no")
    answer(at, "channel", ["online"])
    assert at.session_state["wizard"].screen == "storm"
    assert [r.label for r in at.radio] == ["Schreiben Ihnen viele verschiedene Absender in kurzer Zeit?"]
    at = walk_to_result(STORM)
    assert plan_titles(at) == [
        "Beiträge im Netz richtig sichern",
        "Viele Angriffe auf einmal – die erste Stunde",
        "Aufschreiben, was passiert ist",
        "Mit der starken Stelle sprechen",
    ]
    assert {"Viele Beiträge melden", "Öffentlich antworten – oder nicht"} <= set(folded_titles(at))


def test_one_or_few_senders_or_not_sure_show_no_storm_step() -> None:
    for value in ("no", "unsure"):
        assert STORM_STEPS.isdisjoint(_step_ids({**STORM, "storm": value}))


def test_the_storm_question_is_asked_only_for_online_hate_or_insult_online() -> None:
    content = shipped()
    assert resolve(content, STORM).effective["storm"] == "yes"
    for other in (
        {"channel": ["letter"]},
        {"channel": ["message"]},
        {"incident": ["defamation"]},
        {"incident": ["threat"]},
    ):
        assert resolve(content, {**STORM, **other}).effective["storm"] == "unsure"  # not asked: its default
        assert STORM_STEPS.isdisjoint(_step_ids({**STORM, **other}))


def test_a_storm_keeps_the_deadlines_and_police_routes_of_every_online_incident() -> None:
    calm = set(_step_ids({**STORM, "storm": "no"}))
    stormy = set(_step_ids(STORM))
    assert stormy - calm == STORM_STEPS
    assert {"report-ways", "strafantrag-deadline", "platform-report-dsa", "evidence-online"} <= calm


def test_a_storm_with_a_threat_still_puts_the_report_first() -> None:
    answers = {**STORM, "incident": ["online_hate", "threat"], "state": "BY", "police": "yes"}
    plan = [step.id for step in compute_result(shipped(), answers).plan]
    assert plan == ["report-ways", "evidence-online", "storm-first-hour", "document-incident", "starke-stelle"]
