"""The case file's model: incidents in the order the form asks (vocabulary.CASE_FIELDS), every field
bounded, checked wherever a case comes from (the page, an opened file, a JSON file on the command line).

Text is kept as typed (emoji, right-to-left scripts), but control characters, line breaks in one-line
fields and bidi overrides are refused: they could make a police file read differently from what was
typed. Limits are the model's, so the server enforces them whatever a browser sends.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Final, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from lotse.content.problems import RefusalError
from lotse.content.vocabulary import CHANNELS, INCIDENTS, STATES
from lotse.documents.deadlines import EARLIEST
from lotse.documents.forms import BIDI_CONTROLS
from lotse.documents.safety_plan import PlanItem

MAX_INCIDENTS: Final = 1000
MAX_EVIDENCE: Final = 30
MAX_STATUS_REQUESTS: Final = 20
MAX_SAFETY_TASKS: Final = 100
"""More than the Sicherheits-Check has items: a client cannot grow the file beyond this."""
LATEST: Final = date(2100, 12, 31)

Channel = Literal[CHANNELS]  # type: ignore[valid-type]
Kind = Literal[tuple(i for i in INCIDENTS if i != "none")]  # type: ignore[valid-type]
State = Literal[STATES]  # type: ignore[valid-type]
Known = Literal["yes", "no", "unknown"]


class CaseValueError(RefusalError):
    """A value the case file cannot hold, said as a code with the limit (words: texts/de.yaml, `refusals`)."""


def _clean(value: str, limit: int, multiline: bool) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not multiline and "\n" in text:
        raise CaseValueError("case_one_line")
    for char in text:
        if char != "\n" and (unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"} or char in BIDI_CONTROLS):
            raise CaseValueError("case_control", char=f"{ord(char):04X}")
    if len(text) > limit:
        raise CaseValueError("case_too_long", length=len(text), limit=limit)
    return text


def line(limit: int) -> object:
    """One line of at most `limit` characters (type for a model field)."""
    return Annotated[str, AfterValidator(lambda v: _clean(v, limit, multiline=False))]


def text(limit: int) -> object:
    """Several lines, at most `limit` characters in all."""
    return Annotated[str, AfterValidator(lambda v: _clean(v, limit, multiline=True))]


def _in_range(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise CaseValueError("case_date", date=f"{day:%d.%m.%Y}")
    return day


Day = Annotated[date, AfterValidator(_in_range)]
OffenceId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")]


class Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Part):
    """One item of evidence. The item itself (the screenshot, the letter) never goes into the file."""

    kind: line(120) = ""  # type: ignore[valid-type]
    captured_on: Day | None = None
    kept_where: line(300) = ""  # type: ignore[valid-type]


class Reports(Part):
    platform: line(200) = ""  # type: ignore[valid-type]
    platform_ticket: line(200) = ""  # type: ignore[valid-type]
    police_station: line(300) = ""  # type: ignore[valid-type]
    aktenzeichen: line(80) = ""  # type: ignore[valid-type]
    reported_on: Day | None = None
    strafantrag_on: Day | None = None
    status_requests: list[Day] = Field(default_factory=list, max_length=MAX_STATUS_REQUESTS)

    def empty(self) -> bool:
        return self == Reports()


class Incident(Part):
    """One incident, its fields in the order of vocabulary.CASE_FIELDS."""

    id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$")] = Field(default_factory=lambda: secrets.token_hex(16))
    happened_on: Day
    happened_time: line(40) = ""  # type: ignore[valid-type]
    learned_on: Day
    """The day the person knew both the act and the author: it starts the Strafantrag deadline."""
    channel: Channel | None = None
    place: line(300) = ""  # type: ignore[valid-type]
    post_url: line(2000) = ""  # type: ignore[valid-type]
    profile_url: line(2000) = ""  # type: ignore[valid-type]
    author: line(200) = ""  # type: ignore[valid-type]
    author_known: Known = "unknown"
    words: text(6000) = ""  # type: ignore[valid-type]
    context: text(2000) = ""  # type: ignore[valid-type]
    kinds: list[Kind] = Field(default_factory=list, max_length=len(INCIDENTS))
    offences: list[OffenceId] = Field(default_factory=list, max_length=20)
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_EVIDENCE)
    witnesses: text(2000) = ""  # type: ignore[valid-type]
    reports: Reports = Field(default_factory=Reports)
    effects: text(3000) = ""  # type: ignore[valid-type]
    safety: text(3000) = ""  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _learned_after_act(self) -> Incident:
        if self.learned_on < self.happened_on:
            raise CaseValueError("case_learned_before_act")
        return self

    def future_dates(self, today: date) -> list[str]:
        """The names of the date fields that lie after `today` (refused on the page and the command line)."""
        named = {"happened_on": self.happened_on, "learned_on": self.learned_on}
        return [name for name, day in named.items() if day > today]


class SafetyTask(Part):
    """An open item of the Sicherheits-Check carried into the case: what, who and by when. The text is
    kept as it was, so the file still reads the same when flows/safety.yaml changes."""

    item: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,59}$")]
    text: line(400)  # type: ignore[valid-type]
    who: line(200) = ""  # type: ignore[valid-type]
    due: Day


class Case(Part):
    """Everything the person keeps: the office's state (for holidays), the incidents and the open items
    of the Sicherheits-Check (`safety`, since format version 2)."""

    state: State | None = None
    incidents: list[Incident] = Field(default_factory=list, max_length=MAX_INCIDENTS)
    safety: list[SafetyTask] = Field(default_factory=list, max_length=MAX_SAFETY_TASKS)

    def newest_first(self) -> list[Incident]:
        return sorted(self.incidents, key=lambda i: (i.happened_on, i.happened_time), reverse=True)

    def by_author(self) -> list[tuple[str, list[Incident]]]:
        """Groups of incidents, newest first; one group per author named (spelled alike), the unnamed last."""
        groups: dict[str, list[Incident]] = {}
        for incident in self.newest_first():
            groups.setdefault(incident.author.casefold(), []).append(incident)
        named = [(items[0].author, items) for key, items in groups.items() if key]
        return named + [("", groups[""])] if "" in groups else named

    def with_incident(self, incident: Incident) -> Case:
        """A new case with `incident` added (or replacing the one with its id); refuses the 1,001st."""
        others = [i for i in self.incidents if i.id != incident.id]
        if len(others) >= MAX_INCIDENTS:
            raise CaseValueError("case_too_many", limit=MAX_INCIDENTS)
        return self.model_copy(update={"incidents": [*others, incident]})

    def without(self, incident_id: str) -> Case:
        return self.model_copy(update={"incidents": [i for i in self.incidents if i.id != incident_id]})

    def chosen(self, ids: list[str]) -> list[Incident]:
        """The incidents with these ids, oldest first (the order of a letter)."""
        wanted = set(ids)
        return sorted((i for i in self.incidents if i.id in wanted), key=lambda i: (i.happened_on, i.happened_time))

    def with_safety(self, tasks: list[SafetyTask]) -> Case:
        """A new case with these tasks added; a task for an item already there replaces it (its new date)."""
        new = {task.item for task in tasks}
        merged = [task for task in self.safety if task.item not in new] + list(tasks)
        if len(merged) > MAX_SAFETY_TASKS:
            raise CaseValueError("case_too_many_tasks", limit=MAX_SAFETY_TASKS)
        return self.model_copy(update={"safety": sorted(merged, key=lambda task: task.due)})

    def without_safety(self, item: str) -> Case:
        return self.model_copy(update={"safety": [task for task in self.safety if task.item != item]})


def safety_tasks(plan: Sequence[PlanItem]) -> list[SafetyTask]:
    """The open items of a Sicherheits-Check plan as tasks for the case file (what, who, by when)."""
    return [SafetyTask(item=entry.item.id, text=entry.item.text, who=entry.item.who, due=entry.due) for entry in plan]
