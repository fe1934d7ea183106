"""flows/safety.yaml, the Sicherheits-Check: areas of short items, each with who does it, a default
"by when" in days, an optional contact and at least one source.

There is no score on purpose: a number would pretend to measure safety. The file is optional (a content
tree for a test may leave it out); where it exists, the loader reads it with the other files, so
`lotse check` reports its mistakes with file and line like every other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from lotse.content.problems import Problem
from lotse.content.schema import Day, Slug, Source, Strict, Text
from lotse.content.yamlfile import YamlFile

SAFETY_FILE = "flows/safety.yaml"
ANSWERS = ("done", "open", "not_applicable")
"""The three answers to every item, in the order the page shows them (their words are in `words`)."""
OPEN = "open"
MAX_DAYS = 366


class SafetyWords(Strict):
    """Every word of the page, the PDF and the calendar file of the check."""

    title: Text
    intro: Text
    privacy: Text
    emergency: Text
    done: Text
    open: Text
    not_applicable: Text
    plan_heading: Text
    plan_intro: Text
    plan_empty: Text
    who_label: Text
    due_label: Text
    contact_label: Text
    phone_label: Text
    web_label: Text
    source_label: Text
    pdf_button: Text
    pdf_name: Text
    word_button: Text
    word_name: Text
    calendar_button: Text
    calendar_name: Text
    to_case_button: Text
    """Carries the open items into the session's case (page "Mein Fall"), to be saved with it."""
    to_case_done: Text
    to_case_link: Text
    reset: Text
    pdf_title: Text
    pdf_date: Text
    pdf_intro: Text
    pdf_footer: Text
    pdf_reviewed: Text
    calendar_prefix: Text
    training_kind: Text
    """The trainer page: the word before a safety case's title in the list, and its screens' headings."""
    training_answers: Text
    training_plan: Text
    training_expected: Text
    training_first: Text

    def answer(self, value: str) -> str:
        """The words of one of `ANSWERS`."""
        return str(getattr(self, value))


class SafetyItem(Strict):
    id: Slug
    text: Text
    """How it should be, in one or two short sentences (the person says whether it is so)."""
    who: Text
    days: int = Field(ge=0, le=MAX_DAYS)
    """The default "by when": days from the day the plan is made."""
    contact: Slug | None = None
    """An id of providers.yaml."""
    sources: list[Source] = Field(min_length=1)


class SafetyArea(Strict):
    id: Slug
    title: Text
    items: list[SafetyItem] = Field(min_length=1)


class SafetyExpected(Strict):
    items: list[Slug] = Field(min_length=1)
    """Items that must be in the plan (answered `open`)."""
    first: Slug | None = None
    """The item the plan must start with: the soonest (fewest `days`, file order within a day)."""


class SafetyScenario(Strict):
    """A case for the trainer page: a story, the answers a person in it would give, what the plan holds."""

    id: Slug
    title: Text
    story: Text
    learning_goals: list[Text] = Field(min_length=1)
    answers: dict[Slug, Literal["done", "open", "not_applicable"]] = Field(min_length=1)
    expected: SafetyExpected


class SafetyFile(Strict):
    reviewed: Day
    words: SafetyWords
    areas: list[SafetyArea] = Field(min_length=1)
    scenarios: list[SafetyScenario] = Field(default_factory=list)
    """Trainer cases (page "Training"); `lotse check` computes each plan and compares it with `expected`."""

    def scenario(self, scenario_id: str) -> SafetyScenario | None:
        return next((s for s in self.scenarios if s.id == scenario_id), None)

    def items(self) -> Iterator[tuple[SafetyArea, SafetyItem]]:
        """Every item with its area, in file order."""
        for area in self.areas:
            for item in area.items:
                yield area, item


def safety_problems(safety: SafetyFile, source: YamlFile, provider_ids: set[str]) -> list[Problem]:
    """Ids used twice (areas, items across all areas) and contacts that providers.yaml does not have."""
    problems: list[Problem] = []
    areas: set[str] = set()
    items: set[str] = set()
    for a, area in enumerate(safety.areas):
        if area.id in areas:
            problems.append(source.problem(("areas", a, "id"), f"Den Bereich '{area.id}' gibt es schon."))
        areas.add(area.id)
        for i, item in enumerate(area.items):
            path = ("areas", a, "items", i)
            if item.id in items:
                problems.append(
                    source.problem(path + ("id",), f"Den Punkt '{item.id}' gibt es schon. IDs müssen eindeutig sein.")
                )
            items.add(item.id)
            if item.contact is not None and item.contact not in provider_ids:
                problems.append(
                    source.problem(
                        path + ("contact",),
                        f"Die Ansprechstelle '{item.contact}' gibt es in providers.yaml nicht. "
                        "Nennen Sie eine ID von dort oder lassen Sie 'contact' weg.",
                    )
                )
    return problems
