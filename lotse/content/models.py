"""Typed models of the content files. Unknown keys are refused everywhere (extra="forbid")."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from lotse.content.vocabulary import INCIDENTS, NATIONWIDE, PROVIDER_KINDS, STATES

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_PATTERN = re.compile(r"^[A-Za-z0-9_]+$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 /-]*[0-9]$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")


def _slug(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError(f"'{value}' ist keine gültige ID. Erlaubt: Kleinbuchstaben, Ziffern und Bindestriche.")
    return value


def _key(value: str) -> str:
    if not KEY_PATTERN.match(value):
        raise ValueError(f"'{value}' ist kein gültiger Name. Erlaubt: Kleinbuchstaben, Ziffern und '_'.")
    return value


def _value(value: str) -> str:
    if not VALUE_PATTERN.match(value):
        raise ValueError(f"'{value}' ist kein gültiger Antwortwert. Erlaubt: Buchstaben, Ziffern und '_'.")
    return value


def _https(value: str) -> str:
    if not value.startswith("https://") or " " in value or len(value) < 12:
        raise ValueError(f"'{value}' ist keine sichere Adresse. Links müssen mit https:// beginnen.")
    return value


def _phone(value: str) -> str:
    if not PHONE_PATTERN.match(value):
        raise ValueError(
            f"Telefonnummer '{value}' hat ein ungültiges Format. "
            "Erlaubt sind Ziffern, Leerzeichen, '-', '/' und ein '+' am Anfang, z. B. 0800 300 99 44."
        )
    return value


def _email(value: str) -> str:
    if not EMAIL_PATTERN.match(value):
        raise ValueError(f"'{value}' ist keine gültige E-Mail-Adresse.")
    return value


SOURCE_DATE_PATTERN = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def _source_date(value: object) -> str:
    """A year, a month or a day, as written by the source: kept as text in ISO order."""
    text = value.isoformat() if isinstance(value, date) else str(value)
    match = SOURCE_DATE_PATTERN.match(text)
    if match is None or isinstance(value, bool):
        raise ValueError(
            f"'{value}' ist kein Quellen-Datum. Schreiben Sie das Jahr (2023), den Monat (2023-03) "
            "oder den Tag (2023-03-14), so genau, wie die Quelle es angibt."
        )
    if match.group(3):
        date.fromisoformat(text)  # refuses 2023-02-30
    return text


Slug = Annotated[str, AfterValidator(_slug)]
Key = Annotated[str, AfterValidator(_key)]
Value = Annotated[str, AfterValidator(_value)]
HttpsUrl = Annotated[str, AfterValidator(_https)]
Phone = Annotated[str, AfterValidator(_phone)]
Email = Annotated[str, AfterValidator(_email)]
Text = Annotated[str, Field(min_length=1)]
SourceDate = Annotated[str | int | date, AfterValidator(_source_date)]
Incident = Literal[INCIDENTS]  # type: ignore[valid-type]
StateOrNationwide = Literal[(NATIONWIDE, *STATES)]  # type: ignore[valid-type]
ProviderKind = Literal[tuple(PROVIDER_KINDS)]  # type: ignore[valid-type]
Urgency = Literal["immediate", "today", "soon", "later"]
TriState = Literal["yes", "no", "on_request", "unknown"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- flows/guide.yaml ---------------------------------------------------------------------------


class Option(Strict):
    value: Value
    label: Text
    hint: str | None = None
    exclusive: bool = False


class Rule(Strict):
    """One branch: go `to` a node if the condition `if` holds (no `if`: always)."""

    condition: str | None = Field(default=None, alias="if")
    to: Key


Next = Key | list[Rule]


class QuestionNode(Strict):
    type: Literal["question"]
    text: Text
    help: str | None = None
    advisor_note: str | None = None
    multiple: bool = False
    options: list[Option] = Field(min_length=2)
    default: Value | list[Value] | None = None
    next: Next

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def label_of(self, value: str) -> str:
        return next((o.label for o in self.options if o.value == value), value)


class InfoNode(Strict):
    type: Literal["info"]
    title: Text
    text: Text
    advisor_note: str | None = None
    next: Next


class ResultNode(Strict):
    type: Literal["result"]
    title: Text
    text: str | None = None


Node = Annotated[QuestionNode | InfoNode | ResultNode, Field(discriminator="type")]


class Flow(Strict):
    id: Slug
    title: Text
    reviewed: date
    start: Key
    nodes: dict[Key, Node] = Field(min_length=1)

    def questions(self) -> dict[str, QuestionNode]:
        return {key: node for key, node in self.nodes.items() if isinstance(node, QuestionNode)}


# --- flows/steps.yaml ---------------------------------------------------------------------------


class Source(Strict):
    label: Text
    url: HttpsUrl


class Step(Strict):
    id: Slug
    title: Text
    urgency: Urgency
    when: str | None = None
    text: Text
    sources: list[Source] = Field(min_length=1)
    advisor_note: str | None = None


class StepsFile(Strict):
    steps: list[Step] = Field(min_length=1)


# --- providers.yaml -----------------------------------------------------------------------------


class Provider(Strict):
    id: Slug
    name: Text
    kind: ProviderKind
    states: list[StateOrNationwide] = Field(min_length=1)
    incidents: Literal["all"] | list[Incident] = Field(min_length=1)
    police_relation: Literal["police", "law_enforcement", "forwards", "independent"]
    description: Text
    phone: Phone | None = None
    email: Email | None = None
    url: HttpsUrl | None = None
    hours: str | None = None
    anonymous: TriState
    free_of_charge: Literal["yes", "no", "unknown"]
    source: HttpsUrl
    source_date: SourceDate | None = None
    """The date the source states or was published: `2023`, `2023-03` or `2023-03-14`."""
    verified: date
    """The day an editor compared this entry with its source."""
    verified_how: Literal["live", "archive"] | None = None
    """`live`: the source opened on the web that day; `archive`: a stored copy of it."""
    report_route: Literal["in_person", "online"] | None = None
    """For police entries where a report can be filed: at a station (`in_person`) or a web form (`online`)."""

    @property
    def nationwide(self) -> bool:
        return NATIONWIDE in self.states

    @property
    def incident_set(self) -> frozenset[str]:
        return frozenset(INCIDENTS) if self.incidents == "all" else frozenset(self.incidents)

    def tel_link(self) -> str | None:
        return "tel:" + re.sub(r"[ /-]", "", self.phone) if self.phone else None


class ProvidersFile(Strict):
    providers: list[Provider] = Field(min_length=1)


# --- flows/scenarios.yaml -----------------------------------------------------------------------


class Expectation(Strict):
    steps: list[Slug] = Field(default_factory=list)
    contacts: list[Slug] = Field(default_factory=list)
    absent_steps: list[Slug] = Field(default_factory=list)
    absent_contacts: list[Slug] = Field(default_factory=list)
    first_contact: Slug | None = None


class Scenario(Strict):
    id: Slug
    title: Text
    story: Text
    answers: dict[Key, str | list[str]]
    learning_goals: list[Text] = Field(min_length=1)
    expected: Expectation
    compare_with: Slug | None = None
    """Another scenario that differs in one answer: the trainer page offers it for the comparison."""


class ScenariosFile(Strict):
    scenarios: list[Scenario] = Field(min_length=1)
