"""Engine: walking, pruning, defaults, answer validation, matching and ranking (tiny trees in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lotse.content.loader import load_content
from lotse.content.problems import AnswerError
from lotse.guide.matching import filter_directory, is_deferred, match_providers
from lotse.guide.result import compute_result
from lotse.guide.walk import resolve, validate_answers, walk
from tests.helpers import build_tree

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


@pytest.fixture
def content(tmp_path: Path):
    return load_content(build_tree(tmp_path))


def test_walk_stops_at_the_first_unanswered_question(content) -> None:
    partial = walk(content, {"incident": ["insult"], "danger": "yes"})
    assert partial.path == ("incident", "danger", "emergency", "state")
    assert partial.stopped_at == "state" and not partial.complete


def test_walk_prunes_answers_of_questions_not_on_the_path(content) -> None:
    answers = {**BASE, "incident": ["none"], "author_known": "yes"}
    result_walk = walk(content, answers)
    assert result_walk.complete
    assert "author_known" not in result_walk.answers


def test_resolve_fills_defaults_of_further_questions(content) -> None:
    assert resolve(content, BASE)["author_known"] == "no"


def test_an_answer_from_an_abandoned_branch_does_not_change_the_result(content) -> None:
    with_stale = compute_result(content, {**BASE, "incident": ["none"], "author_known": "yes", "police": "yes"})
    without = compute_result(content, {**BASE, "incident": ["none"], "police": "yes"})
    assert [s.id for s in with_stale.steps] == [s.id for s in without.steps]
    assert "report" not in [s.id for s in with_stale.steps]  # needs author_known == 'yes'


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        (
            {**BASE, "colour": "red"},
            "Unbekannte Frage 'colour'. Bekannt: incident, danger, state, police, author_known.",
        ),
        ({**BASE, "danger": "maybe"}, "'danger=maybe' ist nicht erlaubt. Erlaubt: yes, no."),
        (
            {**BASE, "state": "XX"},
            "'state=XX' ist nicht erlaubt. Erlaubt: BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH.",
        ),
        (
            {k: v for k, v in BASE.items() if k != "police"},
            "Die Antwort 'police' fehlt. Erlaubt: yes, no, undecided, already_reported.",
        ),
        (
            {**BASE, "incident": ["none", "threat"]},
            "'incident': 'none' lässt sich nicht mit anderen Antworten kombinieren.",
        ),
        ({**BASE, "danger": ["yes", "no"]}, "'danger' erlaubt nur eine Antwort."),
        (
            {**BASE, "incident": []},
            "'incident=' ist nicht erlaubt. Erlaubt: insult, defamation, threat, attack, online_hate, doxing, stalking, property_damage, none.",
        ),
    ],
)
def test_invalid_answers_name_the_allowed_values(content, answers, message) -> None:
    with pytest.raises(AnswerError) as caught:
        validate_answers(content, answers)
    assert str(caught.value) == message


def test_steps_are_ordered_by_urgency_and_rendered(content) -> None:
    result = compute_result(content, {**BASE, "danger": "yes", "author_known": "yes", "incident": ["threat", "insult"]})
    assert [s.id for s in result.steps] == ["emergency-110", "report", "talk"]
    assert result.steps[1].text == "Zeigen Sie Drohung, Beleidigung an."
    assert result.steps[2].text == "Sie sind in Bayern nicht allein."


def test_danger_puts_emergency_contact_first(content) -> None:
    result = compute_result(content, {**BASE, "danger": "yes"})
    assert result.emergency
    assert result.contacts[0].id == "de-110"


def test_no_emergency_contact_without_danger(content) -> None:
    assert "de-110" not in [p.id for p in compute_result(content, BASE).contacts]


def test_state_contacts_come_before_national_ones(content) -> None:
    ids = [p.id for p in compute_result(content, BASE).contacts]
    assert ids == ["by-police", "by-help", "de-help"]


def test_other_states_contacts_are_not_shown(content) -> None:
    ids = [p.id for p in compute_result(content, {**BASE, "state": "HH"}).contacts]
    assert ids == ["de-help"]


def test_incident_filter_applies(content) -> None:
    ids = [p.id for p in compute_result(content, {**BASE, "incident": ["stalking"]}).contacts]
    assert "by-police" not in ids  # the police entry fits threat and insult only


def test_without_police_wish_police_contacts_come_last_and_apart(content) -> None:
    answers = {**BASE, "police": "no"}
    contacts = match_providers(content.providers, resolve(content, answers))
    assert [p.id for p in contacts] == ["by-help", "de-help", "by-police"]
    assert [is_deferred(p, answers) for p in contacts] == [False, False, True]


def test_undecided_puts_counselling_before_police_within_the_state(content) -> None:
    ids = [p.id for p in compute_result(content, {**BASE, "police": "undecided"}).contacts]
    assert ids == ["by-help", "by-police", "de-help"]


def test_directory_filters(content) -> None:
    providers = content.providers
    assert [p.id for p in filter_directory(providers, state="BY", nationwide=False)] == ["by-help", "by-police"]
    assert [p.id for p in filter_directory(providers, kind="counselling")] == ["de-help"]
    assert [p.id for p in filter_directory(providers, state="HH", incident="stalking")] == ["de-help", "de-110"]


def test_result_json_shape(content) -> None:
    data = compute_result(content, BASE).to_json()
    assert set(data) == {"emergency", "steps", "contacts"}
    assert set(data["steps"][0]) == {"id", "title", "text", "urgency"}
    contact = data["contacts"][0]
    for key in (
        "id",
        "name",
        "kind",
        "states",
        "phone",
        "email",
        "url",
        "hours",
        "anonymous",
        "free_of_charge",
        "police_relation",
        "source",
        "verified",
        "tel",
    ):
        assert key in contact
