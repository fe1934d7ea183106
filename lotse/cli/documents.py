"""`deadline`, `letter` and `handout`: a deadline to the day, a letter as PDF or Word file, the result as
a handout to print."""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from lotse.cli.base import (
    REPO_ROOT,
    Exit,
    UsageError,
    content_and_catalog,
    document_module,
    json_message,
    out_path,
    read_file,
    shown,
    words,
    write,
)
from lotse.content import jsoninput
from lotse.content.texts import CliTexts, fill
from lotse.documents.calendar import calendar_document
from lotse.documents.dates import days_left
from lotse.documents.deadlines import RULES, Deadline, check_state, compute_deadline
from lotse.documents.parts import deadline_text
from lotse.guide.answers import parse_pairs
from lotse.guide.result import compute_result

MAX_DATA_BYTES = 200_000
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The one way to write a day; Python's fromisoformat also takes 2026-W10-3 and 20260304."""


def add_document_commands(sub: Any, said: CliTexts) -> None:
    deadline_words = said.deadline
    deadline = sub.add_parser("deadline", help=deadline_words.help)
    deadline.add_argument("kind", metavar=said.names.kind, help=deadline_words.kind)
    deadline.add_argument("day", metavar=said.names.day, help=deadline_words.day)
    deadline.add_argument("--state", required=True, metavar=said.names.state, help=deadline_words.state)
    deadline.add_argument("--json", action="store_true", help=deadline_words.as_json)
    deadline.add_argument("--ics", metavar=said.names.file, help=deadline_words.ics)
    deadline.set_defaults(handler=_deadline)

    letter_words = said.letter
    letter = sub.add_parser("letter", help=letter_words.help)
    letter.add_argument("letter_id", nargs="?", metavar="ID", help=letter_words.id)
    letter.add_argument("--list", action="store_true", help=letter_words.list)
    letter.add_argument("--example", action="store_true", help=letter_words.example)
    letter.add_argument("--data", metavar=said.names.file, help=letter_words.data)
    letter.add_argument("--state", metavar=said.names.state, help=letter_words.state)
    letter.add_argument("--out", metavar=said.names.file, help=letter_words.out)
    letter.set_defaults(handler=_letter)

    handout_words = said.handout
    handout = sub.add_parser("handout", help=handout_words.help)
    handout.add_argument("pairs", nargs="*", metavar="KEY=VALUE", help=handout_words.pairs)
    handout.add_argument("--out", required=True, metavar=said.names.file, help=handout_words.out)
    handout.add_argument("--learned", metavar=said.names.day, help=handout_words.learned)
    handout.add_argument("--notice", metavar=said.names.day, help=handout_words.notice)
    handout.add_argument("--full", action="store_true", help=handout_words.full)
    handout.set_defaults(handler=_handout)

    for parser in (deadline, letter, handout):
        parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)


# --- deadline -----------------------------------------------------------------------------------


def _deadline(args: argparse.Namespace) -> int:
    if args.kind not in RULES:
        raise UsageError(fill(words().deadline.unknown, kind=shown(args.kind), known=", ".join(RULES)))
    check_state(args.state)
    today = date.today()
    deadline = compute_deadline(args.kind, parse_day(args.day), args.state, today)
    ics = out_path(args.ics, (".ics",), "--ics") if args.ics is not None else None
    _, catalog = content_and_catalog(args.root)
    text = deadline_text(catalog, deadline, today)
    if ics is not None:
        write(ics, calendar_document(catalog, [deadline]))
    if args.json:
        data = deadline.to_json() | {"sentence": text.sentence, "details": list(text.details), "advice": text.advice}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join([text.title, text.sentence, *text.details, text.advice]))
    return Exit.OK


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD; other ISO forms (2026-W10-3, 20260304) are refused like any other text."""
    try:
        if not DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(fill(words().deadline.not_a_day, text=shown(text))) from None


# --- letter -------------------------------------------------------------------------------------


def _letter(args: argparse.Namespace) -> int:
    _, catalog = content_and_catalog(args.root)
    if args.list:
        for letter in catalog.file.letters:
            print(f"{letter.id}: {letter.title}\n    {letter.summary.strip()}")
        return Exit.OK
    known = ", ".join(catalog.letter_ids())
    if args.letter_id is None:
        raise UsageError(fill(words().letter.missing, known=known))
    if args.letter_id not in catalog.letter_ids():
        raise UsageError(fill(words().letter.unknown, letter=shown(str(args.letter_id)), known=known))
    if args.state is not None:
        check_state(args.state)
    if args.example == bool(args.data):
        raise UsageError(words().letter.example_or_data)
    out = out_path(args.out, (".pdf", ".docx"))
    data = dict(catalog.letter(args.letter_id).example) if args.example else _read_data(Path(args.data))
    letters = document_module("lotse.documents.letters")
    make = letters.letter_pdf if out.suffix == ".pdf" else letters.letter_docx
    write(out, make(catalog, args.letter_id, data, state=args.state))
    return Exit.OK


def _read_data(path: Path) -> dict[str, Any]:
    """The user's data, read only up to MAX_DATA_BYTES (`--data /dev/zero` ends there)."""
    raw = read_file(path, MAX_DATA_BYTES)
    try:
        data = jsoninput.loads_bytes(raw)
    except jsoninput.JsonInputError as exc:
        raise UsageError(fill(words().letter.in_file, path=shown(str(path)), message=json_message(exc))) from None
    if not isinstance(data, dict):
        raise UsageError(words().letter.not_an_object)
    return data


# --- handout ------------------------------------------------------------------------------------


def _handout(args: argparse.Namespace) -> int:
    out = out_path(args.out, (".pdf",))
    content, catalog = content_and_catalog(args.root)
    answers = parse_pairs(content, args.pairs)
    result = compute_result(content, answers)
    state, today = str(result.answers.effective["state"]), date.today()
    deadlines: list[Deadline] = []
    for kind, day in (("strafantrag", args.learned), ("beschwerde", args.notice)):
        if day:
            deadlines.append(compute_deadline(kind, parse_day(day), state, today))
    if deadlines:  # as on the screen: the texts for a known date, the urgency of a deadline near its end
        result = compute_result(content, answers, [d.id for d in deadlines], days_left(deadlines, today))
    handout = document_module("lotse.documents.handout")
    write(out, handout.handout_pdf(catalog, content, result, today, deadlines, full=args.full))
    return Exit.OK
