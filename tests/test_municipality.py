"""For the municipality: the administration or the council chair answers for a member, the mayor or the
municipality's property. Its steps (care for the person, the superior's Strafantrag with the Amtsträger
caveat, the municipality's own Strafantrag for its property, a named contact person, order in the
council) come on top of the person's own steps, and never show for a person answering for themselves."""

from __future__ import annotations

import io
from datetime import date

import docx

from lotse.documents.letters import letter_docx, letter_pdf, letters_for
from lotse.guide.result import compute_result
from lotse.guide.walk import resolve
from tests.apptest import folded_titles, plan_titles, shipped, walk_to_result
from tests.documents_helpers import flat, pdf_facts
from tests.documents_helpers import shipped as shipped_catalog

CHAIR = {
    "role": "municipality",
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "NI",
    "police": "yes",
    "author_known": "no",
}
MAYOR = {
    "role": "municipality",
    "incident": ["insult"],
    "danger": "no",
    "channel": ["in_person"],
    "state": "NW",
    "police": "yes",
    "author_known": "yes",
    "learned": "under_1_month",
}
MUNICIPALITY_STEPS = {
    "municipality-care",
    "municipality-superior-strafantrag",
    "municipality-property",
    "municipality-contact-person",
    "council-rules-of-procedure",
}


def _step_ids(answers: dict) -> list[str]:
    return [step.id for step in compute_result(shipped(), answers).steps]


def test_a_council_chair_after_a_threat_against_a_member_gets_care_in_the_plan_and_a_contact_person() -> None:
    at = walk_to_result(CHAIR)
    assert plan_titles(at) == [
        "So zeigen Sie die Tat an",
        "Drohbrief – so wenig wie möglich anfassen",
        "Aufschreiben, was passiert ist",
        "Als Gemeinde für die betroffene Person da sein",
        "Mit der starken Stelle sprechen",
    ]
    folded = folded_titles(at)
    assert "Eine feste Ansprechperson benennen – eine Liste" in folded
    assert "Wenn es im Rat passiert – was der Vorsitz tun kann" in folded
    assert "Beleidigung im Amt – Strafantrag des Dienstvorgesetzten" not in folded  # a threat: no § 194 Abs. 3


def test_the_mayors_administration_after_an_insult_reads_the_superiors_strafantrag_with_the_caveat() -> None:
    at = walk_to_result(MAYOR)
    folded = folded_titles(at)
    assert folded.index("Beleidigung im Amt – Strafantrag des Dienstvorgesetzten") < folded.index(
        "Eine feste Ansprechperson benennen – eine Liste"
    )
    step = next(s for s in compute_result(shipped(), MAYOR).steps if s.id == "municipality-superior-strafantrag")
    assert "(§ 194 Abs. 3 StGB)" in step.text
    assert "(§ 77a Abs. 3 StGB)" in step.text
    assert "Ehrenamtliche Mitglieder im Rat sind in der Regel keine Amtsträger." in step.text


def test_an_insult_without_danger_keeps_care_out_of_the_plan() -> None:
    plan = [step.id for step in compute_result(shipped(), MAYOR).plan]
    assert "municipality-care" not in plan
    assert "municipality-care" in _step_ids(MAYOR)


def test_the_municipality_files_for_its_own_property() -> None:
    answers = {**CHAIR, "incident": ["property_damage"], "state": "BW"}
    shown = set(_step_ids(answers))
    assert {"municipality-property", "property-damage-303"} <= shown
    assert "municipality-superior-strafantrag" not in shown


def test_a_person_answering_for_themselves_sees_none_of_the_municipality_steps() -> None:
    for answers in (CHAIR, MAYOR, {**CHAIR, "incident": ["property_damage", "insult"]}):
        assert MUNICIPALITY_STEPS.isdisjoint(_step_ids({**answers, "role": "self"}))
        without = {key: value for key, value in answers.items() if key != "role"}
        assert resolve(shipped(), without).effective["role"] == "self"  # not answered: its default
        assert MUNICIPALITY_STEPS.isdisjoint(_step_ids(without))


def test_prevention_only_gets_the_contact_person_checklist_but_no_care_for_an_incident() -> None:
    answers = {"role": "municipality", "incident": ["none"], "danger": "no", "state": "HE", "police": "no"}
    shown = set(_step_ids(answers)) & MUNICIPALITY_STEPS
    assert shown == {"municipality-contact-person"}


SUPERIOR = "strafantrag-dienstvorgesetzter"


def _letter_ids(answers: dict) -> list[str]:
    content, catalog = shipped_catalog()
    return [letter.id for letter in letters_for(catalog, resolve(content, answers).effective)]


def test_the_superiors_letter_fits_an_insult_answered_for_the_municipality_only() -> None:
    assert SUPERIOR in _letter_ids(MAYOR)
    assert SUPERIOR not in _letter_ids({**MAYOR, "role": "self"})
    assert SUPERIOR not in _letter_ids(CHAIR)  # a threat: § 194 Abs. 3 StGB does not apply


def test_the_superiors_letter_renders_as_tagged_pdf_and_word_with_the_right_and_the_caveat() -> None:
    _, catalog = shipped_catalog()
    data = dict(catalog.letter(SUPERIOR).example)
    facts = pdf_facts(letter_pdf(catalog, SUPERIOR, data, state="NW", today=date(2026, 3, 12)).data)
    assert facts.tagged and facts.embedded
    text = flat(facts.text)
    assert "hiermit stelle ich als Dienstvorgesetzte oder Dienstvorgesetzter Strafantrag gegen Max Beispiel" in text
    assert "antragsberechtigt (§ 194 Abs. 3, § 77a Abs. 1 StGB)" in text
    assert "Ehrenamtliche Ratsmitglieder sind in der Regel keine Amtsträger (BGH, 5 StR 453/05)." in text
    word = docx.Document(io.BytesIO(letter_docx(catalog, SUPERIOR, data, state="NW", today=date(2026, 3, 12)).data))
    assert round(word.sections[0].page_width.mm) == 210 and round(word.sections[0].page_height.mm) == 297
    assert any("§ 194 Abs. 3, § 77a Abs. 1 StGB" in p.text for p in word.paragraphs)
