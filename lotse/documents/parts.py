"""Parts shared by letters, the handout and the UI: a deadline in words, a contact as a card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lotse.content.models import Provider, Source
from lotse.content.validators import UNDATED
from lotse.documents.blocks import Block, Card, Heading, Paragraph
from lotse.documents.book import Book
from lotse.documents.deadlines import Deadline
from lotse.documents.german import MONTHS, long_date, numeric_date, plain_date


@dataclass(frozen=True)
class DeadlineText:
    """A deadline as the user reads it; every word comes from flows/documents.yaml."""

    title: str
    sentence: str
    """'Ihre Frist endet am Freitag, 5. Juni 2026.' (or 'heute', or 'abgelaufen')."""
    details: tuple[str, ...]
    """Why the end moved (weekend, the state's holiday) and the rule in plain words."""
    advice: str
    sources: tuple[Source, ...]


def deadline_text(book: Book, deadline: Deadline, today: date) -> DeadlineText:
    texts = book.file.deadlines[deadline.id]  # type: ignore[index]
    context = deadline_context(book, deadline)
    left = deadline.days_left(today)
    sentence = texts.open if left > 0 else texts.today if left == 0 else texts.passed
    details: list[str] = []
    if deadline.skipped:
        details.append(book.render(texts.moved, context))
        for day in (s for s in deadline.skipped if s.holiday):
            holiday = {**context, "holiday": day.reason, "holiday_date": plain_date(day.day)}
            details.append(book.render(texts.holiday, holiday))
    details.append(book.render(texts.rule, context))
    details.append(book.render(texts.counted if deadline.state else texts.counted_safe, context))
    sources = list(texts.sources)
    local = book.file.holidays.local.get(deadline.state or "")
    if local is not None:
        details.append(book.render(local.text, context))
        sources += local.sources
    advice = book.render(texts.passed_advice if left < 0 else texts.advice, context)
    if deadline.later_somewhere and left >= 0:  # shown with the advice, not only in "how it is counted"
        advice = f"{book.render(texts.later_somewhere, context)} {advice}"
    return DeadlineText(
        title=book.render(texts.title, context),
        sentence=book.render(sentence, context),
        details=tuple(details),
        advice=advice,
        sources=tuple(sources),
    )


def deadline_context(book: Book, deadline: Deadline) -> dict[str, str]:
    """The placeholders of a deadline's texts; where the office's state is unknown, its name is the
    words for 'every state' (flows/documents.yaml, holidays.everywhere)."""
    return {
        "last_day": long_date(deadline.last_day),
        "nominal_end": long_date(deadline.nominal_end),
        "start": long_date(deadline.start),
        "state_name": book.state_name(deadline.state) if deadline.state else book.file.holidays.everywhere,
        "law": deadline.law,
    }


def deadline_blocks(book: Book, deadline: Deadline, today: date, level: int = 2) -> list[Block]:
    text = deadline_text(book, deadline, today)
    blocks: list[Block] = [Heading(text.title, level), Paragraph(text.sentence, "strong")]
    blocks += [Paragraph(detail) for detail in text.details]
    blocks.append(Paragraph(text.advice))
    return blocks


def contact_card(book: Book, provider: Provider) -> Card:
    """A contact with its ways, hours and how fresh the facts are; a page break never splits it."""
    words = book.file.handout
    lines = [
        (label, value)
        for label, value in (
            (words.phone_label, provider.phone),
            (words.email_label, provider.email),
            (words.url_label, provider.url),
            (words.hours_label, provider.hours),
        )
        if value
    ]
    notes = [provider.description.strip()]
    if provider.source_date and str(provider.source_date) != UNDATED:  # an undated source: no line
        notes.append(book.render(words.source_date, {"source_date": source_date_words(str(provider.source_date))}))
    checked = words.checked_live if provider.verified_how == "live" else words.checked_archive
    notes.append(book.render(checked, {"verified": numeric_date(provider.verified)}))
    return Card(provider.name, tuple(lines), tuple(notes))


def source_date_words(text: str) -> str:
    """'2024' stays, '2024-12' becomes 'Dezember 2024', '2024-09-03' becomes '3. September 2024'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return plain_date(date(*parts))
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return text


def advice_cards(book: Book) -> list[Card]:
    return [contact_card(book, book.providers[i]) for i in book.file.advice if i in book.providers]
