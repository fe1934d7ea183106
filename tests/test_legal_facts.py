"""Critical legal facts in the shipped step texts. Each test fails if a text regresses to a mistake a
naive guide makes (research: legal-facts.md, "Things a naive guide would likely get wrong")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lotse.content.loader import load_content
from lotse.guide.result import compute_result

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(ROOT)
STEPS = {compiled.step.id: compiled.step for compiled in CONTENT.steps}
ALL_TEXT = "\n".join(step.title + "\n" + step.text for step in STEPS.values())
BASE = {"danger": "no", "state": "BY", "police": "yes", "author_known": "yes", "learned": "under_1_month"}


def step_ids(**answers: object) -> list[str]:
    return [step.id for step in compute_result(CONTENT, {**BASE, **answers}).steps]


def sources_of(step_id: str) -> str:
    return " ".join(f"{s.label} {s.url}" for s in STEPS[step_id].sources)


def test_strafantrag_deadline_is_3_months_from_knowing_act_and_author() -> None:
    text = STEPS["strafantrag-deadline"].text
    assert "3 Monate" in text and "§ 77b StGB" in text
    assert re.search(r"Tat \*\*und\*\* den Täter", text)  # both, not only the act
    assert "__77b" in sources_of("strafantrag-deadline")
    assert "strafantrag-deadline" in step_ids(incident=["insult"])


def test_anonymous_author_report_against_unknown_now() -> None:
    assert "strafantrag-unknown-author" in step_ids(incident=["online_hate"], author_known="no")
    assert "Unbekannt" in STEPS["strafantrag-unknown-author"].text


def test_complaint_against_dropped_case_is_2_weeks_not_a_month() -> None:
    text = STEPS["complaint-dropped-172"].text
    assert "**Frist: 2 Wochen**" in text and "§ 172 Abs. 1 StPO" in text
    # one month exists only for the later court application, which needs a lawyer
    assert re.search(r"1 Monat für einen Antrag beim Oberlandesgericht\. Dafür brauchen Sie einen Anwalt", text)
    ids = step_ids(incident=["insult"], police="already_reported", report_status="dropped")
    assert ids.index("complaint-dropped-172") < 4  # urgent: among the first steps


def test_paragraph_188_covers_the_municipal_level() -> None:
    text = STEPS["paragraph-188"].text
    assert "§ 188 StGB" in text and "kommunalen Ebene" in text
    assert "Bürgermeister" in text and "Ratsmitglieder" in text
    assert "__188" in sources_of("paragraph-188")


def test_paragraph_188_still_advises_filing_a_strafantrag() -> None:
    assert "Stellen Sie trotzdem rechtzeitig einen Strafantrag" in STEPS["paragraph-188"].text


def test_strafantrag_by_email_or_online_is_valid_since_july_2024() -> None:
    text = STEPS["strafantrag-deadline"].text
    assert "Seit Juli 2024" in text and "§ 158 Abs. 2 StPO" in text
    assert "Mail" in text and "Onlinewache" in text
    assert "nur schriftlich" not in ALL_TEXT and "muss unterschrieben" not in ALL_TEXT


def test_platforms_fall_under_the_dsa_and_netzdg_deadlines_no_longer_apply() -> None:
    text = STEPS["platform-report-dsa"].text
    assert "Digital Services Act" in text and "Art. 16 DSA" in text
    assert "(NetzDG, 24 Stunden) gelten nicht mehr" in text
    for step_id, step in STEPS.items():  # nowhere else is a NetzDG deadline presented as current
        if step_id != "platform-report-dsa":
            assert "NetzDG" not in step.text and "24 Stunden" not in step.text, step_id
    assert "Die Bundesnetzagentur löscht keine einzelnen Posts" in text


def test_auskunftssperre_is_not_automatic() -> None:
    text = STEPS["auskunftssperre-51"].text
    assert "**nicht** von selbst" in text and "beantragen (§ 51 BMG)" in text
    assert "auskunftssperre-51" in step_ids(incident=["doxing"])


def test_compensation_after_an_attack_is_sgb_xiv_not_oeg() -> None:
    text = STEPS["attack-compensation-sgb14"].text
    assert "SGB XIV" in text and "ab 1. Januar 2024" in text
    assert "Für ältere Taten gilt das alte Recht (OEG)" in text  # the OEG only for older acts
    assert "innerhalb von 12 Monaten" in text
    assert "attack-compensation-sgb14" in step_ids(incident=["attack"])


def test_stalking_is_no_private_prosecution_offence() -> None:
    assert "nicht auf die Privatklage verweisen" in STEPS["stalking-238"].text


def test_threat_covers_more_than_felonies_since_2021() -> None:
    text = STEPS["threat-241"].text
    assert "§ 241" in STEPS["threat-241"].title and "Seit 2021" in text and "Verletzungen" in text


@pytest.mark.parametrize("draft", ["§ 106a", "§ 46 StGB", "Gesetz gegen digitale Gewalt ist", "4 Jahre"])
def test_drafts_are_never_presented_as_law(draft: str) -> None:
    assert draft not in ALL_TEXT


def test_ip_disclosure_is_called_a_draft() -> None:
    text = STEPS["identify-author-21"].text
    assert "§ 21 TDDDG" in text and "Entwurf" in text


def test_every_step_names_a_source_and_every_legal_paragraph_has_a_law_source() -> None:
    for step in STEPS.values():
        assert step.sources, step.id
        if re.search(r"§ \d+\w? (StGB|StPO)", step.text):
            assert any(
                ("gesetze" in s.url or "dejure" in s.url or "gesetz" in s.url or "rodorf" in s.url)
                for s in step.sources
            ), step.id
