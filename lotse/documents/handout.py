"""The result as a handout (PDF): date, the plan, every step unfolded, deadlines, contacts.

Made for paper and for a person under stress: the urgent steps come first (the result is already
sorted by urgency), urgency is written out rather than coloured, and a contact never breaks across
pages. The person's answers are left out on purpose: the sheet may lie on a desk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from lotse.content.loader import Content
from lotse.documents.blocks import Block, Bullets, Heading, Markdown, Page, Paragraph
from lotse.documents.book import Book
from lotse.documents.deadlines import Deadline
from lotse.documents.document import PDF_MIME, Document
from lotse.documents.german import numeric_date, plain_date
from lotse.documents.parts import contact_card, deadline_blocks
from lotse.documents.pdf import render_pdf
from lotse.guide.result import RenderedStep, Result

FILENAME = "Lotse-naechste-Schritte.pdf"


def handout_pdf(
    book: Book, content: Content, result: Result, today: date | None = None, deadlines: Sequence[Deadline] = ()
) -> Document:
    page = handout_page(book, content, result, today or date.today(), deadlines)
    return Document(FILENAME, PDF_MIME, render_pdf(page))


def handout_page(book: Book, content: Content, result: Result, today: date, deadlines: Sequence[Deadline] = ()) -> Page:
    words = book.file.handout
    blocks: list[Block] = [
        Heading(words.title, 1),
        Paragraph(book.render(words.date_line, {"today": plain_date(today)}), "strong"),
        Paragraph(words.privacy, "small"),
    ]
    if result.emergency:
        blocks.append(Paragraph(words.emergency, "emergency"))
    for deadline in deadlines:  # the exact dates first: they are what a person must not miss
        blocks += deadline_blocks(book, deadline, today)
    urgencies = content.texts.labels.urgencies
    plan = Bullets(_plan(result.steps, urgencies), "number")
    blocks += [Heading(words.plan_heading, 2), Paragraph(words.plan_intro), plan]
    blocks.append(Heading(words.steps_heading, 2))
    for number, step in enumerate(result.steps, start=1):
        blocks += _step(book, number, step, urgencies)
    state_name = book.state_name(str(result.answers["state"]))
    blocks += [
        Heading(words.contacts_heading, 2),
        Paragraph(book.render(words.contacts_intro, {"state_name": state_name})),
        *[contact_card(book, provider) for provider in result.contacts],
        Paragraph(book.render(words.footer, {"reviewed": numeric_date(content.last_reviewed)}), "small"),
    ]
    return Page(words.title, tuple(blocks), "handout")


def _plan(steps: Sequence[RenderedStep], urgencies: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(f"{urgencies[step.urgency]}: {step.title}" for step in steps)


def _step(book: Book, number: int, step: RenderedStep, urgencies: Mapping[str, str]) -> list[Block]:
    sources = "; ".join(f"{s.label} ({s.url})" for s in step.sources)
    return [
        Heading(f"{number}. {step.title} – {urgencies[step.urgency]}", 3),
        Markdown(step.text),
        Paragraph(f"{book.file.handout.source_label}: {sources}", "small"),
    ]
