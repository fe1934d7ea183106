"""Typed model of flows/documents.yaml (unknown keys are refused, like every content file)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from lotse.content.schema import Incident, Key, Slug, Source, Strict, Text
from lotse.content.vocabulary import STATES

DeadlineId = Literal["strafantrag", "beschwerde"]
StateCode = Literal[STATES]  # type: ignore[valid-type]
FieldKind = Literal["line", "text", "date", "offences", "state"]
LetterForm = Literal["letter", "statement"]
"""`letter`: a letter with letterhead, date line, greeting and signature line. `statement`: a text to
publish (a public statement, a statement of solidarity): its title and body only."""


def _filename(value: str) -> str:
    if not value.replace("-", "").isalnum() or not value.isascii():
        raise ValueError(f"'{value}' ist kein Dateiname. Erlaubt: Buchstaben ohne Umlaute, Ziffern und '-'.")
    return value


FileStem = Annotated[str, AfterValidator(_filename)]


class CalendarTexts(Strict):
    summary: Text
    description: Text
    alarm: Text


class DeadlineTexts(Strict):
    title: Text
    start_label: Text
    open: Text
    today: Text
    passed: Text
    moved: Text
    holiday: Text
    rule: Text
    counted: Text
    """Which holidays were counted when the office's state is known."""
    counted_safe: Text
    """… when it is not: only those of every state."""
    later_somewhere: Text
    """The safe day is a holiday in some state: the deadline may end later at the office's seat."""
    advice: Text
    passed_advice: Text
    calendar: CalendarTexts
    sources: list[Source] = Field(min_length=1)


class LocalHolidays(Strict):
    """A state's holidays kept only in some of its towns, which no deadline counts."""

    text: Text
    sources: list[Source] = Field(min_length=1)


class HolidayTexts(Strict):
    everywhere: Text
    """Stands for the state's name where only the holidays of every state were counted."""
    local: dict[StateCode, LocalHolidays] = Field(default_factory=dict)


class StatusReminder(Strict):
    after_months: list[Annotated[int, Field(ge=1, le=24)]] = Field(min_length=1)
    summary: Text
    description: Text


class HandoutTexts(Strict):
    title: Text
    date_line: Text
    privacy: Text
    emergency: Text
    plan_heading: Text
    plan_intro: Text
    steps_heading: Text
    contacts_heading: Text
    contacts_intro: Text
    phone_label: Text
    email_label: Text
    url_label: Text
    hours_label: Text
    source_numbers: Text
    checked_live: Text
    """A contact whose source was opened live on `verified` (`verified_how: live`)."""
    checked_archive: Text
    """… compared with a stored copy of the source (`verified_how: archive`)."""
    source_date: Text
    footer: Text
    actions_heading: Text
    numbers_heading: Text
    now_heading: Text
    now_empty: Text
    best_contacts_heading: Text
    more_heading: Text
    more_intro: Text
    sources_heading: Text
    contact_source: Text


class LetterWords(Strict):
    recipient_missing: Text
    closing: Text
    checklist_title: Text
    disclaimer: Text
    todo_title: Text
    send_to_title: Text
    routes_intro: Text
    sources_title: Text
    advice_title: Text
    unsupported_chars: Text
    statement_checklist_title: Text
    """The words of a statement's page for the user (`form: statement`): it is published, not sent."""
    statement_disclaimer: Text
    statement_todo_title: Text
    statement_send_to_title: Text
    statement_sources_title: Text


class FieldDef(Strict):
    label: Text
    help: str | None = None
    kind: FieldKind
    max_length: int = Field(default=200, ge=1, le=20000)
    past_only: bool = False
    """Only for dates: a day in the future is refused (e.g. the day one learned of the act)."""
    placeholder: str | None = None
    """Only for `state`: what the empty choice says ("Weiß ich nicht")."""


class Offence(Strict):
    value: Key
    name: Text
    """As it stands in the letter, followed by the paragraph: 'Beleidigung (§ 185 StGB)'."""
    hint: Text
    """Plain words for the form."""
    law: Text
    incidents: list[Incident] = Field(default_factory=list)
    source: Source


class FieldUse(Strict):
    field: Key
    required: bool = False
    in_view: bool = False
    """Optional, but shown with the required fields, not behind the switch (Aktenzeichen, addressee)."""
    label: str | None = None
    help: str | None = None


class Block(Strict):
    """One part of a letter's body: a paragraph, a heading, or the list of chosen offences."""

    text: str | None = None
    heading: str | None = None
    offence_list: bool = False
    style: Literal["normal", "strong"] = "normal"
    needs: list[Key] = Field(default_factory=list)
    unless: list[Key] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)


class Letter(Strict):
    id: Slug
    title: Text
    summary: Text
    file: FileStem
    fits: Text
    deadline: DeadlineId | None = None
    form: LetterForm = "letter"
    fields: list[FieldUse] = Field(min_length=1)
    sender: Text | None = None
    """The letterhead (every `form: letter` needs it and `recipient`; a statement has neither)."""
    recipient: Text | None = None
    subject: Text
    body: list[Block] = Field(min_length=1)
    checklist: list[Text] = Field(min_length=1)
    send_to: Text
    routes: list[Slug] = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    example: dict[Key, str | list[str]]

    def field_names(self) -> list[str]:
        return [use.field for use in self.fields]


class DocumentsFile(Strict):
    reviewed: date
    advice: list[Slug] = Field(min_length=1)
    deadlines: dict[DeadlineId, DeadlineTexts]
    holidays: HolidayTexts
    status_reminder: StatusReminder
    handout: HandoutTexts
    letter_words: LetterWords
    fields: dict[Key, FieldDef]
    offences: list[Offence] = Field(min_length=1)
    letters: list[Letter] = Field(min_length=1)
