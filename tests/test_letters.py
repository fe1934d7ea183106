"""Letters: which fit, the form, PDF (tagged, German, fonts embedded) and Word, hostile input, the check."""

from __future__ import annotations

import functools
import io
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest

from lotse.content.vocabulary import INCIDENTS, STATES
from lotse.documents.catalog import DOCUMENTS_FILE, check_catalog
from lotse.documents.document import Document
from lotse.documents.forms import FormError
from lotse.documents.letters import (
    form_defaults,
    letter_deadline,
    letter_docx,
    letter_form,
    letter_pdf,
    letter_routes,
    letters_for,
)
from lotse.guide.result import compute_result
from lotse.guide.walk import resolve
from tests.documents_helpers import ROOT, PdfFacts, flat, form_said, pdf_facts, shipped

TODAY = date(2026, 3, 12)
LETTERS = ["strafantrag", "sachstand", "auskunftssperre", "ladungsanschrift"]
ALL_LETTERS = [*LETTERS[:2], "beschwerde", *LETTERS[2:]]


def example(letter_id: str) -> dict[str, object]:
    _, catalog = shipped()
    return dict(catalog.letter(letter_id).example)


@functools.cache
def example_pdf(letter_id: str, state: str | None = "BY") -> tuple[Document, PdfFacts]:
    """The letter with its example data for `state` as of TODAY, made once for the tests that read it."""
    _, catalog = shipped()
    pdf = letter_pdf(catalog, letter_id, example(letter_id), state=state, today=TODAY)
    return pdf, pdf_facts(pdf.data)


def answers(**given: object) -> dict[str, object]:
    content, _ = shipped()
    base = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}
    return dict(resolve(content, base | given).effective)


# --- which letters, which fields ----------------------------------------------------------------


def test_letters_that_fit_the_answers() -> None:
    _, catalog = shipped()
    ids = lambda **a: [letter.id for letter in letters_for(catalog, answers(**a))]  # noqa: E731
    assert ids() == ["strafantrag", "auskunftssperre", "ladungsanschrift"]
    assert ids(police="already_reported") == LETTERS
    assert ids(police="already_reported", report_status="dropped") == ALL_LETTERS
    assert ids(police="no") == ["auskunftssperre"]
    assert ids(incident=["none"]) == ["auskunftssperre"]


def test_form_fields_come_from_the_yaml_with_german_labels() -> None:
    _, catalog = shipped()
    fields = {f.name: f for f in letter_form(catalog, "strafantrag")}
    assert fields["name"].label == "Ihr Vor- und Nachname" and fields["name"].required
    assert fields["what_happened"].kind == "text" and fields["what_happened"].max_length == 6000
    assert "§ 68 Abs. 2 StPO" in (fields["address"].help or "")
    assert ("beleidigung", "Beleidigung (§ 185 StGB): Jemand hat mich beschimpft oder herabgesetzt.") in fields[
        "offences"
    ].options
    auskunft = {f.name: f for f in letter_form(catalog, "auskunftssperre")}
    assert auskunft["address"].label == "Ihre Wohnanschrift"


def test_defaults_preselect_the_offences_of_the_answered_incidents() -> None:
    _, catalog = shipped()
    defaults = form_defaults(catalog, "strafantrag", answers(incident=["insult", "threat"]), TODAY)
    assert defaults == {"date": TODAY, "offences": ("beleidigung", "bedrohung")}


# --- the documents ------------------------------------------------------------------------------


@pytest.mark.parametrize("letter_id", ALL_LETTERS)
def test_every_letter_as_accessible_pdf_and_word(letter_id: str) -> None:
    _, catalog = shipped()
    pdf, facts = example_pdf(letter_id)
    assert pdf.mime == "application/pdf" and pdf.filename.endswith(".pdf")
    assert facts.tagged and facts.marked and facts.lang == "de"
    assert facts.embedded and all("Lotse-Sans" in f or "DejaVu" in f for f in facts.fonts)
    text = flat(facts.text)
    assert "Erika Musterfrau" in text and "Musterdorf, 1" in text
    assert "Checkliste – für Sie, nicht zum Abschicken" in text
    assert "keine Rechtsberatung" in text and "0800 300 99 44" in text and "HateAid" in text
    word = letter_docx(catalog, letter_id, example(letter_id), state="BY", today=TODAY)
    document = docx.Document(io.BytesIO(word.data))
    word_text = flat("\n".join(p.text for p in document.paragraphs))
    assert document.core_properties.language == "de-DE"
    for phrase in ("Erika Musterfrau", "Sehr geehrte Damen und Herren,", "Mit freundlichen Grüßen", "0800 300 99 44"):
        assert phrase in word_text and phrase in text


def test_strafantrag_names_offences_paragraphs_and_covers_every_offence() -> None:
    text = flat(example_pdf("strafantrag")[1].text)
    assert "hiermit erstatte ich Strafanzeige gegen Unbekannt und stelle Strafantrag." in text
    for offence in ("Beleidigung (§ 185 StGB)", "Bedrohung (§ 241 StGB)", "politischen Lebens (§ 188 StGB)"):
        assert offence in text
    assert "Ich stelle Strafantrag wegen aller Straftaten, die in dem geschilderten Geschehen liegen" in text
    assert "(§ 406d Abs. 1 StPO)" in text and "(§ 376 StPO)" in text
    assert "Ihre Frist endet am Freitag, 5. Juni 2026." in text  # learned 4 March, Fronleichnam in Bayern
    assert "Meldeverfahren für Amts- und Mandatsträger" in text  # the state's route
    assert "https://www.gesetze-im-internet.de/stgb/__77b.html" in text.replace(" ", "")


def test_strafantrag_against_a_named_person_and_without_state() -> None:
    _, catalog = shipped()
    data = example("strafantrag") | {"suspect": "Max Mustermann"}
    text = flat(pdf_facts(letter_pdf(catalog, "strafantrag", data, today=TODAY).data).text)
    assert "Strafanzeige gegen Max Mustermann und stelle Strafantrag" in text
    assert "gegen Unbekannt" not in text
    assert "Ihre Frist endet" not in text and "Meldeverfahren" not in text  # no state: no holidays, no routes
    assert "Die Anschrift der Staatsanwaltschaft finden Sie" in text  # the plain instruction instead


def test_berlin_gets_its_central_office_and_fronleichnam_does_not_count() -> None:
    _, catalog = shipped()
    text = flat(
        pdf_facts(letter_pdf(catalog, "strafantrag", example("strafantrag"), state="BE", today=TODAY).data).text
    )
    assert "Zentralstelle Hasskriminalität" in text and "Meldeverfahren" not in text
    assert "Ihre Frist endet am Donnerstag, 4. Juni 2026." in text


def test_auskunftssperre_gives_the_reasons_law_and_court_accept() -> None:
    text = flat(example_pdf("auskunftssperre", None)[1].text)
    assert "§ 51 Abs. 1 Satz 3 BMG" in text and "ehrenamtlich" in text
    assert "Statistiken oder andere empirische Nachweise sind nicht erforderlich" in text
    assert "6 C 1.24" in text and "Mein Geburtsdatum: 12. April 1975" in text


def test_ladungsanschrift_puts_the_service_address_in_the_sender_block() -> None:
    _, catalog = shipped()
    facts = pdf_facts(letter_pdf(catalog, "ladungsanschrift", example("ladungsanschrift"), today=TODAY).data)
    first_page = flat(facts.pages[0])
    assert first_page.startswith("Erika Musterfrau Gemeinde Musterdorf, Rathaus")
    assert "(§ 68 Abs. 2 Satz 1 StPO)" in first_page and "(§ 68 Abs. 2 Satz 2 StPO)" in first_page


def test_sachstand_without_aktenzeichen_says_so() -> None:
    _, catalog = shipped()
    data = {k: v for k, v in example("sachstand").items() if k != "aktenzeichen"}
    text = flat(pdf_facts(letter_pdf(catalog, "sachstand", data, today=TODAY).data).text)
    assert "Ein Aktenzeichen kenne ich nicht." in text and "Aktenzeichen:" not in text
    assert "am 10. März 2026 habe ich Strafanzeige erstattet." in text


# --- the form refuses what it cannot use --------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unbekannt": "x"}, "Das Feld 'unbekannt' gibt es in diesem Brief nicht."),
        ({"name": "x" * 121}, "„Ihr Vor- und Nachname“ ist zu lang: 121 Zeichen, möglich sind 120."),
        ({"name": "Erika\x00"}, "unsichtbares Steuerzeichen (U+0000)"),
        ({"what_happened": "Er schrieb \u202egnuhorD"}, "unsichtbares Steuerzeichen (U+202E)"),
        ({"what_happened": "ein halbes \udfff Zeichen"}, "unsichtbares Steuerzeichen (U+DFFF)"),
        ({"name": "Erika\nMusterfrau"}, "„Ihr Vor- und Nachname“ darf nur eine Zeile haben."),
        ({"learned": "2026-03-13"}, "Der 13.03.2026 liegt in der Zukunft."),
        ({"learned": "13.03.2026"}, "ist kein Datum. Bitte so schreiben: 2026-03-04."),
        ({"offences": ["mord"]}, "'mord' steht nicht zur Auswahl."),
        ({"offences": "beleidigung"}, "Hier wird eine Liste"),
        ({"name": 42}, "Hier wird Text erwartet."),
        ({"what_happened": "   "}, "Bitte füllen Sie „Was ist passiert?“ aus."),
    ],
)
def test_form_refuses_with_a_clear_message(change: dict[str, object], message: str) -> None:
    _, catalog = shipped()
    with pytest.raises(FormError, match=None) as caught:
        letter_pdf(catalog, "strafantrag", example("strafantrag") | change, today=TODAY)
    assert message in form_said(caught.value)


def test_hostile_input_still_renders_and_is_never_markup() -> None:
    _, catalog = shipped()
    hostile = (
        '<img src="http://127.0.0.1:9/x.png"><script>alert(1)</script> **fett** [link](https://evil.example) '
        "😀🙈 שלום עליכם مرحبا Ünïcödé " + "A" * 3000
    )
    data = example("strafantrag") | {"what_happened": hostile, "suspect": "@troll_42 & <b>Co</b>"}
    facts = pdf_facts(letter_pdf(catalog, "strafantrag", data, state="BY", today=TODAY).data)
    text = flat(facts.text)
    squeezed = text.replace(" ", "")  # the PDF may break these long words anywhere
    assert '<imgsrc="http://127.0.0.1:9/x.png"><script>alert(1)</script>' in squeezed
    assert "**fett**[link](https://evil.example)" in squeezed and "@troll_42 & <b>Co</b>" in text
    assert "שלום" in text and "Ünïcödé" in text and "😀" in text
    assert "□" in text and "manche Emoji, kann die PDF-Datei nicht darstellen" in text  # 🙈 has no glyph
    assert text.count("A" * 50) >= 1  # the long word wraps instead of running off the page
    word = letter_docx(catalog, "strafantrag", data, today=TODAY)
    assert "<script>alert(1)</script>" in "\n".join(p.text for p in docx.Document(io.BytesIO(word.data)).paragraphs)


def test_the_longest_allowed_text_renders() -> None:
    _, catalog = shipped()
    long_text = ("Er schrieb: „Wir wissen, wo du wohnst.“ " * 200)[:6000]
    facts = pdf_facts(letter_pdf(catalog, "strafantrag", example("strafantrag") | {"what_happened": long_text}).data)
    assert len(facts.pages) >= 4 and "Mit freundlichen Grüßen" in facts.text


# --- the check of flows/documents.yaml ----------------------------------------------------------


def broken_root(tmp_path: Path, old: str, new: str) -> Path:
    (tmp_path / "flows").mkdir()
    text = (ROOT / DOCUMENTS_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / DOCUMENTS_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def line_of(root: Path, fragment: str) -> int:
    lines = (root / DOCUMENTS_FILE).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if fragment in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "stelle Strafantrag.\n",
            "stelle {% if suspect %}Strafantrag{% endif %}.\n",
            "'{% … %}' (if) ist nicht erlaubt",
        ),
        ("gegen {{ suspect }} und", "gegen {{ suspect|upper }} und", "mit einem Filter (|) ist nicht erlaubt"),
        ("gegen {{ suspect }} und", "gegen {{ suspect.__class__ }} und", "mit einem Punkt (.) ist nicht erlaubt"),
        (
            "gegen {{ suspect }} und",
            "gegen {{ suspcet }} und",
            "Unbekannter Platzhalter '{{ suspcet }}'. Meinten Sie 'suspect'?",
        ),
        ("gegen {{ suspect }} und", "gegen {{ state_name }} und", "Unbekannter Platzhalter '{{ state_name }}'"),
    ],
)
def test_check_refuses_templates_with_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    content, _ = shipped()
    root = broken_root(tmp_path, old, new)
    _, problems = check_catalog(root, content)
    assert [p.message for p in problems if message in p.message], problems
    problem = next(p for p in problems if message in p.message)
    assert problem.file == "flows/documents.yaml"
    assert problem.line == line_of(root, new.split("\n", maxsplit=1)[0][:30])


def test_check_refuses_unknown_routes_fields_and_conditions(tmp_path: Path) -> None:
    content, _ = shipped()
    root = broken_root(tmp_path, "      - ni-zhin\n", "      - ni-zhinn\n")
    text = (root / DOCUMENTS_FILE).read_text(encoding="utf-8")
    text = text.replace("fits: already_reported\n", "fits: police == 'ja'\n")
    text = text.replace("        unless: [suspect]", "        unless: [suspekt]")
    (root / DOCUMENTS_FILE).write_text(text, encoding="utf-8")
    messages = {p.line: p.message for p in check_catalog(root, content)[1]}
    assert "Die Stelle 'ni-zhinn' gibt es in providers.yaml nicht." in messages[line_of(root, "- ni-zhinn")]
    assert "'police' kennt 'ja' nicht" in messages[line_of(root, "police == 'ja'")]
    assert "'unless: suspekt' nennt kein Feld dieses Briefs" in messages[line_of(root, "unless: [suspekt]")]


def test_shipped_documents_file_has_no_problems() -> None:
    content, _ = shipped()
    assert check_catalog(ROOT, content)[1] == []


def test_check_without_the_file(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "flows", tmp_path / "flows")
    (tmp_path / DOCUMENTS_FILE).unlink()
    _, problems = check_catalog(tmp_path, None)
    assert [str(p) for p in problems] == ["flows/documents.yaml:1: Fehler: Die Datei fehlt."]


# --- issue 20: a letter's routes come from the result's selection ----------------------------------


@pytest.mark.parametrize("state", STATES)
def test_no_letter_lists_a_route_that_refuses_the_incident(state: str) -> None:
    """Every state x incident (and each violent incident with every other): a letter's route takes the
    violent incidents, or, without one, at least one incident answered; and it is a contact the result
    shows for the same answers."""
    content, catalog = shipped()
    cases = [[incident] for incident in INCIDENTS if incident != "none"]
    in_person = content.ranking.file.in_person_first
    cases += [[violent, other] for violent in in_person for other in INCIDENTS if other not in {"none", violent}]
    for incidents in cases:
        given = dict(
            resolve(content, {"incident": incidents, "danger": "no", "state": state, "police": "yes"}).effective
        )
        shown = {p.id for p in compute_result(content, given).contacts}
        violent = content.ranking.in_person_first(incidents)
        for letter in letters_for(catalog, given):
            values = form_defaults(catalog, letter.id, given, TODAY)
            for route in letter_routes(catalog, letter, values, state, given):
                where = (state, incidents, letter.id, route.id)
                assert violent <= route.incident_set if violent else route.incident_set & set(incidents), where
                assert route.id in shown, where


def test_a_threat_letter_in_rheinland_pfalz_lists_no_online_station() -> None:
    _, catalog = shipped()
    text = flat(
        pdf_facts(letter_pdf(catalog, "strafantrag", example("strafantrag"), state="RP", today=TODAY).data).text
    )
    assert "Onlinewache" not in text  # the example chooses Bedrohung; the RP Onlinewache takes no violent crime
    insult = example("strafantrag") | {"offences": ["beleidigung"]}
    text = flat(pdf_facts(letter_pdf(catalog, "strafantrag", insult, state="RP", today=TODAY).data).text)
    assert "Onlinewache" in text


# --- issue 20: the complaint against a dropped case (§ 172 Abs. 1 StPO) ----------------------------


def test_beschwerde_names_the_case_the_day_the_notice_came_and_the_last_day() -> None:
    text = flat(example_pdf("beschwerde")[1].text)
    assert "Aktenzeichen: 276 Js 1234/26" in text
    assert "lege ich Beschwerde ein (§ 172 Abs. 1 StPO)." in text
    assert "Den Bescheid über die Einstellung habe ich am 25. Februar 2026 erhalten." in text
    # counted for the Berlin prosecutor chosen in the form, not for the Bavarian user
    assert "Ihre Frist ist am Mittwoch, 11. März 2026 abgelaufen." in text
    assert "Gezählt sind die gesetzlichen Feiertage in Berlin, wo die Staatsanwaltschaft sitzt." in text
    assert "Eine Begründung reiche ich nach." not in text and "Diese Spur wurde nicht verfolgt." in text
    assert "Begründung folgt" in text and "(§ 406e Abs. 1 StPO)" in text and "(§ 406e Abs. 3 StPO)" in text
    assert "zpo/__180.html" in text  # the deadline's own norms are listed


def test_beschwerde_without_reasons_says_they_follow_and_without_the_office_counts_safely() -> None:
    _, catalog = shipped()
    data = example("beschwerde") | {"objection": "", "prosecutor_state": "", "notice_received": "2026-03-02"}
    text = flat(pdf_facts(letter_pdf(catalog, "beschwerde", data, state="BY", today=TODAY).data).text)
    assert "Eine Begründung reiche ich nach." in text
    assert "Ihre Frist endet am Montag, 16. März 2026." in text
    assert "Darum zählt Lotse nur die Feiertage, die in ganz Deutschland gelten." in text


def test_the_berlin_example_on_the_letter() -> None:
    _, catalog = shipped()
    letter = catalog.letter("beschwerde")
    values = {"notice_received": date(2026, 12, 23)}
    assert letter_deadline(catalog, letter, values, "BY", date(2026, 12, 24)).last_day == date(2027, 1, 6)  # type: ignore[union-attr]
    by = letter_deadline(catalog, letter, values | {"prosecutor_state": "BY"}, "BE", date(2026, 12, 24))
    assert by is not None and by.last_day == date(2027, 1, 7)


def test_the_form_asks_for_the_prosecutors_state_and_prefills_the_notice_date() -> None:
    _, catalog = shipped()
    fields = {f.name: f for f in letter_form(catalog, "beschwerde")}
    assert fields["prosecutor_state"].kind == "state" and ("BE", "Berlin") in fields["prosecutor_state"].options
    assert fields["aktenzeichen"].required and fields["notice_received"].required
    given = answers(police="already_reported", report_status="dropped")
    defaults = form_defaults(catalog, "beschwerde", given, TODAY, {"beschwerde": date(2026, 3, 2)})
    assert defaults["notice_received"] == date(2026, 3, 2)
    with pytest.raises(FormError) as caught:
        letter_pdf(catalog, "beschwerde", example("beschwerde") | {"prosecutor_state": "XX"}, today=TODAY)
    assert "'XX' ist kein Land" in form_said(caught.value)


@pytest.mark.parametrize("letter_id", ["sachstand", "beschwerde", "ladungsanschrift"])
def test_aktenzeichen_and_addressee_are_in_view_not_behind_the_switch(letter_id: str) -> None:
    _, catalog = shipped()
    fields = {f.name: f for f in letter_form(catalog, letter_id)}
    assert fields["aktenzeichen"].in_view and fields["recipient"].in_view
    assert not fields["place"].in_view  # the rest stays behind "Weitere Angaben (freiwillig)"


# --- issue 20: texts of the letters ---------------------------------------------------------------


def test_auskunftssperre_argues_the_group_with_evidence_instead_of_stating_it_as_law() -> None:
    text = flat(example_pdf("auskunftssperre", None)[1].text)
    assert "Menschen in der Kommunalpolitik sind ein solcher Personenkreis." not in text
    assert "Ich mache geltend, dass Menschen mit einem kommunalen Amt oder Mandat wie meinem" in text
    assert "Die Tatsachen dazu nenne ich hier und belege sie in den Anlagen." in text
    assert "Kommunalen Monitoring des BKA" in text and "die Einschätzung der Polizei zu Ihrer Gefährdung" in text


def test_municipal_property_the_municipality_files_the_strafantrag() -> None:
    _, catalog = shipped()
    text = flat(pdf_facts(letter_pdf(catalog, "strafantrag", example("strafantrag"), today=TODAY).data).text)
    assert "Dann stellt die Gemeinde den Strafantrag, denn antragsberechtigt ist die verletzte Eigentümerin" in text
    assert "(§ 77 Abs. 1 StGB)" in text and "stgb/__77.html" in text
    hint = {f.name: f for f in letter_form(catalog, "strafantrag")}["offences"].options
    assert any("Gehört die Sache der Gemeinde, stellt die Gemeinde den Strafantrag, nicht Sie." in o for _, o in hint)


def test_sachstand_shows_the_legitimate_interest_for_406d_2_nr_2() -> None:
    _, catalog = shipped()
    text = flat(pdf_facts(letter_pdf(catalog, "sachstand", example("sachstand"), today=TODAY).data).text)
    assert "(§ 406d Abs. 2 Nr. 2 StPO), lege ich mein berechtigtes Interesse dar" in text
    assert "verlangt das Gesetz ein berechtigtes Interesse (§ 406d Abs. 2 Nr. 2 StPO)" in text


def test_ladungsanschrift_names_the_proceedings_and_the_place_of_service() -> None:
    _, catalog = shipped()
    data = {k: v for k, v in example("ladungsanschrift").items() if k != "aktenzeichen"}
    text = flat(pdf_facts(letter_pdf(catalog, "ladungsanschrift", data, today=TODAY).data).text)
    assert "in meiner Strafsache" not in text
    assert "in dem Ermittlungsverfahren gegen Unbekannt bin ich Zeugin oder Zeuge." in text
    named = flat(
        pdf_facts(letter_pdf(catalog, "ladungsanschrift", data | {"suspect": "Max M."}, today=TODAY).data).text
    )
    assert "in dem Ermittlungsverfahren gegen Max M. bin ich Zeugin oder Zeuge." in named
    assert "meinen Dienstort an (§ 68 Abs. 1 Satz 3 StPO)." in text
