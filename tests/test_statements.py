"""Two texts to publish, made like the letters (flows/documents.yaml, `form: statement`): a short public
statement the affected person can post after a hatestorm, and a statement of solidarity the council, the
administration or a party can publish. Both are offered where a storm was answered; the solidarity
statement also for the municipality. They have no letterhead, greeting or signature line, and their page
for the user says how to publish, with the sources of that advice."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
import pytest

from lotse.documents.catalog import check_catalog
from lotse.documents.forms import FormError
from lotse.documents.letters import letter_docx, letter_form, letter_pdf, letters_for
from lotse.guide.walk import resolve
from tests.apptest import result_page, texts
from tests.documents_helpers import flat, form_said, pdf_facts, said, shipped
from tests.test_letters import broken_root

TODAY = date(2026, 3, 12)
OWN, SOLIDARITY = "erklaerung-hatestorm", "solidaritaetserklaerung"
STORM = {
    "incident": ["online_hate", "insult"],
    "danger": "no",
    "channel": ["online"],
    "storm": "yes",
    "state": "NW",
    "police": "undecided",
    "author_known": "no",
}
CHAIR = {
    "role": "municipality",
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "NI",
    "police": "yes",
    "author_known": "no",
}
OWN_TITLE = "Kurze Erklärung nach einem Hatestorm"
SOLIDARITY_TITLE = "Solidaritätserklärung von Rat, Verwaltung oder Partei"


def example(letter_id: str) -> dict[str, object]:
    return dict(shipped()[1].letter(letter_id).example)


def ids(answers: dict[str, object]) -> list[str]:
    content, book = shipped()
    return [letter.id for letter in letters_for(book, resolve(content, answers).effective)]


def pdf_text(letter_id: str, data: dict[str, object]) -> str:
    facts = pdf_facts(letter_pdf(shipped()[1], letter_id, data, state="NW", today=TODAY).data)
    assert facts.tagged and facts.marked and facts.lang == "de" and facts.embedded
    return flat(facts.text)


def word_paragraphs(letter_id: str, data: dict[str, object]) -> list[tuple[str, str]]:
    word = letter_docx(shipped()[1], letter_id, data, state="NW", today=TODAY)
    assert word.filename.endswith(".docx")
    document = docx.Document(io.BytesIO(word.data))
    assert round(document.sections[0].page_width.mm) == 210 and round(document.sections[0].page_height.mm) == 297
    assert document.core_properties.language == "de-DE"
    return [(p.style.name, p.text) for p in document.paragraphs]


# --- where they are offered ---------------------------------------------------------------------------


def test_a_storm_offers_both_texts_and_one_or_few_senders_offer_none() -> None:
    assert ids(STORM)[-2:] == [OWN, SOLIDARITY]
    for value in ("no", "unsure"):
        assert not {OWN, SOLIDARITY} & set(ids({**STORM, "storm": value}))


def test_the_municipality_gets_the_solidarity_statement_but_not_the_persons_own() -> None:
    assert SOLIDARITY in ids(CHAIR) and OWN not in ids(CHAIR)
    assert SOLIDARITY not in ids({**CHAIR, "role": "self"})
    assert SOLIDARITY not in ids({**CHAIR, "incident": ["none"]})  # prevention: nobody to stand by yet


def test_the_result_page_offers_them_under_letters_and_templates() -> None:
    storm = result_page(STORM)
    assert [e.label for e in storm.expander if e.label in {OWN_TITLE, SOLIDARITY_TITLE}] == [
        OWN_TITLE,
        SOLIDARITY_TITLE,
    ]
    assert "Lotse hat zwei Vorlagen dafür, bei den Briefen" in texts(storm)
    chair = result_page(CHAIR)
    assert [e.label for e in chair.expander if e.label in {OWN_TITLE, SOLIDARITY_TITLE}] == [SOLIDARITY_TITLE]
    assert "Eine Vorlage für eine Solidaritätserklärung finden Sie bei den Briefen." in texts(chair)


def test_an_open_statement_asks_its_fields_and_names_its_buttons_as_a_text() -> None:
    at = result_page(STORM)
    at.session_state[f"result_open_{OWN}"] = True
    at.run()
    assert not at.exception
    form = f"result_letter0_{OWN}"
    assert at.text_input(key=f"{form}_name").label == "Ihr Name (unter dem Text) (Pflichtangabe)"
    assert at.text_input(key=f"{form}_office").label == "Ihr Amt oder Mandat"
    labels = [b.label for b in at.get("download_button")] + [b.label for b in at.button]
    assert "Text als PDF speichern" in labels and "Text als Word-Datei speichern" in labels


# --- the public statement --------------------------------------------------------------------------------


def test_the_public_statement_is_a_text_without_letterhead_with_its_advice_page() -> None:
    text = pdf_text(OWN, example(OWN))
    assert text.startswith("In eigener Sache In den letzten Tagen haben mich sehr viele Kommentare")
    for phrase in (
        "Anlass war mein Beitrag zum neuen Radweg an der Schulstraße.",
        "Über Kritik in der Sache spreche ich gern. Beleidigungen und Drohungen sind keine Kritik.",
        "Richtig ist: Ich habe kein Grundstück an der Schulstraße, und ich verdiene nichts an dem Radweg.",
        "Ich mache weiter, und ich setze mich weiter ein für sichere Schulwege in Musterdorf.",
        "Erika Musterfrau, Mitglied des Gemeinderats von Musterdorf",
        "Checkliste – für Sie, nicht zum Veröffentlichen",
        "Bevor Sie den Text veröffentlichen",
        "Sichern Sie zuerst Beispiele: Screenshots mit Datum, Profil und Internetadresse.",
        "Schreiben Sie für die Menschen, die still mitlesen.",
        "Eine Seite der Gemeinde ist keine private Seite",
        "Wo Sie den Text veröffentlichen",
        "Quellen für diese Ratschläge",
        "stophatespeech.ch – Wie antworte ich auf Hate Speech?",
        "0800 300 99 44",
    ):
        assert phrase in text, phrase
    for letter_only in ("Sehr geehrte", "Mit freundlichen Grüßen", "_" * 10, "Rechtsgrundlagen", "Abschicken"):
        assert letter_only not in text


def test_the_public_statement_with_only_a_name_leaves_out_what_was_not_given() -> None:
    text = pdf_text(OWN, {"name": "Erika Musterfrau"})
    assert "Anlass war" not in text and "Richtig ist" not in text and "ich setze mich weiter ein" not in text
    assert "Ich mache weiter. Danke an alle" in text
    assert "sie an meiner Seite stehen. Erika Musterfrau Seite 1 von 1" in text  # the name alone, no comma


def test_the_public_statement_in_word_is_editable_text_with_its_title() -> None:
    paragraphs = word_paragraphs(OWN, example(OWN))
    assert paragraphs[0] == ("Heading 1", "In eigener Sache")
    assert (
        "Normal",
        "Ich mache weiter, und ich setze mich weiter ein für sichere Schulwege in Musterdorf.",
    ) in paragraphs
    assert not any("Mit freundlichen Grüßen" in text for _, text in paragraphs)


# --- the statement of solidarity --------------------------------------------------------------------------


def test_the_solidarity_statement_stands_by_the_person_and_is_signed_by_the_body() -> None:
    text = pdf_text(SOLIDARITY, example(SOLIDARITY))
    assert text.startswith(
        "Wir stehen an der Seite von Erika Musterfrau, Bürgermeisterin von Musterdorf "
        "Seit dem 3. März wird Erika Musterfrau im Netz beschimpft und bedroht"
    )
    for phrase in (
        "Wir verurteilen diese Angriffe.",
        "Streit in der Sache gehört zur Demokratie. Beleidigungen, Hetze und Drohungen gehören nicht dazu.",
        "Wir haben eine Ansprechperson im Rathaus benannt.",
        "Teilen Sie keine Beiträge, die beleidigen oder drohen.",
        "Musterdorf, 12. März 2026 Der Gemeinderat von Musterdorf",
        "Fragen Sie die angegriffene Person vorher, ob sie eine öffentliche Erklärung möchte",
        "Eine Erklärung ersetzt keine Hilfe.",
        "Ob und wie die Gemeinde die Erklärung auf ihren eigenen Seiten und Kanälen veröffentlicht, klären Sie",
        "Für einen Strafantrag hat sie 3 Monate Zeit, ab dem Tag, an dem sie Tat und Täter kennt (§ 77b StGB).",
        "§ 77b StGB – Antragsfrist: https://www.gesetze-im-internet.de/stgb/__77b.html",
        "Freie Wähler Hohenthann – Resolution des Gemeinderats gegen Hass, Hetze und Gewalt (2020)",
    ):
        assert phrase in text, phrase
    assert "Sehr geehrte" not in text and "Mit freundlichen Grüßen" not in text


def test_the_solidarity_statement_needs_who_is_supported_and_who_signs() -> None:
    with pytest.raises(FormError) as caught:
        letter_pdf(shipped()[1], SOLIDARITY, {"attack_summary": "Beschimpft."}, today=TODAY)
    assert [(field, said(refusal)) for field, refusal in caught.value.problems] == [
        ("affected", "Bitte füllen Sie „Wen unterstützen Sie?“ aus."),
        ("signed_by", "Bitte füllen Sie „Wer gibt die Erklärung ab?“ aus."),
    ]
    minimal = pdf_text(SOLIDARITY, {"affected": "Tim Probe", "signed_by": "Die Fraktion A", "date": "2026-03-12"})
    assert "Respekt. Das gilt für alle, gleich welcher Partei. Wir bitten alle" in minimal  # no empty support
    assert "12. März 2026 Die Fraktion A" in minimal and ", 12. März 2026" not in minimal


def test_the_solidarity_statement_in_word() -> None:
    paragraphs = word_paragraphs(SOLIDARITY, example(SOLIDARITY))
    assert paragraphs[0] == (
        "Heading 1",
        "Wir stehen an der Seite von Erika Musterfrau, Bürgermeisterin von Musterdorf",
    )
    assert ("Normal", "Musterdorf, 12. März 2026") in paragraphs


# --- limits on the server ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("letter_id", "change", "message"),
    [
        (SOLIDARITY, {"affected": "x" * 201}, "„Wen unterstützen Sie?“ ist zu lang: 201 Zeichen, möglich sind 200."),
        (SOLIDARITY, {"signed_by": "Rat\nund Verwaltung"}, "„Wer gibt die Erklärung ab?“ darf nur eine Zeile haben."),
        (SOLIDARITY, {"support": "y" * 801}, "ist zu lang: 801 Zeichen, möglich sind 800."),
        (SOLIDARITY, {"attack_summary": "Hass\u202e"}, "unsichtbares Steuerzeichen (U+202E)"),
        (SOLIDARITY, {"suspect": "Max"}, "Das Feld 'suspect' gibt es in diesem Brief nicht."),
        (OWN, {"correction": "z" * 801}, "ist zu lang: 801 Zeichen, möglich sind 800."),
        (OWN, {"topic": "z" * 201}, "„Worum ging es?“ ist zu lang: 201 Zeichen, möglich sind 200."),
        (OWN, {"name": ""}, "Bitte füllen Sie „Ihr Name (unter dem Text)“ aus."),
    ],
)
def test_the_forms_refuse_what_they_cannot_use(letter_id: str, change: dict[str, object], message: str) -> None:
    with pytest.raises(FormError) as caught:
        letter_pdf(shipped()[1], letter_id, example(letter_id) | change, today=TODAY)
    assert message in form_said(caught.value)


def test_every_field_of_the_two_texts_has_a_bound() -> None:
    _, book = shipped()
    for letter_id in (OWN, SOLIDARITY):
        for field in letter_form(book, letter_id):
            assert field.kind == "date" or (field.max_length or 0) <= 800, field.name


# --- the check ---------------------------------------------------------------------------------------------


def test_a_letter_without_letterhead_must_say_it_is_a_statement(tmp_path: Path) -> None:
    root = broken_root(
        tmp_path, "    form: statement\n    fields:\n      - field: name", "    fields:\n      - field: name"
    )
    _, problems = check_catalog(root, shipped()[0])
    assert [p.message for p in problems if "Briefkopf" in p.message] == [
        f"Brief '{OWN}': Ein Brief braucht 'sender' und 'recipient' (den Briefkopf). "
        "Ein Text zum Veröffentlichen ohne Briefkopf bekommt 'form: statement'."
    ]
