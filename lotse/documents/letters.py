"""Letters people can send today: chosen by the answers, filled from a short form, as PDF and Word.

Each document has the letter, then a page for the user only: the deadline (if known), a checklist, where
to send it (the state's routes from providers.yaml, otherwise a plain instruction), the legal sources and
where to get free advice. Nothing is stored; the bytes exist only until they are handed to the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lotse.content.models import Provider, Source
from lotse.content.vocabulary import IN_PERSON_FIRST
from lotse.documents.blocks import Block, Bullets, Card, Heading, Page, Paragraph
from lotse.documents.book import Book
from lotse.documents.deadlines import Deadline, DeadlineError, compute_deadline
from lotse.documents.document import PDF_MIME, Document
from lotse.documents.docx import render_docx
from lotse.documents.forms import FormField, FormValue, as_text, clean_form, form_fields
from lotse.documents.german import plain_date
from lotse.documents.model import Block as LetterBlock
from lotse.documents.model import Letter
from lotse.documents.parts import advice_cards, contact_card, deadline_blocks, deadline_text
from lotse.documents.pdf import missing_glyphs, render_pdf
from lotse.guide.matching import match_providers

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SIGNATURE_LINE = "_" * 32
DATE_FIELDS = {"learned": "strafantrag", "reported_on": "report", "notice_received": "beschwerde"}
"""Form fields that take an exact date asked in the guide (flows/guide.yaml, `dates:` by `use`)."""


def letters_for(book: Book, answers: Mapping[str, Any]) -> list[Letter]:
    """The letters that fit these (effective) answers, in file order."""
    return [letter for letter in book.file.letters if book.fits[letter.id].holds(answers)]


def letter_form(book: Book, letter_id: str) -> list[FormField]:
    """The fields the UI asks for, in order, with German labels and help from the YAML."""
    return form_fields(book.letter(letter_id), book.file.fields, book.file.offences, book.state_names)


def form_defaults(
    book: Book, letter_id: str, answers: Mapping[str, Any], today: date, dates: Mapping[str, date] | None = None
) -> dict[str, FormValue]:
    """Prefilled values: today's date, the offences that match the incidents answered, and the exact
    dates the person already gave (by use, see DATE_FIELDS)."""
    names = book.letter(letter_id).field_names()
    incidents = set(answers.get("incident") or ())
    defaults: dict[str, FormValue] = {}
    if "date" in names:
        defaults["date"] = today
    if "offences" in names:
        defaults["offences"] = tuple(o.value for o in book.file.offences if incidents & set(o.incidents))
    for name, use in DATE_FIELDS.items():
        if name in names and dates and use in dates:
            defaults[name] = dates[use]
    return defaults


def letter_pdf(
    book: Book,
    letter_id: str,
    data: Mapping[str, Any],
    *,
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Document:
    """Raises FormError (German messages per field) when the data cannot be used. `answers` (the guide's)
    choose the routes with the result's contacts; without them the offences chosen in the form do."""
    letter = book.letter(letter_id)
    page = letter_page(book, letter_id, data, state, today, answers)
    return Document(f"{letter.file}.pdf", PDF_MIME, render_pdf(page))


def letter_docx(
    book: Book,
    letter_id: str,
    data: Mapping[str, Any],
    *,
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Document:
    letter = book.letter(letter_id)
    page = letter_page(book, letter_id, data, state, today, answers)
    return Document(f"{letter.file}.docx", DOCX_MIME, render_docx(page))


def letter_page(
    book: Book,
    letter_id: str,
    data: Mapping[str, Any],
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Page:
    today = today or date.today()
    letter = book.letter(letter_id)
    values = clean_form(letter, book.file.fields, book.file.offences, data, today)
    context = {name: as_text(values.get(name), book.file.offences) for name in letter.field_names()}
    routes = letter_routes(book, letter, values, state, answers)
    blocks = _letter_blocks(book, letter, values, context, today)
    checklist = _checklist_blocks(book, letter, values, context, state, today, routes)  # numbered apart from the letter
    return Page(book.render(letter.subject, context), tuple(blocks), "letter", tuple(checklist))


def letter_routes(
    book: Book,
    letter: Letter,
    values: Mapping[str, FormValue],
    state: str | None,
    answers: Mapping[str, Any] | None = None,
) -> list[Provider]:
    """Where else the letter can go: its routes as the result would show them (the same selection and
    order, guide/matching.py), for the incidents answered and those of the offences chosen. A letter that
    reports an attack, a threat or stalking is chosen for those alone: one filing goes where all of it is
    taken, and online stations do not take violent crimes."""
    if state is None:
        return []
    chosen = set(values.get("offences") or ())
    incidents = {i for o in book.file.offences if o.value in chosen for i in o.incidents}
    incidents |= set((answers or {}).get("incident") or ())
    violent = incidents & IN_PERSON_FIRST
    police = str((answers or {}).get("police") or "yes")
    candidates = [book.providers[i] for i in letter.routes if i in book.providers]

    def selected(chosen: set[str]) -> list[Provider]:
        case = {"incident": sorted(chosen), "danger": "no", "state": state, "police": police}
        return match_providers(candidates, case)

    routes = selected(violent or incidents)
    for incident in violent:  # each violent incident must be taken, not just one of them
        taking = {p.id for p in selected({incident})}
        routes = [p for p in routes if p.id in taking]
    return routes


def _letter_blocks(
    book: Book, letter: Letter, values: Mapping[str, FormValue], context: Mapping[str, str], today: date
) -> list[Block]:
    words = book.file.letter_words
    recipient = book.render(letter.recipient, context) or words.recipient_missing
    day = values.get("date")
    dateline = plain_date(day if isinstance(day, date) else today)
    if context.get("place"):
        dateline = f"{context['place']}, {dateline}"
    blocks: list[Block] = [
        Paragraph(book.render(letter.sender, context), "sender"),
        Paragraph(recipient, "recipient"),
        Paragraph(dateline, "right"),
        Heading(book.render(letter.subject, context), 1),
    ]
    for block in letter.body:
        if _shown(book, block, values):
            blocks.append(_body_block(book, block, values, context))
    blocks += [
        Paragraph(words.closing),
        Paragraph(f"{SIGNATURE_LINE}\n{context.get('name', '')}", "signature"),
    ]
    return blocks


def _shown(book: Book, block: LetterBlock, values: Mapping[str, FormValue]) -> bool:
    """A block shows when its fields are filled: those it names in `needs` and every placeholder it uses."""
    used = set(block.needs)
    for text in (block.text, block.heading):
        if text is not None:
            used |= book.names[text]
    if block.offence_list:
        used.add("offences")
    return all(values.get(name) for name in used) and not any(values.get(name) for name in block.unless)


def _body_block(book: Book, block: LetterBlock, values: Mapping[str, FormValue], context: Mapping[str, str]) -> Block:
    if block.heading is not None:
        return Heading(book.render(block.heading, context), 2)
    if block.offence_list:
        chosen = values.get("offences") or ()
        names = {o.value: f"{o.name} ({o.law})" for o in book.file.offences}
        return Bullets(tuple(names[value] for value in chosen))
    return Paragraph(book.render(block.text or "", context), block.style)


def _checklist_blocks(
    book: Book,
    letter: Letter,
    values: Mapping[str, FormValue],
    context: Mapping[str, str],
    state: str | None,
    today: date,
    routes: list[Provider],
) -> list[Block]:
    words = book.file.letter_words
    blocks: list[Block] = [Heading(words.checklist_title, 1), Paragraph(words.disclaimer, "strong")]
    if any(missing_glyphs(text) for text in context.values()):
        blocks.append(Paragraph(words.unsupported_chars))
    blocks += _deadline_section(book, letter, values, state, today)
    blocks += [
        Heading(words.todo_title, 2),
        Bullets(tuple(book.render(item, context) for item in letter.checklist), "check"),
        Heading(words.send_to_title, 2),
        Paragraph(book.render(letter.send_to, context)),
    ]
    blocks += _route_blocks(book, routes, state)
    sources = _sources(book, letter, values)
    deadline = letter_deadline(book, letter, values, state, today)
    if deadline is not None:  # the deadline's own norms: § 43 StPO, the date on the envelope, the seat
        sources = list({s.url: s for s in [*sources, *deadline_text(book, deadline, today).sources]}.values())
    blocks += [
        Heading(words.sources_title, 2),
        Bullets(tuple(f"{s.label}: {s.url}" for s in sources)),
    ]
    blocks += [Heading(words.advice_title, 2), *advice_cards(book)]
    return blocks


def _deadline_section(
    book: Book, letter: Letter, values: Mapping[str, FormValue], state: str | None, today: date
) -> list[Block]:
    deadline = letter_deadline(book, letter, values, state, today)
    return deadline_blocks(book, deadline, today) if deadline is not None else []


def letter_deadline(
    book: Book, letter: Letter, values: Mapping[str, FormValue], state: str | None, today: date
) -> Deadline | None:
    """The letter's deadline from its date field (DATE_FIELDS). It is counted for the office's state: the
    letter's field of kind `state` (the addressee's seat; empty: only the holidays of every state), else
    the user's `state` (without one, no deadline)."""
    start = next((values.get(name) for name, use in DATE_FIELDS.items() if use == letter.deadline), None)
    if letter.deadline is None or not isinstance(start, date):
        return None
    office_fields = [name for name in letter.field_names() if book.file.fields[name].kind == "state"]
    if office_fields:
        office = str(values.get(office_fields[0]) or "") or None
    elif state is not None:
        office = state
    else:
        return None
    try:
        return compute_deadline(letter.deadline, start, office, today)
    except DeadlineError:
        return None  # the form already refused future dates


def _route_blocks(book: Book, routes: list[Provider], state: str | None) -> list[Block]:
    if state is None or not routes:
        return []
    intro = book.render(book.file.letter_words.routes_intro, {"state_name": book.state_name(state)})
    cards: list[Card] = [contact_card(book, provider) for provider in routes]
    return [Paragraph(intro), *cards]


def _sources(book: Book, letter: Letter, values: Mapping[str, FormValue]) -> list[Source]:
    """The letter's sources, those of every paragraph shown and of every offence chosen, each once."""
    found: list[Source] = list(letter.sources)
    for block in letter.body:
        if _shown(book, block, values):
            found += block.sources
    chosen = set(values.get("offences") or ())
    found += [o.source for o in book.file.offences if o.value in chosen]
    return list({source.url: source for source in found}.values())
