"""Typed models of the content files. Unknown keys are refused everywhere (extra="forbid").

The literal sets (incident values, states, provider kinds, urgencies) come from `vocabulary`, so a
value is defined once. A question owns its answers: parsing, validation, labels and its default.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from lotse.content import validators
from lotse.content.problems import AnswerRefusalError
from lotse.content.vocabulary import (
    DATE_USES,
    INCIDENTS,
    NATIONWIDE,
    POLICE_RELATION_VALUES,
    PROVIDER_KIND_VALUES,
    REPORT_ROUTES,
    STATES,
    TRI_STATES,
    URGENCIES,
    VERIFIED_HOW,
    YES_NO_UNKNOWN,
)

Slug = Annotated[str, AfterValidator(validators.slug)]
Key = Annotated[str, AfterValidator(validators.key)]
Value = Annotated[str, AfterValidator(validators.answer_value)]
HttpsUrl = Annotated[str, AfterValidator(validators.https_url)]
Phone = Annotated[str, AfterValidator(validators.phone)]
Email = Annotated[str, AfterValidator(validators.email)]
Text = Annotated[str, Field(min_length=1), AfterValidator(validators.plain_text)]
OptionalText = Annotated[str, AfterValidator(validators.plain_text)]
Day = Annotated[date, BeforeValidator(validators.day)]
SourceDate = Annotated[str, BeforeValidator(validators.source_date)]
Incident = Literal[INCIDENTS]  # type: ignore[valid-type]
StateOrNationwide = Literal[(NATIONWIDE, *STATES)]  # type: ignore[valid-type]
ProviderKind = Literal[PROVIDER_KIND_VALUES]  # type: ignore[valid-type]
PoliceRelation = Literal[POLICE_RELATION_VALUES]  # type: ignore[valid-type]
Urgency = Literal[URGENCIES]  # type: ignore[valid-type]
TriState = Literal[TRI_STATES]  # type: ignore[valid-type]
YesNoUnknown = Literal[YES_NO_UNKNOWN]  # type: ignore[valid-type]
ReportRoute = Literal[REPORT_ROUTES]  # type: ignore[valid-type]
VerifiedHow = Literal[VERIFIED_HOW]  # type: ignore[valid-type]
DateUse = Literal[DATE_USES]  # type: ignore[valid-type]
Answer = str | list[str]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- flows/guide.yaml ---------------------------------------------------------------------------


class Option(Strict):
    value: Value
    label: Text
    hint: OptionalText | None = None
    exclusive: bool = False

    @property
    def text(self) -> str:
        """Label and hint as one plain line: also the accessible name of its widget (no Markdown)."""
        return f"{self.label} ({self.hint})" if self.hint else self.label


class Rule(Strict):
    """One branch: go `to` a node if the condition `if` holds (no `if`: always)."""

    condition: str | None = Field(default=None, alias="if")
    to: str
    """A node id; the loader checks that it exists and suggests the closest one."""


Next = str | list[Rule]


class DateField(Strict):
    """An exact date asked on the screen of a question, next to its answers. Optional for the person;
    it lives only in the session and makes a deadline exact (or dates reminders)."""

    use: DateUse
    label: Text
    help: OptionalText | None = None
    only_for: list[Value] = Field(default_factory=list)
    """The answers with which the date is asked; empty: with every answer."""

    def applies_to(self, answer: Answer | None) -> bool:
        return answer is not None and (not self.only_for or answer in self.only_for)


class QuestionNode(Strict):
    """A question, and everything about its answers: which values exist, how they read, which stand alone."""

    type: Literal["question"]
    text: Text
    help: OptionalText | None = None
    advisor_note: OptionalText | None = None
    multiple: bool = False
    options: list[Option] = Field(min_length=2)
    default: Value | list[Value] | None = None
    dates: list[DateField] = Field(default_factory=list)
    """Exact dates asked with this question (single choice only; at most one per answer)."""
    next: Next

    def date_for(self, answer: Answer | None) -> DateField | None:
        """The date asked together with `answer`, if any."""
        return next((asked for asked in self.dates if asked.applies_to(answer)), None)

    def option_values(self) -> tuple[str, ...]:
        return tuple(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)

    def label_of(self, value: str) -> str:
        option = self.option(value)
        return option.label if option else value

    def labels(self, answer: Answer | None) -> list[str]:
        """The labels of an answer, in the order given."""
        if answer is None:
            return []
        return [self.label_of(value) for value in (answer if isinstance(answer, list) else [answer])]

    @property
    def default_answer(self) -> Answer | None:
        if self.default is None:
            return None
        return list(self.default) if isinstance(self.default, list) else self.default

    def parse(self, raw: str) -> Answer:
        """An answer as typed on the command line: several values of a multiple-choice question by commas."""
        if self.multiple:
            return [part.strip() for part in raw.split(",") if part.strip()]
        return raw.strip()

    def validate_answer(self, key: str, answer: Any) -> Answer:
        """The answer as this question accepts it; AnswerRefusalError (an AnswerError) otherwise."""
        values = self._as_values(key, answer)
        allowed = self.option_values()
        bad = [value for value in values if value not in allowed]
        if bad or not values:
            shown = ",".join(str(value) for value in (bad or values))[:80]
            raise AnswerRefusalError("answer_not_allowed", key=key, shown=shown, allowed=", ".join(allowed))
        if len(set(values)) != len(values):
            raise AnswerRefusalError("answer_twice", key=key)
        self.check_exclusive(values)
        return list(values) if self.multiple else values[0]

    def check_exclusive(self, values: Sequence[str]) -> None:
        """The one message for an option that stands alone ("Noch nichts …") chosen with others."""
        if len(values) < 2:
            return
        for option in self.options:
            if option.exclusive and option.value in values:
                raise AnswerRefusalError("answer_exclusive", option=option.label, question=self.text)

    def _as_values(self, key: str, answer: Any) -> list[str]:
        """The values of an answer; a multiple-choice answer must be a list (never split a text)."""
        if self.multiple:
            if isinstance(answer, (list, tuple)) and all(isinstance(value, str) for value in answer):
                return list(answer)
            raise AnswerRefusalError("answer_list", key=key, example=self.options[0].value)
        if isinstance(answer, str):
            return [answer]
        raise AnswerRefusalError("answer_single", key=key, example=self.options[0].value)


class InfoNode(Strict):
    type: Literal["info"]
    title: Text
    text: Text
    advisor_note: OptionalText | None = None
    next: Next


class ResultNode(Strict):
    type: Literal["result"]
    title: Text
    text: OptionalText | None = None


Node = Annotated[QuestionNode | InfoNode | ResultNode, Field(discriminator="type")]


class Flow(Strict):
    id: Slug
    title: Text
    reviewed: Day
    start: Key
    asked_on_start: Key | None = None
    """The start question, answered by the start page's buttons (its default on the main button, each other
    option on a button below it); the guide then opens at the screen after it."""
    nodes: dict[Key, Node] = Field(min_length=1)

    def questions(self) -> Mapping[str, QuestionNode]:
        """The question nodes, in file order: worked out once per flow (the check's walks ask at every step,
        which made a flow of 1,500 info screens quadratic, issue 19), read-only because it is shared."""
        return self.question_nodes

    @functools.cached_property
    def question_nodes(self) -> Mapping[str, QuestionNode]:
        return MappingProxyType({key: node for key, node in self.nodes.items() if isinstance(node, QuestionNode)})

    def defaults(self) -> Mapping[str, Answer]:
        """The default answer of every question that has one (the scope of a rule before any answer)."""
        return self.default_answers

    @functools.cached_property
    def default_answers(self) -> Mapping[str, Answer]:
        return MappingProxyType(
            {key: q.default_answer for key, q in self.questions().items() if q.default_answer is not None}
        )


# --- flows/steps.yaml ---------------------------------------------------------------------------


class Source(Strict):
    label: Text
    url: HttpsUrl


class UrgencyRule(Strict):
    """One rule of a step's urgency: `then` if the condition `if` holds (no `if`: always, the last rule)."""

    condition: str | None = Field(default=None, alias="if")
    then: Urgency


class TextVariant(Strict):
    """Another text of a step, shown instead of `text` when the condition `if` holds (the first that
    holds wins). Besides the answers, `if` may read `dates`: the exact dates the person gave, by use."""

    condition: str = Field(alias="if")
    text: Text


class Step(Strict):
    id: Slug
    title: Text
    urgency: Urgency | list[UrgencyRule]
    """One urgency, or rules from the answers (tried from the top, the last without `if`)."""
    priority: int | None = Field(default=None, ge=1, le=99)
    """Which steps win the plan's places ("Jetzt tun", at most five): the smaller number first."""
    when: str | None = None
    text: Text
    variants: list[TextVariant] = Field(default_factory=list)
    """Other texts for some answers (e.g. by channel, or when a date is known); `text` for all others."""
    sources: list[Source] = Field(min_length=1)
    advisor_note: OptionalText | None = None
    summary: OptionalText | None = None
    """One sentence for the plan at the top of the result ("Jetzt tun"): what to do now."""
    contact: Slug | None = None
    """A contact (id in providers.yaml) whose number and address the plan shows as buttons."""


class GlanceNumber(Strict):
    """A contact for "Auf einen Blick" at the top of a result: one contact by id, or the first contact of
    the result of one of `kinds`; only where the condition `if` holds."""

    condition: str | None = Field(default=None, alias="if")
    contact: Slug | None = None
    kinds: list[ProviderKind] = Field(default_factory=list)


class GlanceRules(Strict):
    numbers: list[GlanceNumber] = Field(min_length=1)
    """Tried from the top; the first three that hold and find a contact are shown."""


class StepsFile(Strict):
    glance: GlanceRules | None = None
    steps: list[Step] = Field(min_length=1)


# --- providers.yaml -----------------------------------------------------------------------------


class Provider(Strict):
    id: Slug
    name: Text
    kind: ProviderKind
    states: list[StateOrNationwide] = Field(min_length=1)
    incidents: Literal["all"] | list[Incident] = Field(min_length=1)
    police_relation: PoliceRelation
    description: Text
    audience: OptionalText | None = None
    """Whom the offer is for, where it is not for everyone (e.g. "für Frauen"): shown on the card."""
    helps_people_around: bool = False
    """Its source says it also advises people around the affected person (family, friends, colleagues,
    witnesses): the only contacts shown to someone who helps (role `supporter`), besides the emergency numbers."""
    phone: Phone | None = None
    email: Email | None = None
    url: HttpsUrl | None = None
    hours: OptionalText | None = None
    anonymous: TriState
    free_of_charge: YesNoUnknown
    source: HttpsUrl
    source_date: SourceDate
    """The date the source states or was published: `2023`, `2023-03`, `2023-03-14`, or `undated`."""
    verified: Day
    """The day an editor compared this entry with its source."""
    verified_how: VerifiedHow
    """`live`: the source opened on the web that day; `archive`: a stored copy of it."""
    report_route: ReportRoute | None = None
    """For police entries where a report can be filed: at a station (`in_person`) or a web form (`online`)."""

    @property
    def nationwide(self) -> bool:
        return NATIONWIDE in self.states

    @property
    def incident_set(self) -> frozenset[str]:
        return frozenset(INCIDENTS) if self.incidents == "all" else frozenset(self.incidents)

    def serves(self, state: str) -> bool:
        return self.nationwide or state in self.states

    def tel_link(self) -> str | None:
        return validators.tel_uri(self.phone) if self.phone else None


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
