"""A result in sections and as a document: the plan first, then the answer to the person's own question,
then everything else. The same sections serve the result page, the saved file and the advisor's
one-page call summary; every word comes from texts/de.yaml (`summary`, `result`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from lotse.content.loader import Content
from lotse.content.schema import Provider
from lotse.content.texts import fill
from lotse.content.vocabulary import PLAN_URGENCIES, URGENCIES
from lotse.guide.result import RenderedStep, Result

_MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
"""Bold and italic with asterisks, as the content writes them. Underscores stay: they occur in URLs."""


@dataclass(frozen=True)
class Sections:
    plan: list[RenderedStep]
    """The steps to take now (urgency immediate or today), at most five (lotse check)."""
    own: list[tuple[str, list[RenderedStep]]]
    """(heading, steps) answering a question the person answered themselves (texts: result.own_questions)."""
    more: list[tuple[str, list[RenderedStep]]]
    """(urgency label, steps): everything else, most urgent first."""


def result_sections(content: Content, result: Result) -> Sections:
    """The result in the order it is shown. A step moves up to `own` when its condition reads a question
    listed in `result.own_questions` that the person answered (given, not a default)."""
    given = result.answers.given
    conditions = {compiled.step.id: compiled.condition for compiled in content.steps}
    own: list[tuple[str, list[RenderedStep]]] = []
    lifted: set[str] = set()
    for key, heading in content.texts.result.own_questions.items():
        if key not in given:
            continue
        steps = []
        for step in result.more:
            condition = conditions.get(step.id)
            if step.id not in lifted and condition is not None and key in condition.names:
                steps.append(step)
                lifted.add(step.id)
        if steps:
            own.append((heading, steps))
    labels = content.texts.labels.urgencies
    more = []
    for urgency in URGENCIES:
        if urgency in PLAN_URGENCIES:
            continue
        group = [step for step in result.more if step.urgency == urgency and step.id not in lifted]
        if group:
            more.append((labels[urgency], group))
    return Sections(result.plan, own, more)


def given_in_order(content: Content, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers actually given, in the order of the questions (never an assumed default)."""
    return {key: answers[key] for key in content.questions() if key in answers}


def answers_lines(content: Content, answers: Mapping[str, Any]) -> list[str]:
    questions = content.questions()
    return [
        f"- {questions[key].text} {_join_labels(questions[key].labels(value))}"
        for key, value in given_in_order(content, answers).items()
    ]


def _join_labels(labels: list[str]) -> str:
    """Labels that are sentences ("Ich wurde bedroht.") follow each other; others get commas."""
    return " ".join(labels) if all(label.endswith((".", "?", "!")) for label in labels) else ", ".join(labels)


def where(content: Content, provider: Provider) -> str:
    """ "bundesweit", "in Bayern", "im Saarland", "in Hamburg und in Schleswig-Holstein"."""
    texts = content.texts
    if provider.nationwide:
        return texts.cards.nationwide
    names = content.questions()["state"]
    places = [texts.in_state(code, names.label_of(code)) for code in provider.states]
    return f" {texts.wording.and_word} ".join(places)


def contact_line(content: Content, provider: Provider) -> str:
    words = content.texts.summary
    channels = [
        channel
        for channel in (
            provider.phone and f"{words.phone} {provider.phone}",
            provider.email and f"[{provider.email}](mailto:{provider.email})",
            provider.url and f"[{provider.url}]({provider.url})",
        )
        if channel
    ]
    hours = f" ({provider.hours})" if provider.hours else ""
    return f"- **{provider.name}** ({where(content, provider)}): {', '.join(channels)}{hours}"


def _sources(content: Content, step: RenderedStep) -> str:
    links = ", ".join(f"[{source.label}]({source.url})" for source in step.sources)
    return f"{content.texts.summary.source}: {links}"


def _step_block(content: Content, step: RenderedStep, number: int, level: str) -> list[str]:
    return ["", f"{level} {number}. {step.title}", "", step.text, "", _sources(content, step)]


def result_markdown(content: Content, result: Result) -> str:
    """The whole result to keep: the plan, the person's own question, everything else, the contacts and
    the answers given (only those, in the order of the questions)."""
    words = content.texts.summary
    sections = result_sections(content, result)
    parts = [f"# {words.result_title}", ""]
    if result.emergency:
        parts += [f"**{words.emergency}**", ""]
    parts.append(f"## {words.plan}")
    number = 0
    for step in sections.plan:
        number += 1
        parts += _step_block(content, step, number, "###")
    for heading, steps in [*sections.own, *sections.more]:
        parts += ["", f"## {heading}"]
        for step in steps:
            number += 1
            parts += _step_block(content, step, number, "###")
    parts += ["", f"## {words.contacts}", *[contact_line(content, p) for p in result.main_contacts]]
    parts += [contact_line(content, p) for p in result.deferred_contacts]
    parts += ["", f"## {words.answers}", *answers_lines(content, result.answers.given)]
    parts += ["", fill(words.reviewed, date=f"{content.last_reviewed:%d.%m.%Y}")]
    return "\n".join(parts) + "\n"


def call_summary(
    content: Content,
    result: Result,
    notes: str | None = None,
    include_notes: bool = False,
    day: date | None = None,
    dates: Sequence[str] = (),
) -> str:
    """The advisor's call summary on one page, as Markdown: the exact deadlines and reminder days
    (`dates`, lines from `lotse.documents.dates.date_lines`), the notes (only when the advisor chose so),
    the answers given in the call (no assumed defaults), the step titles with the plan first, the
    contacts with their numbers."""
    words = content.texts.summary
    parts = [f"# {words.call_title}", ""]
    if day:
        parts += [fill(words.call_date, date=f"{day:%d.%m.%Y}"), ""]
    if result.emergency:
        parts += [f"**{words.emergency}**", ""]
    if dates:
        parts += [f"## {words.dates}", *[f"- **{line}**" for line in dates], ""]
    if include_notes and notes and notes.strip():
        parts += [f"## {words.notes}", notes.strip(), ""]
    parts += [f"## {words.answers}", *answers_lines(content, result.answers.given), ""]
    sections = result_sections(content, result)
    parts += [f"## {words.plan}"]
    parts += [_title_line(step) for step in sections.plan]
    for heading, steps in sections.own:
        parts += ["", f"## {heading}", *[_title_line(step) for step in steps]]
    rest = [step for _, steps in sections.more for step in steps]
    if rest:
        parts += ["", f"## {words.more}", *[f"- {step.title}" for step in rest]]
    parts += ["", f"## {words.contacts}", *[contact_line(content, p) for p in result.main_contacts]]
    parts += [contact_line(content, p) for p in result.deferred_contacts]
    parts += ["", fill(words.reviewed, date=f"{content.last_reviewed:%d.%m.%Y}")]
    return "\n".join(parts) + "\n"


def _title_line(step: RenderedStep) -> str:
    return f"- **{step.title}**" + (f": {step.summary}" if step.summary else "")


def to_plain_text(markdown: str) -> str:
    """Markdown to readable plain text: links become 'text (address)' (the address complete, underscores
    and all), a link whose text is its address stays the address; emphasis and heading marks go."""

    def link(match: re.Match[str]) -> str:
        text, target = match.group(1), match.group(2)
        address = target.removeprefix("mailto:")
        return address if text == address else f"{text} ({address})"

    text = _EMPHASIS.sub(r"\2", _MARKDOWN_LINK.sub(link, markdown))
    return re.sub(r"^#+ ", "", text, flags=re.MULTILINE)
