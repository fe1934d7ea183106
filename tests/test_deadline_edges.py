"""The edges of the deadline counting (lotse/documents/deadlines.py) that make mutate found untested: the
first day allowed, a Saturday told apart from a holiday, what deadlines_for does with a bad date, and the
words of each refusal."""

from __future__ import annotations

from datetime import date

import pytest

from lotse.documents.deadlines import (
    DeadlineError,
    SkippedDay,
    compute_deadline,
    deadlines_for,
    next_working_day,
)
from tests.documents_helpers import said

TODAY = date(2026, 11, 30)


def test_the_first_day_allowed_is_the_first_of_2000_and_the_day_before_is_refused() -> None:
    assert compute_deadline("strafantrag", date(2000, 1, 1), "BE").last_day == date(2000, 4, 3)
    with pytest.raises(DeadlineError) as caught:
        compute_deadline("strafantrag", date(1999, 12, 31), "BE")
    assert said(caught.value) == "Das Datum 31.12.1999 liegt zu weit zurück. Möglich ist ein Datum ab 2000."


def test_a_saturday_is_a_weekend_day_and_a_holiday_is_a_holiday() -> None:
    assert next_working_day(date(2025, 10, 3), "BE") == (
        date(2025, 10, 6),
        (
            SkippedDay(date(2025, 10, 3), "Tag der Deutschen Einheit", True),
            SkippedDay(date(2025, 10, 4), "Samstag", False),
            SkippedDay(date(2025, 10, 5), "Sonntag", False),
        ),
    )
    assert next_working_day(date(2025, 10, 3), None)[1][0] == SkippedDay(
        date(2025, 10, 3), "Tag der Deutschen Einheit", True
    )
    assert next_working_day(date(2025, 10, 2), "BE") == (date(2025, 10, 2), ())


def test_deadlines_for_counts_each_date_and_names_the_one_that_gives_none() -> None:
    dates = {"strafantrag": date(2026, 12, 1), "beschwerde": date(2026, 11, 2), "report": date(2026, 11, 1)}
    deadlines, problems = deadlines_for(dates, "BY", TODAY)
    assert [(d.id, d.state, d.last_day) for d in deadlines] == [("beschwerde", None, date(2026, 11, 16))]
    assert [said(p) for p in problems] == [
        "Das Datum 01.12.2026 liegt in der Zukunft. Bitte den Tag nennen, der schon war."
    ]


def test_the_beschwerde_refuses_a_future_notice_when_today_is_known() -> None:
    with pytest.raises(DeadlineError):
        compute_deadline("beschwerde", date(2026, 12, 1), "BE", TODAY)
    assert compute_deadline("beschwerde", date(2026, 12, 1), "BE").last_day == date(2026, 12, 15)


@pytest.mark.parametrize(
    ("rule", "state", "message"),
    [
        ("frist", "BE", "Unbekannte Frist 'frist'. Möglich: strafantrag, beschwerde."),
        (
            "strafantrag",
            "XY",
            "Unbekanntes Bundesland 'XY'. Möglich: BW, BY, BE, BB, HB, HH, HE, MV, NI, NW, RP, SL, SN, ST, SH, TH.",
        ),
    ],
)
def test_the_words_of_a_refusal(rule: str, state: str, message: str) -> None:
    with pytest.raises(DeadlineError) as caught:
        compute_deadline(rule, date(2026, 1, 5), state)
    assert said(caught.value) == message
