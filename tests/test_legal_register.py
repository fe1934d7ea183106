"""docs/legal-register.md lists every norm the steps, deadlines, letters and offences name (issue 20)."""

from __future__ import annotations

import re

from lotse.check.norms import covered, norms_in, texts_with_sources
from lotse.content.schema import Source
from tests.documents_helpers import ROOT, shipped

REGISTER = (ROOT / "docs" / "legal-register.md").read_text(encoding="utf-8")


def test_every_norm_named_in_the_content_has_its_row() -> None:
    content, catalog = shipped()
    rows = [line for line in REGISTER.splitlines() if line.startswith("| `")]
    missing = []
    for _, _, what, texts, _ in texts_with_sources(content, catalog):
        for norm in norms_in("\n".join(texts)):
            if not any(f" {what} |" in row and f"| {norm} |" in row for row in rows):
                missing.append(f"{what}: {norm}")
    assert missing == [], "add these rows to docs/legal-register.md"


def test_rows_name_the_place_by_id_not_by_a_line_number_that_goes_stale() -> None:
    rows = [line for line in REGISTER.splitlines() if line.startswith("| `")]
    by_line = [row[:60] for row in rows if re.match(r"\| `[^`]+:\d+`", row)]
    assert by_line == []


def test_the_register_names_source_and_dates_for_the_complaint_letter() -> None:
    row = next(r for r in REGISTER.splitlines() if "Brief 'beschwerde'" in r and "| § 172 StPO |" in r)
    assert "gesetze-im-internet.de/stpo/__172.html" in row and "in Kraft seit 1.9.2014" in row and "2026-12-07" in row


def test_a_norm_is_found_in_text_and_covered_by_label_or_address() -> None:
    text = "Frist: 2 Wochen (§ 172 Abs. 1 Satz 2 StPO), Meldung nach Art. 16 DSA, Nr. 86 Abs. 2 RiStBV, § 33 SGB XIV."
    assert [str(n) for n in norms_in(text)] == [
        "§ 172 StPO",
        "Art. 16 DSA",
        "§ 33 SGB XIV",
        "Nr. 86 RiStBV",
    ]
    by_url = Source(label="Beschwerde des Verletzten", url="https://www.gesetze-im-internet.de/stpo/__172.html")
    by_label = Source(
        label="Art. 16 DSA – Melde- und Abhilfeverfahren", url="https://eur-lex.europa.eu/eli/reg/2022/2065"
    )
    sgb = Source(label="Trauma", url="https://www.gesetze-im-internet.de/sgb_14/__33.html")
    stpo_172, dsa_16, sgb_33, _ = norms_in(text)
    assert covered(stpo_172, [by_url]) and covered(dsa_16, [by_label]) and covered(sgb_33, [sgb])
    assert not covered(stpo_172, [by_label]) and not covered(dsa_16, [by_url])


def test_a_label_on_one_paragraph_does_not_cover_its_lettered_neighbour() -> None:
    stgb_77, stgb_77b = norms_in("§ 77 StGB und § 77b StGB")
    on_77b = Source(label="§ 77b StGB – Antragsfrist", url="https://example.org/antragsfrist")
    on_77 = Source(label="§ 77 StGB – Antragsberechtigte", url="https://example.org/antragsberechtigte")
    assert covered(stgb_77b, [on_77b]) and not covered(stgb_77, [on_77b])
    assert covered(stgb_77, [on_77]) and not covered(stgb_77b, [on_77])
