"""Result summaries (lotse.explain.summary): the saved result and the advisor's one-page call summary."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.content.loader import Content
from lotse.documents.dates import date_lines, nearest_deadline
from lotse.documents.deadlines import compute_deadline
from lotse.explain.summary import answers_lines, call_summary, result_markdown, to_plain_text
from lotse.guide.advisor import consult
from lotse.guide.result import compute_result
from tests.documents_helpers import shipped as documents_shipped

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


@pytest.fixture
def content(shipped: Content) -> Content:
    return shipped


def test_the_call_summary_puts_the_notes_first_and_only_when_chosen(content: Content) -> None:
    result = consult(content, BASE).result
    assert result is not None
    without = call_summary(content, result, notes="Aktenzeichen 123", include_notes=False, day=date(2026, 11, 22))
    with_notes = call_summary(content, result, notes="Aktenzeichen 123", include_notes=True)
    assert without.startswith("# Lotse: Zusammenfassung des Beratungsgesprächs\n\nGespräch vom 22.11.2026\n")
    assert "Aktenzeichen 123" not in without
    assert with_notes.index("## Notizen\nAktenzeichen 123") < with_notes.index("## Ihre Angaben")
    assert all(step.title in without for step in result.steps)
    assert all(contact.name in without for contact in result.contacts)
    assert without.index("## Jetzt tun") < without.index("## Ansprechstellen")


def test_the_call_summary_lists_only_the_answers_given(content: Content) -> None:
    consultation = consult(content, BASE)
    assert consultation.result is not None
    text = call_summary(content, consultation.result)
    assert "Wissen Sie, wer es war?" not in text  # the result assumes a default; it was not asked
    assert "- In welchem Bundesland sind Sie tätig? Bayern" in text


def test_the_emergency_line_comes_first_when_in_danger(content: Content) -> None:
    answers = {**BASE, "danger": "yes"}
    result = consult(content, answers).result
    assert result is not None
    text = call_summary(content, result)
    assert text.index("Notfall: Polizei 110, Rettungsdienst 112.") < text.index("## Ihre Angaben")


def test_the_saved_result_has_the_plan_first_and_only_the_answers_given_in_order(content: Content) -> None:
    result = compute_result(content, dict(reversed(BASE.items())))
    text = result_markdown(content, result)
    assert text.startswith("# Lotse: Ihr Plan\n\n## Jetzt tun\n")
    answers = text[text.index("## Ihre Angaben") :]
    assert answers.index("Was ist passiert?") < answers.index("In welchem Bundesland")
    assert "Wissen Sie, wer es war?" not in answers  # the result assumes a default; it was not asked


def test_several_sentence_answers_read_as_sentences(content: Content) -> None:
    assert answers_lines(content, {"incident": ["threat", "online_hate"], "state": "BY"}) == [
        "- Was ist passiert? Ich wurde bedroht. Ich bekomme Hass im Internet.",
        "- In welchem Bundesland sind Sie tätig? Bayern",
    ]


def test_plain_text_keeps_links_and_underscores_in_addresses() -> None:
    markdown = "**Wichtig:** [Hilfe](https://www.polizei.de/politisch_motivierte_kriminalitat) und *hier*."
    assert (
        to_plain_text(markdown) == "Wichtig: Hilfe (https://www.polizei.de/politisch_motivierte_kriminalitat) und hier."
    )
    assert to_plain_text("[info@x.de](mailto:info@x.de)") == "info@x.de"


def test_the_call_summary_carries_the_exact_deadlines_and_reminder_days() -> None:
    content, catalog = documents_shipped()
    today = date(2026, 12, 7)
    deadlines = [compute_deadline("beschwerde", date(2026, 12, 7), "HH", today)]
    lines = date_lines(content, catalog, deadlines, today, reported_on=date(2026, 11, 2))
    assert lines[0] == "Frist für die Beschwerde gegen die Einstellung: Ihre Frist endet am Montag, 21. Dezember 2026."
    assert lines[1].startswith("Nach dem Stand Ihrer Anzeige fragen: Haben Sie nichts gehört?")
    assert "am 2. Februar 2027" in lines[1]
    answers = {"incident": ["insult"], "danger": "no", "state": "HH", "police": "already_reported"}
    answers["report_status"] = "dropped"
    text = call_summary(content, compute_result(content, answers), dates=lines)
    assert f"## Fristen und Termine\n- **{lines[0]}**\n- **{lines[1]}**" in text
    assert text.index("## Fristen und Termine") < text.index("## Ihre Angaben") < text.index("## Jetzt tun")
    assert nearest_deadline(catalog, deadlines, today) == "Ihre Frist endet am Montag, 21. Dezember 2026."
    assert nearest_deadline(catalog, [], today) is None
