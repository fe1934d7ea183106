""" "Auf einen Blick": what this person needs in the next hour, above everything else on a result.

The API the result page and the handout build on (keep it stable):

    glance(content, result, deadline=None) -> Glance

- `Glance.actions`: at most three `GlanceAction`s, the first steps of the plan ("Jetzt tun") in its
  order. Each is one line (`text`, the step's title) with its step's one sentence (`summary`) and the
  contact whose call or write button it needs (`contact`, a `Provider`, or None).
- `Glance.numbers`: at most three contacts (`Provider`s: `phone`/`tel_link()`, `hours`, `url`), chosen
  by the rules in flows/steps.yaml (`glance: numbers:`): 110 where danger is named or not ruled out or a
  threat or attack is in play, the starke Stelle, the state's police route or victim support that fits.
  A contact with a phone is called, one without has its `url` or `email`.
- `Glance.deadline`: the exact deadline in words when one is known, as the caller passes it. The
  deadlines are counted in `lotse.documents` (a layer above this one), so the caller hands over the
  sentence of the nearest open one: `lotse.documents.dates.nearest_deadline(catalog, deadlines, today)`
  ("Ihre Frist endet am Montag, 21. Dezember 2026.").
- `Glance.note`: "Im Zweifel: 110" (texts: `result.in_doubt`) when the person is not sure whether they
  are in danger, else None. `Glance.title` is the heading (texts: `result.glance`).

Every word comes from the content: step titles and summaries (flows/steps.yaml), contacts
(providers.yaml), the heading and the note (texts/de.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass

from lotse.content.loader import CompiledGlanceNumber, Content
from lotse.content.schema import Provider
from lotse.guide.result import Result

GLANCE_ACTIONS = 3
GLANCE_NUMBERS = 3


@dataclass(frozen=True)
class GlanceAction:
    step: str
    """The id of the plan step."""
    text: str
    """One line: the step's title."""
    summary: str | None
    """The step's one sentence, where it has one."""
    contact: Provider | None
    """The contact whose call or write button the action needs."""


@dataclass(frozen=True)
class Glance:
    title: str
    actions: tuple[GlanceAction, ...]
    numbers: tuple[Provider, ...]
    deadline: str | None = None
    note: str | None = None

    @property
    def call_110(self) -> bool:
        """Whether 110 is among the numbers (then it is the first)."""
        return any(provider.phone == "110" for provider in self.numbers)


def glance(content: Content, result: Result, deadline: str | None = None) -> Glance:
    """ "Auf einen Blick" for `result`; `deadline` is the nearest open deadline in words, if known."""
    words = content.texts.result
    return Glance(
        title=words.glance,
        actions=glance_actions(content, result),
        numbers=glance_numbers(content, result),
        deadline=deadline,
        note=words.in_doubt if result.in_doubt else None,
    )


def glance_actions(content: Content, result: Result) -> tuple[GlanceAction, ...]:
    known = {provider.id: provider for provider in content.providers}
    return tuple(
        GlanceAction(step.id, step.title, step.summary, known.get(step.contact) if step.contact else None)
        for step in result.plan[:GLANCE_ACTIONS]
    )


def glance_numbers(content: Content, result: Result) -> tuple[Provider, ...]:
    """The first three rules of `glance: numbers:` that hold and find a contact not chosen yet."""
    chosen: list[Provider] = []
    for rule in content.glance:
        if len(chosen) == GLANCE_NUMBERS:
            break
        if rule.condition is not None and not rule.condition.holds(result.answers.effective):
            continue
        found = _contact(content, result, rule, {provider.id for provider in chosen})
        if found is not None:
            chosen.append(found)
    return tuple(chosen)


def _contact(content: Content, result: Result, rule: CompiledGlanceNumber, taken: set[str]) -> Provider | None:
    if rule.contact is not None:
        found = next((p for p in content.providers if p.id == rule.contact), None)
        return found if found is not None and found.id not in taken else None
    return next((p for p in result.main_contacts if p.kind in rule.kinds and p.id not in taken), None)
