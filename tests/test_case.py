"""Mein Fall, the core: the model's limits, each incident's deadline (the guide's own), the calendar,
the police timeline, the counsellor's CSV and the filled letters."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from icalendar import Calendar
from pydantic import ValidationError

from lotse.case import exports
from lotse.case.deadlines import case_calendar, case_deadlines, incident_deadline
from lotse.case.exports import (
    counsellor_csv,
    police_page,
    police_parts,
    police_pdf,
    sachstand_defaults,
    strafantrag_defaults,
)
from lotse.case.file import MAX_FILE_BYTES, first_problem
from lotse.case.guide import guide_answers, guide_state
from lotse.case.model import MAX_INCIDENTS, Case, CaseValueError, Evidence, Incident, Reports
from lotse.content.vocabulary import CASE_FIELDS, CHANNELS, STATES
from lotse.documents.deadlines import deadlines_for
from lotse.documents.html import to_html
from lotse.documents.letters import letter_page
from tests.documents_helpers import flat, pdf_facts, said, shipped

TODAY = date(2026, 12, 7)


def threat(**changes: object) -> Incident:
    values: dict[str, object] = {
        "happened_on": date(2026, 3, 3),
        "happened_time": "21:14",
        "learned_on": date(2026, 3, 4),
        "channel": "online",
        "post_url": "https://social.example/beitrag/123",
        "profile_url": "https://social.example/@wahrheit123",
        "author": "Wahrheit123",
        "author_known": "no",
        "words": "Dich kriegen wir noch, du Volksverräterin.",
        "context": "Unter meinem Beitrag zur Gemeinderatssitzung",
        "kinds": ["threat", "online_hate"],
        "evidence": [Evidence(kind="Screenshot mit Adresse", captured_on=date(2026, 3, 3), kept_where="USB-Stick")],
        "reports": Reports(
            police_station="PI Musterstadt", aktenzeichen="123 Js 4567/26", reported_on=date(2026, 3, 10)
        ),
    }
    return Incident(**(values | changes))


def letter() -> Incident:
    return Incident(
        happened_on=date(2026, 4, 20),
        learned_on=date(2026, 4, 21),
        channel="letter",
        place="Rathaus Musterdorf",
        words="Wir wissen, wo du wohnst.",
        kinds=["threat"],
    )


# --- the model --------------------------------------------------------------------------------


def test_the_fields_come_in_the_order_of_the_issue() -> None:
    assert CASE_FIELDS == (
        "happened_on", "learned_on", "channel", "place", "author", "words",
        "kinds", "evidence", "witnesses", "reports", "effects", "safety",
    )  # fmt: skip
    every = list(Incident.model_fields)
    positions = [every.index(name) for name in CASE_FIELDS]
    assert positions == sorted(positions)


def test_every_field_has_a_label_and_a_help_in_the_content() -> None:
    content, _ = shipped()
    assert set(content.texts.case.fields) == set(CASE_FIELDS)
    assert content.texts.case.fields["learned_on"].help.endswith("(3 Monate, § 77b StGB).")


def test_the_channels_are_the_guides() -> None:
    content, _ = shipped()
    assert tuple(content.questions()["channel"].option_values()) == CHANNELS


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"author": "x" * 201}, "Der Text ist zu lang: 201 Zeichen, möglich sind 200."),
        ({"words": "y" * 6001}, "Der Text ist zu lang: 6001 Zeichen, möglich sind 6000."),
        ({"author": "a\nb"}, "Hier ist nur eine Zeile möglich."),
        ({"words": "rechts\u202eherum"}, "Der Text enthält ein unsichtbares Steuerzeichen (U+202E)."),
        ({"words": "halbes \ud800 Zeichen"}, "Der Text enthält ein unsichtbares Steuerzeichen (U+D800)."),
        (
            {"learned_on": date(2026, 3, 1)},
            "Sie können nicht vor der Tat von ihr erfahren haben. Bitte die Daten prüfen.",
        ),
        ({"happened_on": date(1999, 12, 31)}, "Das Datum 31.12.1999 ist nicht möglich (ab 2000)."),
    ],
)
def test_the_model_refuses_what_it_cannot_hold(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        threat(**change)
    assert said(first_problem(caught.value)[1]) == message


def test_at_most_so_many_evidence_items_and_incidents() -> None:
    with pytest.raises(ValidationError, match="at most 30"):
        threat(evidence=[Evidence(kind="Foto")] * 31)
    full = Case(incidents=[letter().model_copy(update={"id": f"{n:032x}"}) for n in range(MAX_INCIDENTS)])
    with pytest.raises(CaseValueError) as caught:
        full.with_incident(threat())
    assert said(caught.value) == "Eine Falldatei hat höchstens 1000 Vorfälle."
    with pytest.raises(ValidationError):
        Case.model_validate({"incidents": [letter().model_dump()] * (MAX_INCIDENTS + 1)})


def test_unknown_keys_and_values_are_refused() -> None:
    with pytest.raises(ValidationError):
        Incident.model_validate({"happened_on": "2026-03-03", "learned_on": "2026-03-04", "home": "Weg 1"})
    with pytest.raises(ValidationError):
        threat(channel="pigeon")


def test_newest_first_grouped_by_author() -> None:
    other = threat(happened_on=date(2026, 5, 1), learned_on=date(2026, 5, 1), author="wahrheit123")
    case = Case(incidents=[threat(), letter(), other])
    assert [i.happened_on.month for i in case.newest_first()] == [5, 4, 3]
    groups = case.by_author()
    assert [(name, [i.happened_on.month for i in items]) for name, items in groups] == [
        ("wahrheit123", [5, 3]),
        ("", [4]),
    ]


# --- deadlines --------------------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_each_deadline_equals_the_guides_over_a_year(state: str) -> None:
    start = date(2026, 1, 1)
    for offset in range(366):
        day = start + timedelta(days=offset)
        incident = Incident(happened_on=day, learned_on=day)
        guide, _ = deadlines_for({"strafantrag": day}, state, date(2100, 1, 1))
        assert incident_deadline(incident, state) == guide[0]


def test_the_case_lists_every_deadline_newest_first_and_none_without_a_state() -> None:
    case = Case(state="BY", incidents=[threat(), letter()])
    found = case_deadlines(case)
    assert [d.deadline.last_day for d in found] == [
        date(2026, 7, 21),
        date(2026, 6, 5),
    ]  # 4 June is Fronleichnam in Bayern
    assert case_deadlines(case.model_copy(update={"state": None})) == []


def test_one_calendar_file_holds_every_deadline_and_nothing_typed() -> None:
    _, catalog = shipped()
    case = Case(state="BY", incidents=[threat(), letter()])
    document = case_calendar(catalog, case)
    events = Calendar.from_ical(document.data).walk("VEVENT")
    assert sorted(str(e["DTSTART"].dt) for e in events) == ["2026-06-05", "2026-07-21"]
    assert document.filename == "Lotse-Mein-Fall-Fristen.ics"
    for typed in ("Wahrheit123", "Volksverräterin", "Rathaus"):
        assert typed.encode() not in document.data


# --- exports ----------------------------------------------------------------------------------


def test_the_police_pdf_is_a_tagged_german_a4_timeline() -> None:
    content, catalog = shipped()
    case = Case(state="BY", incidents=[letter(), threat()])
    document = police_pdf(content, catalog, case, TODAY)
    facts = pdf_facts(document.data)
    text = flat(facts.text)
    assert facts.tagged and facts.marked and facts.embedded
    assert str(facts.lang) == "de"
    assert facts.title == "Zeitstrahl der Vorfälle"
    assert text.index("Vorfall 1: 3. März 2026") < text.index("Vorfall 2: 20. April 2026")
    assert "„Dich kriegen wir noch" not in text and "Dich kriegen wir noch, du Volksverräterin." in text
    assert "Screenshot mit Adresse – Wann gesichert? 03.03.2026 – Wo liegt es? USB-Stick" in text
    assert "Wer war es? Wahrheit123 Kennen Sie die Person? Nein" in text
    assert "Aktenzeichen: 123 Js 4567/26" in text
    assert "Was für ein Vorfall war es? Ich wurde bedroht; Ich bekomme Hass im Internet" in text
    assert "Vorfall 1 (03.03.2026): abgelaufen am Freitag, 5. Juni 2026" in text
    assert document.filename == "Lotse-Zeitstrahl-fuer-die-Polizei.pdf"


def test_the_police_page_leaves_out_deadlines_without_a_state() -> None:
    content, catalog = shipped()
    page = police_page(content, catalog, Case(incidents=[letter()]), TODAY)
    assert "Fristen für den Strafantrag (§ 77b StGB)" not in str(page.blocks)


def test_the_csv_has_one_row_per_incident_and_no_formula() -> None:
    content, catalog = shipped()
    case = Case(incidents=[threat(), letter().model_copy(update={"words": "=HYPERLINK(1)"})])
    document = counsellor_csv(content, catalog, case)
    assert document.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == [
        "Wann ist es passiert?",
        "Wann wussten Sie, was passiert ist und wer es war?",
        "Wie kam es bei Ihnen an?",
    ]
    assert len(rows) == 3
    assert rows[1][0] == "3. März 2026, 21:14"
    assert rows[2][rows[0].index("Was wurde gesagt oder geschrieben?")] == "'=HYPERLINK(1)"


def test_the_strafantrag_is_filled_with_the_chosen_incidents() -> None:
    content, catalog = shipped()
    values = strafantrag_defaults(content, catalog, [threat(), letter()])
    assert values["incident_when"] == "3. März 2026 bis 20. April 2026 (2 Vorfälle, einzeln unten)"
    assert values["suspect"] == "Wahrheit123"
    assert values["learned"] == date(2026, 3, 4)
    assert values["offences"] == ("politisches_leben", "bedrohung")
    assert values["aktenzeichen"] == "123 Js 4567/26"
    assert "„Wir wissen, wo du wohnst.“" in str(values["what_happened"])
    page = letter_page(catalog, "strafantrag", {"name": "Erika", "address": "Rathausplatz 1", **values}, "BY", TODAY)
    text = str(page.blocks)
    assert "Vorfall 2: 20. April 2026 – Rathaus Musterdorf" in text
    assert "Bedrohung (§ 241 StGB)" in text


def test_one_incident_fills_its_own_time_and_place() -> None:
    content, catalog = shipped()
    values = strafantrag_defaults(content, catalog, [threat()])
    assert values["incident_when"] == "3. März 2026, 21:14"
    assert values["incident_where"] == "https://social.example/beitrag/123"
    assert str(values["what_happened"]).startswith("„Dich kriegen wir noch")


def test_the_sachstand_is_filled_with_the_aktenzeichen() -> None:
    assert sachstand_defaults(threat()) == {
        "aktenzeichen": "123 Js 4567/26",
        "reported_where": "PI Musterstadt",
        "reported_on": date(2026, 3, 10),
    }


def test_every_case_a_file_can_hold_is_one_police_pdf() -> None:
    bare = len(letter().model_copy(update={"words": ""}).model_dump_json())
    incident = letter().model_copy(update={"words": "W" * (MAX_FILE_BYTES // MAX_INCIDENTS - bare)})
    case = Case(state="BY", incidents=[incident.model_copy(update={"id": f"{n:032x}"}) for n in range(MAX_INCIDENTS)])
    assert len(case.model_dump_json()) >= MAX_FILE_BYTES  # as much as the largest file, before its encryption
    assert police_parts(case) == [(1, MAX_INCIDENTS)]
    assert police_parts(Case()) == [(1, 1)]


def test_a_case_of_very_much_text_goes_to_the_police_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    content, catalog = shipped()
    incidents = [
        letter().model_copy(update={"id": f"{n:032x}", "words": f"Vorfall Nummer {n:03d}"}) for n in range(250)
    ]
    case = Case(state="BY", incidents=incidents)
    monkeypatch.setattr(exports, "PDF_PART_CHARACTERS", 100 * len(incidents[0].model_dump_json()))
    assert police_parts(case) == [(1, 100), (101, 200), (201, 250)]
    assert police_parts(Case(incidents=incidents[:100])) == [(1, 100)]
    first, last = (str(police_page(content, catalog, case, TODAY, part).blocks) for part in (1, 3))
    assert "Teil 1 von 3: Vorfall 1 bis 100." in first and "Teil 3 von 3: Vorfall 201 bis 250." in last
    assert "Vorfall 100: 20. April 2026" in first and "Vorfall 101: 20. April 2026" not in first
    assert "Vorfall 201: 20. April 2026" in last and "Vorfall 200: 20. April 2026" not in last
    with pytest.raises(ValueError, match="no part 4: the case has 3"):
        police_page(content, catalog, case, TODAY, 4)
    assert "Teil 1 von" not in str(police_page(content, catalog, Case(incidents=incidents[:100]), TODAY).blocks)
    assert police_pdf(content, catalog, case, TODAY, 3).filename == "Lotse-Zeitstrahl-fuer-die-Polizei-Teil-3.pdf"


def test_an_incident_opens_the_guide_with_its_answers_and_asks_the_rest() -> None:
    content, _ = shipped()
    incident = threat(author_known="yes", learned_on=date(2026, 10, 1))
    state = guide_state(content, Case(state="BY", incidents=[incident]), incident, TODAY)
    assert state.answers == {
        "role": "self",  # a case file is the person's own
        "incident": ["threat", "online_hate"],
        "channel": ["online"],
        "state": "BY",
        "author_known": "yes",
        "learned": "1_to_3_months",
    }
    assert state.dates == {"strafantrag": date(2026, 10, 1)}
    assert (state.screen, state.return_to_check) == ("danger", True)  # what the case cannot know comes first
    answers, _ = guide_answers(Case(), letter().model_copy(update={"learned_on": date(2026, 11, 20)}), TODAY)
    assert answers == {
        "role": "self",
        "incident": ["threat"],
        "channel": ["letter"],
        "author_known": "unsure",
        "learned": "under_1_month",
    }


def test_an_incident_is_one_paragraph_whose_breaks_are_kept_without_a_box_per_line() -> None:
    content, catalog = shipped()
    html = to_html(police_page(content, catalog, Case(incidents=[threat()]), TODAY))
    incident = html[html.index("<h3>") :]
    assert incident.count('<p class="lines">') == 1 and "<br>" not in incident.split("<h2>")[0]
    assert "Wann ist es passiert? 3. März 2026, 21:14\nWann wussten Sie" in incident


def test_the_evidence_index_and_the_deadlines_are_lists_whose_items_name_themselves_without_a_marker() -> None:
    """A list item without a marker box is a fifth less of WeasyPrint's work; the lists stay tagged lists."""
    content, catalog = shipped()
    html = to_html(police_page(content, catalog, Case(state="BY", incidents=[letter(), threat()]), TODAY))
    assert html.count('<ul class="index normal"><li>Vorfall 1') == 2
    assert "<li>Vorfall 2 (20.04.2026): " in html
