"""Result summaries (lotse.explain.summary): the self-guided download and the advisor's call summary. Pure, no Streamlit."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.content.loader import Content
from lotse.explain.summary import RESULT_TITLE, answers_lines, call_summary, result_markdown, to_plain_text
from lotse.guide.advisor import consult

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}


@pytest.fixture
def content(shipped: Content) -> Content:
    return shipped


def test_call_summary_contains_steps_contacts_and_notes_only_when_chosen(content: Content) -> None:
    result = consult(content, BASE).result
    without = call_summary(content, result, BASE, notes="Aktenzeichen 123", include_notes=False, day=date(2026, 11, 22))
    with_notes = call_summary(content, result, BASE, notes="Aktenzeichen 123", include_notes=True)
    assert without.startswith("# Lotse: Zusammenfassung des Beratungsgesprächs")
    assert "Gespräch vom 22.11.2026" in without and "Gespräch vom" not in with_notes
    assert all(step.title in without for step in result.steps)
    assert all(contact.name in without for contact in result.contacts)
    assert "Aktenzeichen 123" not in without and "## Notizen\nAktenzeichen 123" in with_notes
    plain = to_plain_text(with_notes)
    assert "**" not in plain and not any(line.startswith("#") for line in plain.splitlines())


def test_call_summary_lists_only_the_answers_given_not_assumed_defaults(content: Content) -> None:
    consultation = consult(content, BASE)
    text = call_summary(content, consultation.result, consultation.given)
    assert "Wissen Sie, wer es war?" not in text  # defaults to 'unsure' for the result, but was not asked
    assert "Was ist seit Ihrer Anzeige passiert?" not in text
    assert "- In welchem Bundesland sind Sie tätig? Bayern" in text


def test_blank_notes_add_no_notes_section(content: Content) -> None:
    result = consult(content, BASE).result
    assert "## Notizen" not in call_summary(content, result, BASE, notes="  \n ", include_notes=True)


def test_emergency_line_comes_first_when_in_danger(content: Content) -> None:
    answers = {**BASE, "danger": "yes"}
    text = call_summary(content, consult(content, answers).result, answers)
    assert text.index("Notfall: Polizei 110") < text.index("## Ihre Angaben")


def test_result_markdown_keeps_its_self_guided_title_and_all_result_answers(content: Content) -> None:
    result = consult(content, BASE).result
    text = result_markdown(content, result)
    assert text.startswith(f"# {RESULT_TITLE}\n")
    assert all(line in text for line in answers_lines(content, result.answers))


def test_several_sentence_answers_read_as_sentences(content: Content) -> None:
    lines = answers_lines(content, {"incident": ["threat", "online_hate"], "state": "BY"})
    assert lines == [
        "- Was ist passiert? Ich wurde bedroht. Ich bekomme Hass im Internet.",
        "- In welchem Bundesland sind Sie tätig? Bayern",
    ]


def test_plain_text_keeps_links_and_underscores_in_addresses() -> None:
    markdown = "**Wichtig:** [Hilfe](https://www.polizei.de/politisch_motivierte_kriminalitat) und *hier*."
    assert to_plain_text(markdown) == (
        "Wichtig: Hilfe (https://www.polizei.de/politisch_motivierte_kriminalitat) und hier."
    )
