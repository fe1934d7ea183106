"""The result as a handout (PDF), short by default, the long version only on request.

Made for paper and for a person under stress, maybe handed to a frightened family member. The short
handout makes the same cut as the result page: page 1 is "Auf einen Blick" (110 where it applies, the
numbers that help with their hours, the exact deadline, at most three actions); then the steps to take
now, the deadlines in full, the three contacts that fit best, the other steps by title, and the list
of sources with their addresses (the screen shows only readable labels). At most three A4 pages.
The long version (`full=True`) unfolds every step and every contact.

Urgency is written out rather than coloured, and a contact never breaks across pages. The person's
answers are left out on purpose: the sheet may lie on a desk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from lotse.content.loader import Content
from lotse.content.schema import Provider, Source
from lotse.documents.blocks import Block, Bullets, Card, Frame, Heading, Markdown, Page, Paragraph
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import Deadline
from lotse.documents.document import PDF_MIME, Document
from lotse.documents.german import numeric_date, plain_date
from lotse.documents.parts import contact_card, deadline_blocks, deadline_text
from lotse.documents.pdf import render_fitting, render_pdf
from lotse.explain.glance import Glance, glance
from lotse.guide.result import BEST_CONTACTS, RenderedStep, Result

FILENAME = "Lotse-naechste-Schritte.pdf"
FULL_FILENAME = "Lotse-naechste-Schritte-ausfuehrlich.pdf"
MAX_PAGES = 3


def handout_pdf(
    catalog: DocumentCatalog,
    content: Content,
    result: Result,
    today: date | None = None,
    deadlines: Sequence[Deadline] = (),
    *,
    full: bool = False,
) -> Document:
    today = today or date.today()
    if full:
        return Document(
            FULL_FILENAME, PDF_MIME, render_pdf(handout_page(catalog, content, result, today, deadlines, full=True))
        )
    variants = [handout_page(catalog, content, result, today, deadlines, compact=compact) for compact in (False, True)]
    return Document(FILENAME, PDF_MIME, render_fitting(variants, MAX_PAGES))


def handout_page(
    catalog: DocumentCatalog,
    content: Content,
    result: Result,
    today: date,
    deadlines: Sequence[Deadline] = (),
    *,
    full: bool = False,
    compact: bool = False,
) -> Page:
    """The short handout; `full`: the long one; `compact`: the short one without the titles of the steps
    that have time and without the contacts' descriptions, for when the short one needs a fourth page."""
    words = catalog.file.handout
    seen = glance(content, result, _nearest(catalog, deadlines, today))
    sources = Sources(catalog, result, deadlines, seen.numbers, full)
    blocks: list[Block] = [
        Heading(words.title, 1),
        Paragraph(catalog.render(words.date_line, {"today": plain_date(today)})),
        _glance(catalog, result, seen),
    ]
    if full:
        blocks += _full(catalog, content, result, today, deadlines, sources)
    else:
        blocks += _short(catalog, result, today, deadlines, sources, compact)
    blocks += [
        Heading(words.sources_heading, 2),
        Bullets(sources.entries, "number", "small"),
        Paragraph(catalog.render(words.footer, {"reviewed": numeric_date(content.last_reviewed)}), "small"),
    ]
    return Page(words.title, tuple(blocks), "plan")


# --- page 1: Auf einen Blick ---------------------------------------------------------------------


def _glance(catalog: DocumentCatalog, result: Result, seen: Glance) -> Frame:
    """Page 1 from lotse.explain.glance, as the result page shows it: the emergency or the calm "Im
    Zweifel: 110", the nearest deadline, at most three actions and at most three numbers."""
    words = catalog.file.handout
    blocks: list[Heading | Paragraph | Bullets | Card] = [Heading(seen.title, 2)]
    if result.emergency:
        blocks.append(Paragraph(words.emergency, "emergency"))
    elif seen.note:
        blocks.append(Paragraph(seen.note, "emergency"))
    if seen.deadline:
        blocks.append(Paragraph(seen.deadline, "strong"))
    if seen.actions:
        actions = tuple(action.summary or action.text for action in seen.actions)
        blocks += [Heading(words.actions_heading, 3), Bullets(actions, "number")]
    if seen.numbers:
        blocks += [Heading(words.numbers_heading, 3), *[_number_line(catalog, p) for p in seen.numbers]]
    blocks.append(Paragraph(words.privacy, "small"))
    return Frame(tuple(blocks))


def _nearest(catalog: DocumentCatalog, deadlines: Sequence[Deadline], today: date) -> str | None:
    """'Frist für den Strafantrag: Ihre Frist endet am Freitag, 5. Juni 2026.' for the nearest open
    deadline (else the first one, which has passed: that must not be missed either)."""
    if not deadlines:
        return None
    open_ones = sorted((d for d in deadlines if d.days_left(today) >= 0), key=lambda d: d.last_day)
    text = deadline_text(catalog, (open_ones or list(deadlines))[0], today)
    return f"{text.title}: {text.sentence}"


def _number_line(catalog: DocumentCatalog, provider: Provider) -> Paragraph:
    """'starke Stelle – …' and below it 'Telefon: 0800 300 99 44 · Mo–Fr 9–16 Uhr' (or its website or
    address, for a contact without a phone)."""
    words = catalog.file.handout
    ways = ((words.phone_label, provider.phone), (words.url_label, provider.url), (words.email_label, provider.email))
    reach = next((f"{label}: {value}" for label, value in ways if value), None)
    return Paragraph(f"{provider.name}\n{' · '.join(part for part in (reach, provider.hours) if part)}", "strong")


# --- the short handout ---------------------------------------------------------------------------


def _short(
    catalog: DocumentCatalog,
    result: Result,
    today: date,
    deadlines: Sequence[Deadline],
    sources: Sources,
    compact: bool,
) -> list[Block]:
    words = catalog.file.handout
    blocks: list[Block] = [Heading(words.now_heading, 2)]
    if not result.plan:
        blocks.append(Paragraph(words.now_empty))
    for number, step in enumerate(result.plan, start=1):
        blocks += _step(catalog, f"{number}. {step.title}", step, sources)
    for deadline in deadlines:
        blocks += deadline_blocks(catalog, deadline, today)
    blocks += [
        Heading(words.best_contacts_heading, 2),
        *[_short_card(catalog, p, compact) for p in best_contacts(result)],
    ]
    if result.more and not compact:
        later = [step.title for step in result.more]  # one line of titles: CSS columns would cost a third of the time
        blocks += [Heading(words.more_heading, 2), Paragraph(words.more_intro), Paragraph(" · ".join(later))]
    return blocks


def _short_card(catalog: DocumentCatalog, provider: Provider, compact: bool) -> Card:
    """The contact card with how fresh its facts are on one line; `compact`: without the description."""
    card = contact_card(catalog, provider)
    description, *freshness = card.notes
    notes = () if compact else (description,)
    return Card(card.title, card.lines, (*notes, " ".join(freshness)) if freshness else notes)


def best_contacts(result: Result) -> list[Provider]:
    """The three contacts that fit best, as on the result page (those the steps name first), but the
    emergency numbers: on paper they stand on page 1, and a card for 110 would take a place."""
    return [p for p in result.main_contacts if p.kind != "emergency"][:BEST_CONTACTS]


# --- the long handout ----------------------------------------------------------------------------


def _full(
    catalog: DocumentCatalog,
    content: Content,
    result: Result,
    today: date,
    deadlines: Sequence[Deadline],
    sources: Sources,
) -> list[Block]:
    words = catalog.file.handout
    urgencies = content.texts.labels.urgencies
    blocks: list[Block] = []
    for deadline in deadlines:  # the exact dates first: they are what a person must not miss
        blocks += deadline_blocks(catalog, deadline, today)
    blocks += [
        Heading(words.plan_heading, 2),
        Paragraph(words.plan_intro),
        Bullets(_plan(result.steps, urgencies), "number"),
    ]
    blocks.append(Heading(words.steps_heading, 2))
    for number, step in enumerate(result.steps, start=1):
        blocks += _step(catalog, f"{number}. {step.title} – {urgencies[step.urgency]}", step, sources)
    state_name = catalog.state_name(str(result.answers.effective["state"]))
    blocks += [
        Heading(words.contacts_heading, 2),
        Paragraph(catalog.render(words.contacts_intro, {"state_name": state_name})),
        *[contact_card(catalog, provider) for provider in result.contacts],
    ]
    return blocks


def _plan(steps: Sequence[RenderedStep], urgencies: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(f"{urgencies[step.urgency]}: {step.title}" for step in steps)


def _step(catalog: DocumentCatalog, heading: str, step: RenderedStep, sources: Sources) -> list[Block]:
    where = catalog.render(catalog.file.handout.source_numbers, {"numbers": sources.numbers(step.sources)})
    return [Heading(heading, 3), Markdown(step.text), Paragraph(where, "small")]


# --- the sources, with their addresses -----------------------------------------------------------


class Sources:
    """Every source the handout names, each once and numbered, with its address: on paper a label
    cannot be tapped. A step refers to its sources by number."""

    def __init__(
        self,
        catalog: DocumentCatalog,
        result: Result,
        deadlines: Sequence[Deadline],
        numbers: Sequence[Provider],
        full: bool,
    ) -> None:
        words = catalog.file.handout
        steps = result.steps if full else result.plan
        found = [source for step in steps for source in step.sources]
        found += [source for deadline in deadlines for source in catalog.file.deadlines[deadline.id].sources]  # type: ignore[index]
        self._numbers: dict[str, int] = {}
        entries: list[str] = []
        for source in found:
            if source.url not in self._numbers:
                entries.append(f"{source.label}: {source.url}")
                self._numbers[source.url] = len(entries)
        contacts = result.contacts if full else [*numbers, *best_contacts(result)]  # page 1's numbers too
        contacts = list({provider.id: provider for provider in contacts}.values())
        entries += [catalog.render(words.contact_source, {"name": p.name, "url": p.source}) for p in contacts]
        self.entries = tuple(entries)

    def numbers(self, sources: Sequence[Source]) -> str:
        return ", ".join(str(self._numbers[source.url]) for source in sources)
