"""Parts shared by letters, the handout and the UI: a deadline in words, a contact as a card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from lotse.content.schema import Provider, Source
from lotse.content.validators import UNDATED
from lotse.documents.blocks import Block, Card, Heading, Paragraph
from lotse.documents.catalog import DocumentCatalog
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


def deadline_text(catalog: DocumentCatalog, deadline: Deadline, today: date) -> DeadlineText:
    texts = catalog.file.deadlines[deadline.id]  # type: ignore[index]
    context = deadline_context(catalog, deadline)
    left = deadline.days_left(today)
    sentence = texts.open if left > 0 else texts.today if left == 0 else texts.passed
    details: list[str] = []
    if deadline.skipped:
        details.append(catalog.render(texts.moved, context))
        for day in (s for s in deadline.skipped if s.holiday):
            holiday = {**context, "holiday": day.reason, "holiday_date": plain_date(day.day)}
            details.append(catalog.render(texts.holiday, holiday))
    details.append(catalog.render(texts.rule, context))
    details.append(catalog.render(texts.counted if deadline.state else texts.counted_safe, context))
    sources = list(texts.sources)
    local = catalog.file.holidays.local.get(deadline.state or "")
    if local is not None:
        details.append(catalog.render(local.text, context))
        sources += local.sources
    advice = catalog.render(texts.passed_advice if left < 0 else texts.advice, context)
    if deadline.later_somewhere and left >= 0:  # shown with the advice, not only in "how it is counted"
        advice = f"{catalog.render(texts.later_somewhere, context)} {advice}"
    return DeadlineText(
        title=catalog.render(texts.title, context),
        sentence=catalog.render(sentence, context),
        details=tuple(details),
        advice=advice,
        sources=tuple(sources),
    )


def deadline_context(catalog: DocumentCatalog, deadline: Deadline) -> dict[str, str]:
    """The placeholders of a deadline's texts; where the office's state is unknown, its name is the
    words for 'every state' (flows/documents.yaml, holidays.everywhere)."""
    return {
        "last_day": long_date(deadline.last_day),
        "nominal_end": long_date(deadline.nominal_end),
        "start": long_date(deadline.start),
        "state_name": catalog.state_name(deadline.state) if deadline.state else catalog.file.holidays.everywhere,
        "law": deadline.law,
    }


def deadline_blocks(catalog: DocumentCatalog, deadline: Deadline, today: date, level: int = 2) -> list[Block]:
    text = deadline_text(catalog, deadline, today)
    blocks: list[Block] = [Heading(text.title, level), Paragraph(text.sentence, "strong")]
    blocks += [Paragraph(detail) for detail in text.details]
    blocks.append(Paragraph(text.advice))
    return blocks


def contact_card(catalog: DocumentCatalog, provider: Provider) -> Card:
    """A contact with its ways, hours and how fresh the facts are; a page break never splits it."""
    words = catalog.file.handout
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
        notes.append(catalog.render(words.source_date, {"source_date": source_date_words(str(provider.source_date))}))
    checked = words.checked_live if provider.verified_how == "live" else words.checked_archive
    notes.append(catalog.render(checked, {"verified": numeric_date(provider.verified)}))
    return Card(provider.name, tuple(lines), tuple(notes))


def source_date_words(text: str) -> str:
    """'2024' stays, '2024-12' becomes 'Dezember 2024', '2024-09-03' becomes '3. September 2024'."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return plain_date(date(*parts))
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return text


def advice_cards(catalog: DocumentCatalog) -> list[Card]:
    return [contact_card(catalog, catalog.providers[i]) for i in catalog.file.advice if i in catalog.providers]
