"""Letters people can send today: chosen by the answers, filled from a short form, as PDF and Word.

Each document has the letter, then a page for the user only: the deadline (if known), a checklist, where
to send it (the state's routes from providers.yaml, otherwise a plain instruction), the legal sources and
where to get free advice. Nothing is stored; the bytes exist only until they are handed to the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from lotse.content.schema import Provider, Source
from lotse.documents.blocks import Block, Bullets, Card, Heading, Page, Paragraph
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.deadlines import Deadline, DeadlineError, compute_deadline
from lotse.documents.document import DOCX_MIME, PDF_MIME, Document
from lotse.documents.documents_file import Block as LetterBlock
from lotse.documents.documents_file import Letter
from lotse.documents.docx import render_docx
from lotse.documents.forms import FormField, FormValue, as_text, clean_form, form_fields
from lotse.documents.german import plain_date
from lotse.documents.glyphs import missing_glyphs
from lotse.documents.parts import advice_cards, contact_card, deadline_blocks, deadline_text
from lotse.documents.pdf import render_pdf
from lotse.guide.matching import match_providers

SIGNATURE_LINE = "_" * 32
DATE_FIELDS = {"learned": "strafantrag", "reported_on": "report", "notice_received": "beschwerde"}
"""Form fields that take an exact date asked in the guide (flows/guide.yaml, `dates:` by `use`)."""


def letters_for(catalog: DocumentCatalog, answers: Mapping[str, Any]) -> list[Letter]:
    """The letters that fit these (effective) answers, in file order."""
    return [letter for letter in catalog.file.letters if catalog.fits[letter.id].holds(answers)]


def letter_form(catalog: DocumentCatalog, letter_id: str) -> list[FormField]:
    """The fields the UI asks for, in order, with German labels and help from the YAML."""
    return form_fields(catalog.letter(letter_id), catalog.file.fields, catalog.file.offences, catalog.state_names)


def form_defaults(
    catalog: DocumentCatalog,
    letter_id: str,
    answers: Mapping[str, Any],
    today: date,
    dates: Mapping[str, date] | None = None,
) -> dict[str, FormValue]:
    """Prefilled values: today's date, the offences that match the incidents answered, and the exact
    dates the person already gave (by use, see DATE_FIELDS)."""
    names = catalog.letter(letter_id).field_names()
    incidents = set(answers.get("incident") or ())
    defaults: dict[str, FormValue] = {}
    if "date" in names:
        defaults["date"] = today
    if "offences" in names:
        defaults["offences"] = tuple(o.value for o in catalog.file.offences if incidents & set(o.incidents))
    for name, use in DATE_FIELDS.items():
        if name in names and dates and use in dates:
            defaults[name] = dates[use]
    return defaults


def letter_pdf(
    catalog: DocumentCatalog,
    letter_id: str,
    data: Mapping[str, Any],
    *,
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Document:
    """Raises FormError (German messages per field) when the data cannot be used. `answers` (the guide's)
    choose the routes with the result's contacts; without them the offences chosen in the form do."""
    letter = catalog.letter(letter_id)
    page = letter_page(catalog, letter_id, data, state, today, answers)
    return Document(f"{letter.file}.pdf", PDF_MIME, render_pdf(page))


def letter_docx(
    catalog: DocumentCatalog,
    letter_id: str,
    data: Mapping[str, Any],
    *,
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Document:
    letter = catalog.letter(letter_id)
    page = letter_page(catalog, letter_id, data, state, today, answers)
    return Document(f"{letter.file}.docx", DOCX_MIME, render_docx(page))


def letter_page(
    catalog: DocumentCatalog,
    letter_id: str,
    data: Mapping[str, Any],
    state: str | None = None,
    today: date | None = None,
    answers: Mapping[str, Any] | None = None,
) -> Page:
    today = today or date.today()
    letter = catalog.letter(letter_id)
    values = clean_form(letter, catalog.file.fields, catalog.file.offences, data, today)
    context = {name: as_text(values.get(name), catalog.file.offences) for name in letter.field_names()}
    routes = letter_routes(catalog, letter, values, state, answers)
    blocks = _letter_blocks(catalog, letter, values, context, today)
    checklist = _checklist_blocks(
        catalog, letter, values, context, state, today, routes
    )  # numbered apart from the letter
    return Page(catalog.render(letter.subject, context), tuple(blocks), "letter", tuple(checklist))


def letter_routes(
    catalog: DocumentCatalog,
    letter: Letter,
    values: Mapping[str, FormValue],
    state: str | None,
    answers: Mapping[str, Any] | None = None,
) -> list[Provider]:
    """Where else the letter can go: its routes as the result would show them (the same selection and
    order, guide/matching.py), for the incidents answered and those of the offences chosen. A letter that
    reports an incident of `in_person_first` (flows/ranking.yaml: an attack, a threat or stalking) is chosen
    for those alone: one filing goes where all of it is taken, and online stations do not take violent
    crimes."""
    if state is None or catalog.ranking is None:
        return []
    ranking = catalog.ranking
    chosen = set(values.get("offences") or ())
    incidents = {i for o in catalog.file.offences if o.value in chosen for i in o.incidents}
    incidents |= set((answers or {}).get("incident") or ())
    violent = set(ranking.in_person_first(incidents))
    police = str((answers or {}).get("police") or "yes")
    candidates = [catalog.providers[i] for i in letter.routes if i in catalog.providers]

    def selected(chosen: set[str]) -> list[Provider]:
        case = {"incident": sorted(chosen), "danger": "no", "state": state, "police": police}
        return match_providers(candidates, case, ranking)

    routes = selected(violent or incidents)
    for incident in violent:  # each violent incident must be taken, not just one of them
        taking = {p.id for p in selected({incident})}
        routes = [p for p in routes if p.id in taking]
    return routes


def _letter_blocks(
    catalog: DocumentCatalog, letter: Letter, values: Mapping[str, FormValue], context: Mapping[str, str], today: date
) -> list[Block]:
    words = catalog.file.letter_words
    body = [_body_block(catalog, block, values, context) for block in letter.body if _shown(catalog, block, values)]
    if letter.form == "statement":  # published, not sent: no letterhead, greeting or signature line
        return [Heading(catalog.render(letter.subject, context), 1), *body]
    recipient = catalog.render(letter.recipient or "", context) or words.recipient_missing
    day = values.get("date")
    dateline = plain_date(day if isinstance(day, date) else today)
    if context.get("place"):
        dateline = f"{context['place']}, {dateline}"
    blocks: list[Block] = [
        Paragraph(catalog.render(letter.sender or "", context), "sender"),
        Paragraph(recipient, "recipient"),
        Paragraph(dateline, "right"),
        Heading(catalog.render(letter.subject, context), 1),
        *body,
    ]
    blocks += [
        Paragraph(words.closing, "closing"),
        Paragraph(f"{SIGNATURE_LINE}\n{context.get('name', '')}", "signature"),
    ]
    return blocks


def _shown(catalog: DocumentCatalog, block: LetterBlock, values: Mapping[str, FormValue]) -> bool:
    """A block shows when its fields are filled: those it names in `needs` and every placeholder it uses."""
    used = set(block.needs)
    for text in (block.text, block.heading):
        if text is not None:
            used |= catalog.names[text]
    if block.offence_list:
        used.add("offences")
    return all(values.get(name) for name in used) and not any(values.get(name) for name in block.unless)


def _body_block(
    catalog: DocumentCatalog, block: LetterBlock, values: Mapping[str, FormValue], context: Mapping[str, str]
) -> Block:
    if block.heading is not None:
        return Heading(catalog.render(block.heading, context), 2)
    if block.offence_list:
        chosen = values.get("offences") or ()
        names = {o.value: f"{o.name} ({o.law})" for o in catalog.file.offences}
        return Bullets(tuple(names[value] for value in chosen))
    return Paragraph(catalog.render(block.text or "", context), block.style)


def _checklist_blocks(
    catalog: DocumentCatalog,
    letter: Letter,
    values: Mapping[str, FormValue],
    context: Mapping[str, str],
    state: str | None,
    today: date,
    routes: list[Provider],
) -> list[Block]:
    words = catalog.file.letter_words
    title, disclaimer, todo_title, send_to_title, sources_title = _user_page_words(catalog, letter)
    blocks: list[Block] = [Heading(title, 1), Paragraph(disclaimer, "strong")]
    if any(missing_glyphs(text) for text in context.values()):
        blocks.append(Paragraph(words.unsupported_chars))
    blocks += _deadline_section(catalog, letter, values, state, today)
    blocks += [
        Heading(todo_title, 2),
        Bullets(tuple(catalog.render(item, context) for item in letter.checklist), "check"),
        Heading(send_to_title, 2),
        Paragraph(catalog.render(letter.send_to, context)),
    ]
    blocks += _route_blocks(catalog, routes, state)
    sources = _sources(catalog, letter, values)
    deadline = letter_deadline(catalog, letter, values, state, today)
    if deadline is not None:  # the deadline's own norms: § 43 StPO, the date on the envelope, the seat
        sources = list({s.url: s for s in [*sources, *deadline_text(catalog, deadline, today).sources]}.values())
    blocks += [
        Heading(sources_title, 2),
        Bullets(tuple(f"{s.label}: {s.url}" for s in sources)),
    ]
    blocks += [Heading(words.advice_title, 2), *advice_cards(catalog)]
    return blocks


def _user_page_words(catalog: DocumentCatalog, letter: Letter) -> tuple[str, str, str, str, str]:
    """The headings of the page for the user: a text to publish is not sent, and its sources are advice."""
    w = catalog.file.letter_words
    if letter.form == "statement":
        titles = (w.statement_checklist_title, w.statement_disclaimer, w.statement_todo_title)
        return (*titles, w.statement_send_to_title, w.statement_sources_title)
    return (w.checklist_title, w.disclaimer, w.todo_title, w.send_to_title, w.sources_title)


def _deadline_section(
    catalog: DocumentCatalog, letter: Letter, values: Mapping[str, FormValue], state: str | None, today: date
) -> list[Block]:
    deadline = letter_deadline(catalog, letter, values, state, today)
    return deadline_blocks(catalog, deadline, today) if deadline is not None else []


def letter_deadline(
    catalog: DocumentCatalog, letter: Letter, values: Mapping[str, FormValue], state: str | None, today: date
) -> Deadline | None:
    """The letter's deadline from its date field (DATE_FIELDS). It is counted for the office's state: the
    letter's field of kind `state` (the addressee's seat; empty: only the holidays of every state), else
    the user's `state` (without one, no deadline)."""
    start = next((values.get(name) for name, use in DATE_FIELDS.items() if use == letter.deadline), None)
    if letter.deadline is None or not isinstance(start, date):
        return None
    office_fields = [name for name in letter.field_names() if catalog.file.fields[name].kind == "state"]
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


def _route_blocks(catalog: DocumentCatalog, routes: list[Provider], state: str | None) -> list[Block]:
    if state is None or not routes:
        return []
    intro = catalog.render(catalog.file.letter_words.routes_intro, {"state_name": catalog.state_name(state)})
    cards: list[Card] = [contact_card(catalog, provider) for provider in routes]
    return [Paragraph(intro), *cards]


def _sources(catalog: DocumentCatalog, letter: Letter, values: Mapping[str, FormValue]) -> list[Source]:
    """The letter's sources, those of every paragraph shown and of every offence chosen, each once."""
    found: list[Source] = list(letter.sources)
    for block in letter.body:
        if _shown(catalog, block, values):
            found += block.sources
    chosen = set(values.get("offences") or ())
    found += [o.source for o in catalog.file.offences if o.value in chosen]
    return list({source.url: source for source in found}.values())
