"""What the case turns into: the police timeline (tagged A4 PDF, like the other documents), a CSV for a
counsellor, and the values that fill the Strafantrag and the Sachstand letters. All in memory; every
word comes from texts/de.yaml (`case`) and the guide's labels. Both exports are unencrypted: the page
says so before they are made."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Final

from lotse.case.deadlines import incident_deadline
from lotse.case.model import Case, Incident
from lotse.content.loader import Content
from lotse.content.texts import CaseTexts, fill
from lotse.documents.blocks import Block, Bullets, Heading, Page, Paragraph
from lotse.documents.catalog import DocumentCatalog
from lotse.documents.document import Document
from lotse.documents.forms import FormValue
from lotse.documents.german import long_date, numeric_date, plain_date
from lotse.documents.typeset import typeset_pdf

PDF_FILE = "Lotse-Zeitstrahl-fuer-die-Polizei.pdf"
PDF_PART_FILE = "Lotse-Zeitstrahl-fuer-die-Polizei-Teil-{part}.pdf"
PDF_PART_CHARACTERS: Final = 1_000_000
"""Characters of incidents (as the case file holds them) in one police PDF. Typst sets about a million
characters a second here, so one tap holds a server thread for about a second at most. Every case a saved
file can hold (700 kB) fits one PDF; only a case typed far beyond that comes in parts, each one render
(docs/performance.md has the figures)."""
CSV_FILE = "Lotse-Vorfaelle.csv"
PDF_MIME = "application/pdf"
CSV_MIME = "text/csv; charset=utf-8"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts like this as a formula; such cells get a leading apostrophe."""


class Labels:
    """The words for one incident's values: field labels, channels, kinds, offences."""

    def __init__(self, content: Content, catalog: DocumentCatalog | None) -> None:
        self.words: CaseTexts = content.texts.case
        questions = content.questions()
        self.channel = questions["channel"].label_of if "channel" in questions else str
        self.kind = questions["incident"].label_of
        self.offences = {o.value: f"{o.name} ({o.law})" for o in catalog.file.offences} if catalog else {}

    def field(self, name: str) -> str:
        return self.words.fields[name].label if name in self.words.fields else self.words.labels[name]

    def rows(self, incident: Incident) -> list[tuple[str, str]]:
        """(label, value) for every filled value of the incident, in the form's order."""
        return [(self.field(name), value) for name, value in self.values(incident)]

    def values(self, incident: Incident) -> list[tuple[str, str]]:
        """(field name, value as read) for every filled value of the incident, in the form's order."""
        reports = incident.reports
        when = plain_date(incident.happened_on) + (f", {incident.happened_time}" if incident.happened_time else "")
        values = [
            ("happened_on", when),
            ("learned_on", plain_date(incident.learned_on)),
            ("channel", self.channel(incident.channel) if incident.channel else ""),
            ("place", incident.place),
            ("post_url", incident.post_url),
            ("profile_url", incident.profile_url),
            ("author", incident.author),
            ("author_known", self.words.known[incident.author_known] if incident.author else ""),
            ("words", incident.words),
            ("context", incident.context),
            ("kinds", "; ".join(self.kind(k).rstrip(".") for k in incident.kinds)),
            ("offences", ", ".join(self.offences.get(o, o) for o in incident.offences)),
            ("witnesses", incident.witnesses),
            ("platform", reports.platform),
            ("platform_ticket", reports.platform_ticket),
            ("police_station", reports.police_station),
            ("aktenzeichen", reports.aktenzeichen),
            ("reported_on", _day(reports.reported_on)),
            ("strafantrag_on", _day(reports.strafantrag_on)),
            ("status_requests", ", ".join(numeric_date(d) for d in reports.status_requests)),
            ("effects", incident.effects),
            ("safety", incident.safety),
        ]
        return [(name, value) for name, value in values if value]

    def evidence(self, incident: Incident) -> list[str]:
        labels = self.words.labels
        items = []
        for item in incident.evidence:
            parts = [item.kind]
            if item.captured_on:
                parts.append(f"{labels['evidence_captured']} {numeric_date(item.captured_on)}")
            if item.kept_where:
                parts.append(f"{labels['evidence_kept']} {item.kept_where}")
            items.append(" – ".join(p for p in parts if p))
        return items


def pair(label: str, value: str) -> str:
    """'Aktenzeichen: 123 Js 4567/26', and a question without the colon: 'Wer war es? Wahrheit123'."""
    return f"{label} {value}" if label.endswith("?") else f"{label}: {value}"


def _day(day: date | None) -> str:
    return plain_date(day) if day else ""


def oldest_first(case: Case) -> list[Incident]:
    return list(reversed(case.newest_first()))


# --- the police timeline -------------------------------------------------------------------------


def police_parts(case: Case) -> list[tuple[int, int]]:
    """The police PDFs the case needs, as (first, last) incident numbers, oldest first: as many incidents
    in each as fit PDF_PART_CHARACTERS, at least one; one part for an empty case."""
    parts: list[tuple[int, int]] = []
    first, characters = 1, 0
    for number, incident in enumerate(oldest_first(case), start=1):
        size = len(incident.model_dump_json())
        if characters and characters + size > PDF_PART_CHARACTERS:
            parts.append((first, number - 1))
            first, characters = number, 0
        characters += size
    parts.append((first, max(first, len(case.incidents))))
    return parts


def police_page(content: Content, catalog: DocumentCatalog | None, case: Case, today: date, part: int = 1) -> Page:
    """The timeline of one part (1, 2, …) of the case: its incidents, their evidence and deadlines,
    numbered as in the whole case. A part outside the case is refused (a value sent past the page)."""
    parts = police_parts(case)
    if not 1 <= part <= len(parts):
        raise ValueError(f"no part {part}: the case has {len(parts)}")  # a value sent past the page
    labels = Labels(content, catalog)
    words = labels.words
    first, last = parts[part - 1]
    start = first - 1
    incidents = oldest_first(case)[start:last]
    blocks: list[Block] = [
        Heading(words.pdf_title, 1),
        Paragraph(fill(words.pdf_date, date=plain_date(today)), "strong"),
        Paragraph(words.pdf_note, "small"),
    ]
    if len(parts) > 1:
        blocks.append(Paragraph(fill(words.pdf_part, part=part, parts=len(parts), first=first, last=last), "strong"))
    blocks.append(Heading(words.pdf_timeline, 2))
    for number, incident in enumerate(incidents, start=start + 1):
        blocks.append(Heading(fill(words.pdf_incident, number=number, date=plain_date(incident.happened_on)), 3))
        # One paragraph per incident, a line per value, the breaks kept by CSS: the fewest boxes to lay out.
        blocks.append(Paragraph("\n".join(pair(label, value) for label, value in labels.rows(incident)), "lines"))
    blocks.append(Heading(words.pdf_evidence, 2))
    index = [
        f"{fill(words.pdf_incident, number=number, date=numeric_date(incident.happened_on))}: {item}"
        for number, incident in enumerate(incidents, start=start + 1)
        for item in labels.evidence(incident)
    ]
    blocks.append(Bullets(tuple(index), "index") if index else Paragraph(words.pdf_no_evidence))
    if case.state is not None:
        blocks += [
            Heading(words.pdf_deadlines, 2),
            Bullets(tuple(_deadline_lines(words, case.state, incidents, today, start + 1)), "index"),
        ]
    return Page(words.pdf_title, tuple(blocks), "handout")


def _deadline_lines(words: CaseTexts, state: str, incidents: Sequence[Incident], today: date, first: int) -> list[str]:
    lines = []
    for number, incident in enumerate(incidents, start=first):
        deadline = incident_deadline(incident, state)
        text = words.pdf_deadline if deadline.days_left(today) >= 0 else words.pdf_deadline_passed
        lines.append(
            fill(text, number=number, date=numeric_date(incident.happened_on), last_day=long_date(deadline.last_day))
        )
    return lines


def police_pdf(content: Content, catalog: DocumentCatalog | None, case: Case, today: date, part: int = 1) -> Document:
    name = PDF_FILE if len(police_parts(case)) == 1 else PDF_PART_FILE.format(part=part)
    return Document(name, PDF_MIME, typeset_pdf(police_page(content, catalog, case, today, part)))


# --- the counsellor's table ----------------------------------------------------------------------


def counsellor_csv(content: Content, catalog: DocumentCatalog | None, case: Case) -> Document:
    """One row per incident, oldest first, every field a column (evidence in one cell); UTF-8 with a byte
    order mark so that spreadsheet programs read the umlauts; no cell can start a formula."""
    labels = Labels(content, catalog)
    names = [
        "happened_on", "learned_on", "channel", "place", "post_url", "profile_url", "author", "author_known",
        "words", "context", "kinds", "offences", "evidence", "witnesses", "platform", "platform_ticket",
        "police_station", "aktenzeichen", "reported_on", "strafantrag_on", "status_requests", "effects", "safety",
    ]  # fmt: skip
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([labels.field(name) for name in names])
    for incident in oldest_first(case):
        row = dict(labels.values(incident))
        row["evidence"] = " | ".join(labels.evidence(incident))
        writer.writerow([_cell(row.get(name, "")) for name in names])
    return Document(CSV_FILE, CSV_MIME, ("\ufeff" + buffer.getvalue()).encode("utf-8"))


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


# --- the letters ---------------------------------------------------------------------------------


def strafantrag_defaults(
    content: Content, catalog: DocumentCatalog, incidents: Sequence[Incident]
) -> dict[str, FormValue]:
    """The Strafantrag form filled from the chosen incidents (oldest first): when, where, what (the exact
    words of each), the author(s), the offences, the evidence list and the earliest day of knowledge."""
    if not incidents:
        return {}
    labels = Labels(content, catalog)
    words = labels.words
    first, last = incidents[0], incidents[-1]
    one = len(incidents) == 1
    when = (
        labels.rows(first)[0][1]
        if one
        else fill(
            words.letter_span,
            first=plain_date(first.happened_on),
            last=plain_date(last.happened_on),
            count=len(incidents),
        )
    )
    places = list(dict.fromkeys(i.post_url or i.place for i in incidents if i.post_url or i.place))
    where = places[0] if len(places) == 1 else (words.letter_where_many if places else "")
    authors = list(dict.fromkeys(i.author for i in incidents if i.author))
    kinds = {k for i in incidents for k in i.kinds}
    offences = [
        o.value
        for o in catalog.file.offences
        if kinds & set(o.incidents) or any(o.value in i.offences for i in incidents)
    ]
    evidence = [item for i in incidents for item in labels.evidence(i)]
    aktenzeichen = list(dict.fromkeys(i.reports.aktenzeichen for i in incidents if i.reports.aktenzeichen))
    values: dict[str, FormValue] = {
        "incident_when": when,
        "incident_where": where,
        "what_happened": "\n\n".join(_told(labels, number, i, one) for number, i in enumerate(incidents, start=1)),
        "suspect": ", ".join(authors),
        "offences": tuple(offences),
        "evidence": "\n".join(evidence),
        "learned": min(i.learned_on for i in incidents),
    }
    if len(aktenzeichen) == 1:
        values["aktenzeichen"] = aktenzeichen[0]
    return {name: value for name, value in values.items() if value}


def _told(labels: Labels, number: int, incident: Incident, one: bool) -> str:
    words = labels.words
    head = [] if one else [fill(words.pdf_incident, number=number, date=plain_date(incident.happened_on))]
    if not one and (incident.post_url or incident.place):
        head.append(incident.post_url or incident.place)
    lines = [" – ".join(head)] if head else []
    if incident.words:
        lines.append(f"„{incident.words}“")
    if incident.context:
        lines.append(incident.context)
    if incident.profile_url:
        lines.append(fill(words.letter_profile, url=incident.profile_url))
    return "\n".join(lines)


def sachstand_defaults(incident: Incident) -> dict[str, FormValue]:
    """The Sachstand form filled from one incident's report: Aktenzeichen, day and place of the report."""
    reports = incident.reports
    values: dict[str, FormValue] = {"aktenzeichen": reports.aktenzeichen, "reported_where": reports.police_station}
    if reports.reported_on:
        values["reported_on"] = reports.reported_on
    return {name: value for name, value in values.items() if value}


def with_aktenzeichen(case: Case) -> list[Incident]:
    return [i for i in case.newest_first() if i.reports.aktenzeichen]
