"""Exact deadlines: § 77b StGB (Strafantrag) and § 172 Abs. 1 StPO (Beschwerde), in the user's state."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from lotse.documents.calendar import calendar_document
from lotse.documents.deadlines import (
    DeadlineError,
    add_months,
    common_holidays,
    compute_deadline,
    deadlines_for,
    strafantrag_deadline,
)
from lotse.documents.german import long_date
from lotse.documents.parts import deadline_text
from tests.documents_helpers import said, shipped


def last_day(learned: str, state: str = "BE") -> str:
    return strafantrag_deadline(date.fromisoformat(learned), state).last_day.isoformat()


# --- the pins of issue 14 ---------------------------------------------------------------------


def test_missing_day_in_the_third_month_ends_on_its_last_day() -> None:
    assert last_day("2026-01-31") == "2026-04-30"


def test_same_number_in_the_third_month() -> None:
    assert last_day("2026-03-15") == "2026-06-15"


def test_christi_himmelfahrt_moves_the_end_to_friday() -> None:
    assert last_day("2026-02-14", "BY") == "2026-05-15"
    assert last_day("2026-02-14", "BE") == "2026-05-15"


def test_saturday_moves_the_end_to_monday() -> None:
    assert last_day("2026-03-06", "BY") == "2026-06-08"


def test_fronleichnam_is_a_holiday_in_bayern_not_in_berlin() -> None:
    assert last_day("2026-03-04", "BY") == "2026-06-05"
    assert last_day("2026-03-04", "BE") == "2026-06-04"


def test_beschwerde_two_weeks_after_the_notice_with_the_states_holidays() -> None:
    assert compute_deadline("beschwerde", date(2026, 5, 21), "NW").last_day == date(2026, 6, 5)
    assert compute_deadline("beschwerde", date(2026, 5, 21), "BE").last_day == date(2026, 6, 4)


# --- issue 20: the holidays of the office's seat ------------------------------------------------


def test_berlin_example_a_bavarians_complaint_to_the_berlin_prosecutor_ends_on_6_january() -> None:
    notice = date(2026, 12, 23)
    assert compute_deadline("beschwerde", notice, "BE").last_day == date(2027, 1, 6)  # the office's seat
    assert compute_deadline("beschwerde", notice, "BY").last_day == date(2027, 1, 7)  # only with a Bavarian prosecutor
    # the guide does not know where the prosecutor sits: the safe day, not the user's Bavarian holiday
    deadlines, _ = deadlines_for({"beschwerde": notice}, "BY", date(2026, 12, 24))
    assert [(d.state, d.last_day) for d in deadlines] == [(None, date(2027, 1, 6))]


def test_the_safe_day_says_it_may_end_later_at_the_seat_do_not_rely_on_it() -> None:
    _, catalog = shipped()
    text = deadline_text(catalog, compute_deadline("beschwerde", date(2026, 12, 23), None), date(2026, 12, 24))
    assert text.sentence == "Ihre Frist endet am Mittwoch, 6. Januar 2027."
    assert text.advice.startswith(
        "Ihr letzter Tag kann dort, wo die Staatsanwaltschaft sitzt, ein Feiertag sein. Dann endet die Frist "
        "dort erst am nächsten Werktag. Verlassen Sie sich nicht darauf."
    )
    assert "Darum zählt Lotse nur die Feiertage, die in ganz Deutschland gelten." in " ".join(text.details)
    known = deadline_text(catalog, compute_deadline("beschwerde", date(2026, 12, 23), "BE"), date(2026, 12, 24))
    assert "Verlassen Sie sich nicht darauf" not in known.advice
    assert "Gezählt sind die gesetzlichen Feiertage in Berlin, wo die Staatsanwaltschaft sitzt." in known.details[-1]
    assert "strafakte.de" in " ".join(s.url for s in known.sources)


def test_the_safe_calendar_has_only_the_holidays_of_every_state() -> None:
    assert sorted(common_holidays(2027).values()) == sorted(
        [
            "Neujahr",
            "Karfreitag",
            "Ostermontag",
            "Erster Mai",
            "Christi Himmelfahrt",
            "Pfingstmontag",
            "Tag der Deutschen Einheit",
            "Erster Weihnachtstag",
            "Zweiter Weihnachtstag",
        ]
    )
    assert compute_deadline("beschwerde", date(2026, 12, 18), None).last_day == date(
        2027, 1, 4
    )  # Neujahr counts everywhere


def test_the_strafantrag_is_counted_in_the_users_state() -> None:
    deadlines, _ = deadlines_for({"strafantrag": date(2026, 3, 4)}, "BY", date(2026, 3, 5))
    assert [(d.state, d.last_day) for d in deadlines] == [("BY", date(2026, 6, 5))]


@pytest.mark.parametrize(
    ("state", "fragment"),
    [
        ("BY", "Mariä Himmelfahrt (15. August) in den überwiegend katholischen Gemeinden und das Augsburger Hohe"),
        ("SN", "Nicht gezählt ist Fronleichnam. Es ist nur in einigen Gemeinden Sachsens ein Feiertag."),
        ("TH", "Nicht gezählt ist Fronleichnam. Es ist nur in einigen Orten Thüringens ein Feiertag"),
    ],
)
def test_the_local_holidays_not_counted_are_named(state: str, fragment: str) -> None:
    _, catalog = shipped()
    text = deadline_text(catalog, strafantrag_deadline(date(2026, 3, 4), state), date(2026, 3, 5))
    assert any(fragment in detail for detail in text.details)
    assert not any(
        "Nicht gezählt" in d
        for d in deadline_text(catalog, strafantrag_deadline(date(2026, 3, 4), "NW"), date(2026, 3, 5)).details
    )


def test_a_formally_served_notice_counts_from_the_date_on_the_envelope() -> None:
    content, catalog = shipped()
    rule = catalog.file.deadlines["beschwerde"].rule
    assert "im gelben Umschlag, zählt das Datum, das die Post auf den Umschlag geschrieben hat" in rule
    assert "(§ 37 Abs. 1 StPO, § 180 ZPO)" in rule
    help_text = content.questions()["report_status"].dates[0].help or ""
    assert "Kam der Brief im gelben Umschlag, nehmen Sie das Datum, das auf dem Umschlag steht." in help_text


# --- more cases -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("learned", "expected"),
    [
        ("2027-11-30", "2028-02-29"),  # leap year: 29 February exists in 2028 (a Tuesday)
        ("2026-11-30", "2027-03-01"),  # 28 February 2027 is a Sunday
        ("2025-11-29", "2026-03-02"),  # no 29 February in 2026: the 28th, a Saturday, then Monday
        ("2026-10-01", "2027-01-04"),  # 1 January 2027 (Neujahr, Friday), then the weekend
        ("2026-09-25", "2026-12-28"),  # 25 and 26 December, then Sunday
        ("2026-08-31", "2026-11-30"),  # 31 November is missing: 30 November, a Monday
    ],
)
def test_month_ends_new_year_and_christmas(learned: str, expected: str) -> None:
    assert last_day(learned) == expected


def test_a_chain_of_holidays_karfreitag_easter_ostermontag() -> None:
    deadline = strafantrag_deadline(date(2026, 1, 3), "NW")
    assert deadline.nominal_end == date(2026, 4, 3)
    assert deadline.last_day == date(2026, 4, 7)
    assert [s.reason for s in deadline.skipped] == ["Karfreitag", "Samstag", "Sonntag", "Ostermontag"]


def test_reformationstag_only_where_it_is_a_public_holiday() -> None:
    assert last_day("2026-07-31", "SN") == "2026-11-02"  # 31 October 2026 is a Saturday anyway
    assert compute_deadline("beschwerde", date(2028, 10, 17), "SN").last_day == date(2028, 11, 1)
    assert compute_deadline("beschwerde", date(2028, 10, 17), "HH").last_day == date(2028, 11, 1)  # 31.10.2028 Tue
    assert compute_deadline("beschwerde", date(2028, 10, 17), "BY").last_day == date(2028, 10, 31)


def test_holidays_kept_only_in_some_towns_do_not_move_the_end() -> None:
    # Mariä Himmelfahrt is a holiday only in parts of Bayern, everywhere in the Saarland.
    assert last_day("2028-05-15", "BY") == "2028-08-15"
    assert last_day("2028-05-15", "SL") == "2028-08-16"


def test_frauentag_in_berlin() -> None:
    assert compute_deadline("beschwerde", date(2027, 2, 22), "BE").last_day == date(2027, 3, 9)  # 8 March 2027, Monday
    assert compute_deadline("beschwerde", date(2027, 2, 22), "BY").last_day == date(2027, 3, 8)


def test_add_months_keeps_the_number_or_takes_the_last_day() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 12, 31), 3) == date(2027, 3, 31)


def test_json_names_the_law_and_the_days_skipped() -> None:
    data = strafantrag_deadline(date(2026, 3, 4), "BY").to_json()
    assert data == {
        "id": "strafantrag",
        "start": "2026-03-04",
        "last_day": "2026-06-05",
        "law": "§ 77b StGB",
        "state": "BY",
        "nominal_end": "2026-06-04",
        "skipped": [{"day": "2026-06-04", "reason": "Fronleichnam"}],
    }
    assert compute_deadline("beschwerde", date(2026, 5, 21), "NW").to_json()["law"] == "§ 172 Abs. 1 StPO"


def test_long_date_in_german() -> None:
    assert long_date(date(2026, 6, 5)) == "Freitag, 5. Juni 2026"
    assert long_date(date(2026, 3, 1)) == "Sonntag, 1. März 2026"


def test_days_left() -> None:
    deadline = strafantrag_deadline(date(2026, 3, 4), "BY")
    assert deadline.days_left(date(2026, 6, 5)) == 0
    assert deadline.days_left(date(2026, 6, 6)) == -1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("strafantrag", date(2026, 3, 4), "XX"), "Unbekanntes Bundesland 'XX'"),
        (("strafantrag", date(2026, 3, 4), "by"), "Unbekanntes Bundesland 'by'"),
        (("frist", date(2026, 3, 4), "BY"), "Unbekannte Frist 'frist'"),
        (("strafantrag", date(1999, 12, 31), "BY"), "zu weit zurück"),
    ],
)
def test_refused(args: tuple[str, date, str], message: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        compute_deadline(*args)
    assert message in said(caught.value)


def test_a_future_date_is_refused_when_today_is_known() -> None:
    with pytest.raises(DeadlineError) as caught:
        strafantrag_deadline(date(2026, 3, 5), "BY", today=date(2026, 3, 4))
    assert said(caught.value) == "Das Datum 05.03.2026 liegt in der Zukunft. Bitte den Tag nennen, der schon war."
    assert strafantrag_deadline(date(2026, 3, 4), "BY", today=date(2026, 3, 4)).last_day == date(2026, 6, 5)


# --- the calendar file --------------------------------------------------------------------------


def test_calendar_file_parses_with_the_deadline_its_alarm_and_status_reminders() -> None:
    _, catalog = shipped()
    deadline = strafantrag_deadline(date(2026, 3, 4), "BY")
    document = calendar_document(catalog, [deadline], reported_on=date(2026, 3, 10))
    assert document.filename.endswith(".ics") and document.mime.startswith("text/calendar")
    calendar = Calendar.from_ical(document.data)
    events = calendar.walk("VEVENT")
    assert [(e.decoded("dtstart"), str(e["summary"])) for e in events] == [
        (date(2026, 6, 5), "Letzter Tag für den Strafantrag (§ 77b StGB)"),
        (date(2026, 6, 10), "Nach dem Stand der Anzeige fragen"),
        (date(2026, 9, 10), "Nach dem Stand der Anzeige fragen"),
    ]
    alarms = events[0].walk("VALARM")
    assert alarms[0].decoded("trigger") == -timedelta(days=14)
    assert "Freitag, 5. Juni 2026" in str(alarms[0]["description"])
    assert len({str(e["uid"]) for e in events}) == 3
    text = document.data.decode("utf-8")
    assert "Musterfrau" not in text and "BY" not in text  # dates and the rule only
