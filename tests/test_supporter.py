"""For someone who helps ("Ich helfe jemandem" on the start page, role `supporter`): when to call 110 for
the person, what helps and what harms, what to say, how to save evidence without harm, and help for the
helper. The contacts are only those whose source says they advise people around the affected person
(`helps_people_around`), besides the emergency numbers; a person answering for themselves sees none of it."""

from __future__ import annotations

import itertools

import pytest

from lotse.content.vocabulary import STATES
from lotse.guide.result import compute_result
from tests.apptest import card_names, click, fresh_app, page_outline, plan_titles, shipped, title, walk_to_result

HUSBAND = {
    "role": "supporter",
    "incident": ["threat"],
    "danger": "unsure",
    "channel": ["letter"],
    "state": "ST",
    "police": "undecided",
    "author_known": "no",
}
OFFICE = {
    "role": "supporter",
    "incident": ["insult", "online_hate"],
    "danger": "no",
    "channel": ["online"],
    "storm": "no",
    "state": "NI",
    "police": "yes",
    "author_known": "no",
}
SUPPORTER_STEPS = {
    "supporter-110",
    "supporter-listen",
    "supporter-what-to-say",
    "supporter-evidence",
    "supporter-own-support",
}


def _step_ids(answers: dict) -> list[str]:
    return [step.id for step in compute_result(shipped(), answers).steps]


def test_the_start_button_for_helpers_opens_what_happened_as_a_helper() -> None:
    at = click(fresh_app(), "start_supporter")
    assert title(at) == "Was ist passiert?"
    assert at.session_state["wizard"].answers == {"role": "supporter"}


def test_the_start_page_tells_helpers_whom_the_questions_are_about() -> None:
    at = fresh_app()
    texts = [node.value for node in at.markdown]
    assert "Die Fragen sind für die betroffene Person geschrieben. Antworten Sie für sie, so gut Sie können." in texts


def test_a_husband_unsure_about_danger_reads_110_first_then_what_helps() -> None:
    at = walk_to_result(HUSBAND)
    assert plan_titles(at) == [
        "Wann Sie für die Person die 110 rufen",
        "Für heute Nacht sorgen",
        "Für die Person da sein – was hilft und was schadet",
        "Drohbrief – so wenig wie möglich anfassen",
        "Was Sie der Person sagen können",
    ]
    assert ("link", "110 anrufen -> tel:110") in page_outline(at)
    assert card_names(at) == [
        "starke Stelle – Ansprechstelle zum Schutz kommunaler Amts- und Mandatsträger",
        "Mobile Opferberatung Sachsen-Anhalt",
        "Hilfetelefon Gewalt gegen Frauen",
    ]


def test_office_staff_after_online_insults_save_evidence_without_spreading_it() -> None:
    at = walk_to_result(OFFICE)
    assert plan_titles(at)[:3] == [
        "Für die Person da sein – was hilft und was schadet",
        "Beiträge im Netz richtig sichern",
        "Beweise für die Person sichern – ohne sich selbst zu schaden",
    ]
    evidence = next(step for step in compute_result(shipped(), OFFICE).steps if step.id == "supporter-evidence")
    assert "**Nicht weiterverbreiten.**" in evidence.text and "(§ 186 StGB)" in evidence.text
    assert "**Nicht zurückschimpfen.**" in evidence.text and "(§ 185 StGB)" in evidence.text
    assert card_names(at) == [
        "starke Stelle – Ansprechstelle zum Schutz kommunaler Amts- und Mandatsträger",
        "Niedersächsischer Landesbeauftragter für Opferschutz",
    ]


def test_in_danger_the_helper_reads_the_110_for_the_person_not_the_one_for_themselves() -> None:
    steps = _step_ids({**HUSBAND, "danger": "yes"})
    assert steps[0] == "supporter-110" and "emergency-110" not in steps
    assert _step_ids({**HUSBAND, "role": "self", "danger": "yes"})[0] == "emergency-110"


def test_a_person_answering_for_themselves_or_the_municipality_sees_none_of_the_helpers_steps() -> None:
    for role in ("self", "municipality"):
        assert SUPPORTER_STEPS.isdisjoint(_step_ids({**HUSBAND, "role": role}))
        assert SUPPORTER_STEPS.isdisjoint(_step_ids({**OFFICE, "role": role}))


@pytest.mark.parametrize("state", STATES)
def test_a_helper_sees_only_contacts_that_help_people_around_and_the_emergency_numbers(state: str) -> None:
    content = shipped()
    for incident, danger in itertools.product(("insult", "threat", "attack", "online_hate", "stalking"), ("yes", "no")):
        answers = {**HUSBAND, "incident": [incident], "danger": danger, "state": state}
        contacts = compute_result(content, answers).contacts
        assert contacts, answers
        assert all(p.helps_people_around or p.kind == "emergency" for p in contacts), [p.id for p in contacts]
        own = compute_result(content, {**answers, "role": "self"}).contacts
        assert {p.id for p in contacts} <= {p.id for p in own}  # the same contacts, filtered
