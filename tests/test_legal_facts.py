"""Critical legal facts in the shipped step texts. Each test fails if a text regresses to a mistake a
naive guide makes (research: legal-facts.md, "Things a naive guide would likely get wrong")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lotse.documents.catalog import load_catalog
from lotse.explain.summary import result_sections
from lotse.guide.result import compute_result
from tests.documents_helpers import shipped_content

ROOT = Path(__file__).resolve().parents[1]
CONTENT = shipped_content()
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
    answers = {"incident": ["insult"], "danger": "no", "state": "BY", "police": "already_reported"}
    answers["report_status"] = "dropped"
    plan = result_sections(CONTENT, compute_result(CONTENT, answers)).plan
    assert plan[0].id == "complaint-dropped-172"  # the 2 weeks cannot wait: first in "Jetzt tun"


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


# --- issue 13: legal fixes, each pinned by literal fragments -----------------------------------------


def test_auskunftssperre_counts_hostility_against_comparable_office_holders_with_both_conditions() -> None:
    text = STEPS["auskunftssperre-51"].text
    assert "Bundesverwaltungsgericht 2025 entschieden (6 C 1.24)" in text
    assert "Das gilt auch für ein Ehrenamt." in text
    assert "gleicht im Wesentlichen der Tätigkeit dieser Gruppe" in text  # condition 1
    assert "mit genug Tatsachen belegt. Eine Statistik ist nicht nötig." in text  # condition 2
    assert "Das Amt prüft immer Ihren Einzelfall." in text
    assert "sis-datenbank.nwb.de/Dokument/1086005" in sources_of("auskunftssperre-51")
    note = STEPS["auskunftssperre-51"].advisor_note or ""
    assert "dokumentierte Anfeindungen gegen" in note and "vergleichbare Amtsträger" in note


def test_auskunftssperre_promises_nothing_about_fees_without_a_source() -> None:
    assert "kostet nichts" not in ALL_TEXT and "gebührenfrei" not in ALL_TEXT
    assert "Ist noch nichts passiert, wird der Antrag schwer" not in ALL_TEXT


def test_threat_penalty_is_higher_only_when_public_not_for_every_online_message() -> None:
    text = STEPS["threat-241"].text
    assert "öffentlich, in einer Versammlung oder durch Verbreiten eines Inhalts droht (§ 241 Abs. 4 StGB)" in text
    assert "Eine private Mail oder Direktnachricht fällt meist nicht darunter." in text
    assert "Online oder öffentlich ist die Strafe höher" not in ALL_TEXT


def test_threat_of_any_felony_counts_not_only_serious_ones() -> None:
    assert "schweren Verbrechen" not in ALL_TEXT and "Mord oder anderen schweren Taten" not in ALL_TEXT
    text = STEPS["threat-241"].text
    assert "Ein Verbrechen ist jede Tat, für die mindestens 1 Jahr Haft droht (§ 12 StGB)." in text
    assert "__12.html" in sources_of("threat-241")
    assert (
        "Drohung mit einem Verbrechen, zum Beispiel mit Mord (§ 241 Abs. 2 StGB)"
        in STEPS["strafantrag-over-3-months"].text
    )


def test_trauma_clinic_deadline_can_start_later_when_the_burden_appears_later() -> None:
    text = STEPS["attack-compensation-sgb14"].text
    assert "Die erste Sitzung muss" not in text
    assert "Oder nachdem Sie von der Tat erfahren haben (§ 32 SGB XIV)." in text
    assert "Dann zählen die 12 Monate ab dann, wenn sie auftritt (§ 33 SGB XIV)." in text
    assert "sgb_14/__33.html" in sources_of("attack-compensation-sgb14")


def test_doxing_names_data_protection_crime_and_photos_with_their_limits() -> None:
    text = STEPS["doxing-126a"].text
    assert "(§ 42 Abs. 2 BDSG). Diese Tat wird nur auf Antrag verfolgt." in text
    assert (
        "(§ 201a StGB)" in text and "Ein normales Foto von Ihnen bei einem Termin fällt meist nicht darunter." in text
    )
    assert "bdsg_2018/__42.html" in sources_of("doxing-126a") and "stgb/__201a.html" in sources_of("doxing-126a")


def test_victim_can_object_to_prosecution_ex_officio_under_188() -> None:
    text = STEPS["paragraph-188"].text
    assert "Dann können Sie widersprechen." in text
    assert "nicht von sich aus (§ 194 Abs. 1 StGB). Den Widerspruch können Sie nicht zurücknehmen." in text


def test_no_conciliation_attempt_where_the_official_superior_may_file() -> None:
    text = STEPS["private-prosecution"].text
    assert "Dann ist kein Sühneversuch nötig (§ 380 Abs. 3 StPO)." in text
    assert "(§ 194 Abs. 3, § 230 Abs. 2 StGB)" in text and "Ratsmitglieder sind meist keine Amtsträger." in text


@pytest.mark.parametrize("status", ["waiting", "dropped", "private_prosecution", "unsure"])
def test_after_a_report_every_status_explains_the_letters_and_their_deadlines(status: str) -> None:
    assert "after-report-letters" in step_ids(incident=["insult"], police="already_reported", report_status=status)
    text = STEPS["after-report-letters"].text
    assert "**Frist: 2 Wochen** ab Zugang des Briefs (§ 172 Abs. 1 StPO)" in text
    assert "**Verweis auf den Privatklageweg:**" in text and "(§ 374 StPO)" in text
    assert "**Ladung als Zeugin oder Zeuge:**" in text and "(§ 68 Abs. 2 StPO)" in text
    assert "informiert (§ 406d StPO)" in text


# --- issue 20: the complaint letter against the stored § 172 StPO -------------------------------------

# § 172 Abs. 1 and 2 StPO as stored (datenbank.nwb.de/Dokument/519264_172, in force since 1.9.2014; the same
# wording at lexetius.com/StPO/172,5 and buzer.de), checked 2026-12-07.
STORED_172 = (
    "(1) Ist der Antragsteller zugleich der Verletzte, so steht ihm gegen den Bescheid nach § 171 binnen zwei "
    "Wochen nach der Bekanntmachung die Beschwerde an den vorgesetzten Beamten der Staatsanwaltschaft zu. Durch "
    "die Einlegung der Beschwerde bei der Staatsanwaltschaft wird die Frist gewahrt. Sie läuft nicht, wenn die "
    "Belehrung nach § 171 Satz 2 unterblieben ist. (2) Gegen den ablehnenden Bescheid des vorgesetzten Beamten "
    "der Staatsanwaltschaft kann der Antragsteller binnen einem Monat nach der Bekanntmachung gerichtliche "
    "Entscheidung beantragen. […] Der Antrag ist nicht zulässig, wenn das Verfahren ausschließlich eine "
    "Straftat zum Gegenstand hat, die vom Verletzten im Wege der Privatklage verfolgt werden kann, oder wenn die "
    "Staatsanwaltschaft nach § 153 Abs. 1, § 153a Abs. 1 Satz 1, 7 oder § 153b Abs. 1 von der Verfolgung der "
    "Tat abgesehen hat"
)


def test_complaint_letter_matches_the_stored_172_text() -> None:
    catalog = load_catalog(ROOT, CONTENT)
    letter = catalog.letter("beschwerde")
    texts = " ".join([*(b.text or "" for b in letter.body), *letter.checklist, letter.send_to, letter.summary])
    texts = " ".join(texts.split())
    deadline = catalog.file.deadlines["beschwerde"]
    # Abs. 1 Satz 1: two weeks, the injured person who reported; Satz 2: filing at the prosecutor keeps it
    assert "binnen zwei Wochen nach der Bekanntmachung" in STORED_172 and "nur 2 Wochen" in letter.summary
    assert "Ich habe die Strafanzeige erstattet und bin durch die Tat verletzt." in texts
    assert "wird die Frist gewahrt" in STORED_172
    assert (
        "wenn die Beschwerde rechtzeitig bei der Staatsanwaltschaft eingeht, die eingestellt hat (§ 172 Abs. 1 Satz 2 StPO)"
        in texts
    )
    # Satz 3: no instruction, no running deadline
    assert "Sie läuft nicht, wenn die Belehrung" in STORED_172
    assert "läuft die Frist nicht (§ 172 Abs. 1 Satz 3 StPO)" in deadline.passed_advice
    # Abs. 2 and 3: one month for the court, a lawyer, not for private-prosecution offences or § 153/153a
    assert "binnen einem Monat" in STORED_172
    assert "bleibt 1 Monat für einen Antrag beim Oberlandesgericht. Dafür brauchen Sie einen Anwalt" in texts
    assert "im Wege der Privatklage" in STORED_172 and "§ 153a Abs. 1" in STORED_172
    assert "nur Privatklagedelikte betroffen sind oder nach § 153 Abs. 1 oder § 153a StPO eingestellt" in texts
    # a lawyer can see the file (§ 406e Abs. 1), the injured person without one too (Abs. 3)
    assert "berechtigtes Interesse besteht (§ 406e Abs. 1 StPO)" in texts and "(§ 406e Abs. 3 StPO)" in texts
    assert {"stpo/__172.html", "stpo/__406e.html"} <= {s.url.rsplit("de/", 1)[-1] for s in letter.sources}


# --- issue 20: contacts cite what shows their facts ----------------------------------------------------

PROVIDERS = {p.id: p for p in CONTENT.providers}


def test_bw_zamat_cites_the_release_that_shows_its_number_and_hours() -> None:
    zamat = PROVIDERS["bw-lka-ansprechstelle"]
    assert zamat.phone == "0711 5401-3003" and zamat.hours == "rund um die Uhr"
    assert zamat.source.endswith(
        "zentrale-ansprechstelle-fuer-amts-und-mandatstraeger-beim-landeskriminalamt-eingerichtet"
    )
    assert str(zamat.source_date) == "2019-07-19"  # the card says how old the number's source is


def test_rp_lka_hotline_cites_a_stored_page_and_claims_nothing_it_does_not_show() -> None:
    hotline = PROVIDERS["rp-lka-hotline-kommunalpolitik"]
    assert "kommunalbrevier.de" in hotline.source and hotline.phone == "06131 65-65250"
    assert "gebührenpflichtig" not in hotline.description and hotline.free_of_charge == "unknown"


def test_telefonseelsorge_116_123_stays_out_until_a_stored_source_of_its_own_confirms_it() -> None:
    seelsorge = PROVIDERS["de-telefonseelsorge"]
    assert "116" not in (seelsorge.phone or "") and "116 123" not in seelsorge.description
    assert "TelefonSeelsorge 116 123" in (ROOT / "docs" / "content-gaps.md").read_text(encoding="utf-8")
