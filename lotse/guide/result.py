"""The result of a complete set of answers: emergency flag, the plan, ordered steps, matching contacts."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lotse.content.facts import deadline_facts
from lotse.content.loader import DATES_KEY, CompiledStep, Content
from lotse.content.placeholders import placeholder_values
from lotse.content.ranking import IN_DANGER, IN_DOUBT
from lotse.content.schema import Provider, Source
from lotse.content.vocabulary import LATER_THAN_PLAN, PLAN_LIMIT, PLAN_URGENCIES, URGENCY_ORDER
from lotse.guide.answers import AnswerSet
from lotse.guide.matching import is_deferred, match_providers
from lotse.guide.rules import urgency
from lotse.guide.walk import resolve

BEST_CONTACTS = 3
"""How many contacts a result shows before "Alle Kontakte zeigen"."""


@dataclass(frozen=True)
class RenderedStep:
    id: str
    title: str
    text: str
    """Markdown, placeholders filled in. Raw HTML in it is never rendered as HTML."""
    urgency: str
    sources: tuple[Source, ...]
    advisor_note: str | None
    summary: str | None = None
    """One sentence for the plan ("Jetzt tun")."""
    contact: str | None = None
    """Id of the contact the plan offers to call or write."""


@dataclass(frozen=True)
class Result:
    answers: AnswerSet
    """The answers it was computed from: given, effective (with the defaults), the dates that count."""
    emergency: bool
    steps: list[RenderedStep]
    """Most urgent first; within one urgency in file order."""
    contacts: list[Provider]
    """In the order shown: emergency numbers, the state's contacts, nationwide ones, deferred last."""
    deferred: frozenset[str] = field(default_factory=frozenset)
    """Ids of contacts that are police or prosecutors although the person wants no police."""
    in_doubt: bool = False
    """The person is not sure whether they are in danger (`in_doubt`): no emergency screen, but 110
    at the top of the result and "Im Zweifel: 110" (texts: result.in_doubt)."""

    @property
    def plan(self) -> list[RenderedStep]:
        """The steps to take now (urgency immediate or today): the short plan at the top."""
        return [step for step in self.steps if step.urgency in PLAN_URGENCIES]

    @property
    def more(self) -> list[RenderedStep]:
        """Every step that is not in the plan ("Mehr dazu")."""
        return [step for step in self.steps if step.urgency not in PLAN_URGENCIES]

    @property
    def main_contacts(self) -> list[Provider]:
        """The contacts shown first: those the steps name (`contact:`) in step order, then the others."""
        named = [step.contact for step in self.steps if step.contact]
        main = [p for p in self.contacts if p.id not in self.deferred]
        return sorted(main, key=lambda p: named.index(p.id) if p.id in named else len(named))

    @property
    def best_contacts(self) -> list[Provider]:
        """The contacts that fit best: the first `BEST_CONTACTS` of `main_contacts`."""
        return self.main_contacts[:BEST_CONTACTS]

    @property
    def other_contacts(self) -> list[Provider]:
        """The rest of `main_contacts` ("Alle Kontakte zeigen"); the deferred ones stay apart."""
        return self.main_contacts[BEST_CONTACTS:]

    @property
    def deferred_contacts(self) -> list[Provider]:
        return [p for p in self.contacts if p.id in self.deferred]

    def to_json(self) -> dict[str, Any]:
        return {
            "emergency": self.emergency,
            "in_doubt": self.in_doubt,
            "steps": [{"id": s.id, "title": s.title, "text": s.text, "urgency": s.urgency} for s in self.steps],
            "contacts": [contact_json(p, p.id in self.deferred) for p in self.contacts],
        }


def compute_result(
    content: Content,
    answers: Mapping[str, Any],
    dates: Collection[str] = (),
    days_left: Mapping[str, int] | None = None,
) -> Result:
    """The result of raw answers (the commands, the trainer, the tests); raises AnswerError when they do not
    fit the flow. `dates` are the uses of the exact dates the person gave (e.g. 'strafantrag'), for a
    caller that holds no dates: otherwise `result_for` with the answer set."""
    return _result(content, resolve(content, answers), dates, days_left)


def result_for(content: Content, answers: AnswerSet, days_left: Mapping[str, int] | None = None) -> Result:
    """The result of a complete answer set (`resolve`). A step's text variant may read the uses of its dates
    (never the dates themselves). `days_left` are the days each known deadline leaves, by use, as
    `lotse.documents.dates.days_left` counts them: urgency rules and variants read them as `days_left_…`
    facts (lotse.content.facts); a use without a date that counts counts as unknown."""
    return _result(content, answers, answers.dates, days_left)


def _result(
    content: Content, answers: AnswerSet, dates: Collection[str], days_left: Mapping[str, int] | None
) -> Result:
    effective = answers.effective
    values = placeholder_values(content.flow, content.texts, effective)
    counted = {use: days for use, days in (days_left or {}).items() if use in dates}
    scope = {**effective, DATES_KEY: sorted(dates), **deadline_facts(counted)}
    steps = [
        render_step(compiled, values, level, scope) for compiled, level in plan_cut(shown_steps(content.steps, scope))
    ]
    steps.sort(key=lambda s: URGENCY_ORDER.index(s.urgency))  # stable: plan order, then file order
    ranking = content.ranking
    contacts = match_providers(content.providers, effective, ranking)
    return Result(
        answers=answers,
        emergency=ranking.holds(IN_DANGER, effective),
        steps=steps,
        contacts=contacts,
        deferred=frozenset(p.id for p in contacts if is_deferred(p, effective, ranking)),
        in_doubt=ranking.holds(IN_DOUBT, effective),
    )


def shown_steps(steps: Iterable[CompiledStep], scope: Mapping[str, Any]) -> list[tuple[CompiledStep, str]]:
    """The steps whose `when` holds for the effective answers in `scope`, each with its urgency for them
    (its rules may read the dates known and the derived facts; missing ones count as none known)."""
    scope = {DATES_KEY: [], **deadline_facts({}), **scope}
    return [
        (compiled, urgency(compiled, scope))
        for compiled in steps
        if compiled.condition is None or compiled.condition.holds(scope)
    ]


def plan_cut(shown: list[tuple[CompiledStep, str]]) -> list[tuple[CompiledStep, str]]:
    """The plan first (at most `PLAN_LIMIT` steps: by urgency, then the steps' `priority`, then file order),
    then every other step in file order. A plan step that finds no place counts as `LATER_THAN_PLAN`."""
    candidates = [pair for pair in shown if pair[1] in PLAN_URGENCIES]
    candidates.sort(key=lambda pair: (URGENCY_ORDER.index(pair[1]), _priority(pair[0])))
    plan = candidates[:PLAN_LIMIT]
    placed = {id(compiled) for compiled, _ in plan}
    rest = [
        (compiled, level if level not in PLAN_URGENCIES else LATER_THAN_PLAN)
        for compiled, level in shown
        if id(compiled) not in placed
    ]
    return plan + rest


def _priority(compiled: CompiledStep) -> int:
    """A step without `priority` comes after every step with one."""
    return compiled.step.priority if compiled.step.priority is not None else 100


def render_step(
    compiled: CompiledStep, values: Mapping[str, str], level: str, scope: Mapping[str, Any] | None = None
) -> RenderedStep:
    """The step as shown: its first text variant whose condition holds for `scope` (the effective answers
    and `dates`), else its text."""
    step = compiled.step
    variant = next((v for v in compiled.variants if scope is not None and v.condition.holds(scope)), None)
    text = (variant.text if variant else compiled.text).render(values).strip()
    return RenderedStep(
        step.id, step.title, text, level, tuple(step.sources), step.advisor_note, step.summary, step.contact
    )


def contact_json(provider: Provider, deferred: bool = False) -> dict[str, Any]:
    data = provider.model_dump(mode="json")
    data["tel"] = provider.tel_link()
    data["deferred"] = deferred
    return data
