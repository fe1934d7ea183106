"""The result of a complete set of answers: emergency flag, ordered steps and matching contacts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from lotse.content.loader import Content
from lotse.content.models import Provider, Source
from lotse.content.placeholders import step_context
from lotse.content.vocabulary import URGENCY_ORDER
from lotse.guide.matching import match_providers
from lotse.guide.walk import Answer, resolve


@dataclass(frozen=True)
class RenderedStep:
    id: str
    title: str
    text: str
    """Markdown, placeholders filled in. Raw HTML in it is never rendered as HTML."""
    urgency: str
    sources: tuple[Source, ...]
    advisor_note: str | None


@dataclass(frozen=True)
class Result:
    answers: dict[str, Answer]
    emergency: bool
    steps: list[RenderedStep]
    contacts: list[Provider]

    def to_json(self) -> dict[str, Any]:
        return {
            "emergency": self.emergency,
            "steps": [{"id": s.id, "title": s.title, "text": s.text, "urgency": s.urgency} for s in self.steps],
            "contacts": [contact_json(p) for p in self.contacts],
        }


def compute_result(content: Content, answers: Mapping[str, Any]) -> Result:
    """Raises AnswerError when the answers do not fit the flow."""
    effective = resolve(content, answers)
    scope = dict(effective)
    steps = [
        _render(compiled, content, scope)
        for compiled in content.steps
        if compiled.condition is None or compiled.condition.holds(scope)
    ]
    steps.sort(key=lambda s: URGENCY_ORDER.index(s.urgency))  # stable: file order within one urgency
    return Result(
        answers=effective,
        emergency=effective["danger"] == "yes",
        steps=steps,
        contacts=match_providers(content.providers, effective),
    )


def _render(compiled: Any, content: Content, scope: dict[str, Any]) -> RenderedStep:
    step = compiled.step
    text = compiled.template.render(step_context(content.flow, scope)).strip()
    return RenderedStep(step.id, step.title, text, step.urgency, tuple(step.sources), step.advisor_note)


def contact_json(provider: Provider) -> dict[str, Any]:
    data = provider.model_dump(mode="json")
    data["states"] = list(provider.states)
    data["tel"] = provider.tel_link()
    return data
