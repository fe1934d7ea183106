"""A result as Markdown or plain text: to keep a record, to read out on the phone or paste into an
e-mail. The same text serves the self-guided download and the advisor's call summary."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from lotse.content.loader import Content
from lotse.content.models import Provider
from lotse.content.vocabulary import NATIONWIDE, STATE_NAMES, URGENCY_LABELS
from lotse.guide.result import Result

RESULT_TITLE = "Lotse: Ihre nächsten Schritte"
CALL_TITLE = "Lotse: Zusammenfassung des Beratungsgesprächs"
_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
"""Bold and italic with asterisks, as the content writes them. Underscores stay: they occur in URLs."""


def answers_lines(content: Content, answers: Mapping[str, Any]) -> list[str]:
    questions = content.questions()
    lines = []
    for key, value in answers.items():
        if key not in questions:
            continue
        lines.append(f"- {questions[key].text} {_join_labels(questions[key].labels(value))}")
    return lines


def _join_labels(labels: list[str]) -> str:
    """Labels that are sentences ("Ich wurde bedroht.") follow each other; others get commas."""
    return " ".join(labels) if all(label.endswith((".", "?", "!")) for label in labels) else ", ".join(labels)


def contact_summary(provider: Provider) -> str:
    where = "bundesweit" if NATIONWIDE in provider.states else ", ".join(STATE_NAMES[s] for s in provider.states)
    channels = [c for c in (provider.phone and f"Tel. {provider.phone}", provider.email, provider.url) if c]
    hours = f" ({provider.hours})" if provider.hours else ""
    return f"- **{provider.name}** ({where}): {', '.join(channels)}{hours}"


def result_markdown(
    content: Content,
    result: Result,
    notes: str | None = None,
    *,
    title: str = RESULT_TITLE,
    answers: Mapping[str, Any] | None = None,
    subtitle: str | None = None,
) -> str:
    """`answers` replaces the result's answers in "Ihre Angaben" (e.g. only those actually given)."""
    parts = [f"# {title}", ""]
    if subtitle:
        parts += [subtitle, ""]
    if result.emergency:
        parts += ["**Notfall: Polizei 110, Rettungsdienst 112.**", ""]
    shown = result.answers if answers is None else answers
    parts += ["## Ihre Angaben", *answers_lines(content, shown), "", "## Nächste Schritte"]
    for number, step in enumerate(result.steps, start=1):
        parts += ["", f"### {number}. {step.title} ({URGENCY_LABELS[step.urgency]})", "", step.text]
        parts.append("Quelle: " + ", ".join(f"{s.label} ({s.url})" for s in step.sources))
    parts += ["", "## Ansprechstellen", *[contact_summary(p) for p in result.contacts]]
    if notes and notes.strip():
        parts += ["", "## Notizen", notes.strip()]
    parts += ["", f"Orientierung, keine Rechtsberatung. Inhalte zuletzt geprüft am {content.last_reviewed:%d.%m.%Y}."]
    return "\n".join(parts) + "\n"


def call_summary(
    content: Content,
    result: Result,
    answers: Mapping[str, Any],
    notes: str | None = None,
    include_notes: bool = False,
    day: date | None = None,
) -> str:
    """The advisor's call summary as Markdown: the answers given in the call (no assumed defaults),
    steps and contacts. The notes go in only when the advisor chose so (`include_notes`)."""
    return result_markdown(
        content,
        result,
        notes if include_notes else None,
        title=CALL_TITLE,
        answers=answers,
        subtitle=f"Gespräch vom {day:%d.%m.%Y}" if day else None,
    )


def to_plain_text(markdown: str) -> str:
    """Markdown to readable plain text: links become 'text (url)', emphasis and heading marks go."""
    text = _MARKDOWN_LINK.sub(
        lambda m: m.group(1) if m.group(1) == m.group(2) else f"{m.group(1)} ({m.group(2)})", markdown
    )
    text = _EMPHASIS.sub(r"\2", text)
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
