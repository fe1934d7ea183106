"""Exact dates and what they give: the optional date on the screen of a question (wizard and advisor),
the deadline in words right after the plan, the reminders to ask about a report, and the calendar file.

Which question asks for a date, and with which answers, is content (`dates:` in flows/guide.yaml); the
dates live in the wizard state or in this session's widget state, never anywhere else. A date picker
never offers a day in the future or before 2000, the days the deadline rules accept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import streamlit as st

from lotse.content.loader import Content
from lotse.content.schema import Answer, DateField, QuestionNode
from lotse.content.texts import fill
from lotse.documents.calendar import calendar_document, status_reminder_days
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.dates import days_left as core_days_left
from lotse.documents.dates import nearest_deadline as core_nearest_deadline
from lotse.documents.deadlines import EARLIEST, Deadline, deadlines_for
from lotse.documents.german import plain_date
from lotse.documents.parts import DeadlineText, deadline_text
from ui.download import download_button

DATE_FORMAT = "DD.MM.YYYY"
ADVISOR_PREFIX = "adv_date_"
KEEP = "session"
"""Like every answer on the advisor page, a date survives a look at another page (this session only)."""


def today() -> date:
    """The day the deadlines are counted from (one place, so a test can set it)."""
    return date.today()


# --- asking --------------------------------------------------------------------------------------


def date_input(asked: DateField, key: str, known: date | None = None, persist: bool = False) -> None:
    """The optional date of a question: empty until the person picks a day; its help below it."""
    st.date_input(
        asked.label,
        value=known,
        min_value=EARLIEST,
        max_value=today(),
        format=DATE_FORMAT,
        key=key,
        persist_state=KEEP if persist else None,
    )
    if asked.help:
        st.caption(asked.help)


def wizard_date_key(node_id: str, asked: DateField) -> str:
    """Starts with "q_" like the answers' widgets, so "Neu beginnen" forgets it with them."""
    return f"q_{node_id}_date_{asked.use}"


def ask_wizard_date(node_id: str, question: QuestionNode, known: Mapping[str, date]) -> None:
    """On a question's screen: the date asked with the answer chosen right now, if any."""
    asked = question.date_for(st.session_state.get(f"q_{node_id}"))
    if asked is not None:
        date_input(asked, wizard_date_key(node_id, asked), known.get(asked.use))


def wizard_date(node_id: str, question: QuestionNode, value: Answer | None) -> date | None:
    """The date given with `value` on the question's screen (None: none asked or none given)."""
    asked = question.date_for(value)
    return st.session_state.get(wizard_date_key(node_id, asked)) if asked is not None else None


def ask_advisor_date(question: QuestionNode, chosen: Answer | None) -> None:
    asked = question.date_for(chosen)
    if asked is not None:
        date_input(asked, ADVISOR_PREFIX + asked.use, persist=True)


def advisor_dates(content: Content) -> dict[str, date]:
    """The dates entered on the advisor page, by use (whether they count is `dates_in_effect`'s call)."""
    entered = {asked.use: st.session_state.get(ADVISOR_PREFIX + asked.use) for asked in _date_fields(content)}
    return {use: day for use, day in entered.items() if isinstance(day, date)}


def clear_advisor_dates(content: Content) -> None:
    """Empty every date of the advisor page (a value, not a deletion: the browser shows what is set)."""
    for asked in _date_fields(content):
        st.session_state[ADVISOR_PREFIX + asked.use] = None


def _date_fields(content: Content) -> list[DateField]:
    return [asked for question in content.questions().values() for asked in question.dates]


# --- showing -------------------------------------------------------------------------------------


def exact_deadlines(catalog: DocumentCatalog | None, state: str, dates: Mapping[str, date]) -> list[Deadline]:
    """The deadlines the dates give (for the handout as well); a date that gives none gives nothing."""
    if catalog is None:
        return []
    return deadlines_for(dates, state, today())[0]


def days_left(state: str | None, dates: Mapping[str, date]) -> dict[str, int]:
    """The days each deadline the dates give still leaves, by use, for the plan's urgency rules (none
    without a state: the result needs one anyway)."""
    if not state or not dates:
        return {}
    day = today()
    return core_days_left(deadlines_for(dates, state, day)[0], day)


def nearest_deadline(catalog: DocumentCatalog | None, deadlines: list[Deadline]) -> str | None:
    """The sentence for "Auf einen Blick" by the one helper of the core: the nearest open deadline, or with
    none open that the deadline has passed."""
    return core_nearest_deadline(catalog, deadlines, today()) if catalog is not None else None


def deadline_notes(
    content: Content, catalog: DocumentCatalog | None, state: str, dates: Mapping[str, date], key: str
) -> None:
    """One box after the plan: each exact deadline in words, the reminders after a report, one calendar
    file with all of them, and how the days were counted."""
    if catalog is None or not dates:
        return
    day = today()
    deadlines, problems = deadlines_for(dates, state, day)
    for problem in problems:
        st.warning(content.texts.say(problem), icon=":material/event_busy:")
    reported_on = dates.get("report")
    reminders = [d for d in status_reminder_days(catalog, reported_on) if d >= day] if reported_on else []
    if not deadlines and not reminders:
        return
    st.html(_STYLE)
    texts = [deadline_text(catalog, deadline, day) for deadline in deadlines]
    with st.container(border=True, key=f"{key}_deadlines"):
        for text in texts:
            st.subheader(text.title, anchor=False)
            st.markdown(f"**{text.sentence}**")
            st.markdown(text.advice)
        if reminders:
            reminder_part(content, reminders)
        upcoming = [deadline for deadline in deadlines if deadline.days_left(day) >= 0]
        calendar_button(content, catalog, upcoming, reported_on if reminders else None, key)
        if texts:
            how_it_is_counted(content, texts)


def calendar_button(
    content: Content, catalog: DocumentCatalog, deadlines: list[Deadline], reported_on: date | None, key: str
) -> None:
    """The .ics file with the deadlines still open and the status reminders (made on the click)."""
    if not deadlines and reported_on is None:
        return
    download_button(
        content.texts.documents.calendar,
        key=f"{key}_calendar",
        make=lambda: calendar_document(catalog, deadlines, reported_on),
        icon=":material/event:",
    )


# Headings inside the box, sized like the plan's step titles around it (ui/chrome.py).
_STYLE = "<style>[class*='_deadlines'] h3 { font-size: 1.2rem; padding-top: 0; }</style>"


def how_it_is_counted(content: Content, texts: list[DeadlineText]) -> None:
    """Why the end is on that day (weekend, the state's holidays) and the rule, with the law."""
    with st.expander(content.texts.documents.deadline_how):
        for text in texts:
            if len(texts) > 1:
                st.markdown(f"**{text.title}**")
            for detail in text.details:
                st.markdown(detail)
            links = " · ".join(f"[{source.label}]({source.url})" for source in text.sources)
            st.markdown(f"{content.texts.result.source}: {links}")


def reminder_part(content: Content, reminders: list[date]) -> None:
    words = content.texts.documents
    days = [fill(words.reminder_day, date=plain_date(day)) for day in reminders]
    listed = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} {content.texts.wording.and_word} {days[-1]}"
    st.subheader(words.reminders_title, anchor=False)
    st.markdown(fill(words.reminders, dates=listed))
