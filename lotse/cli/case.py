"""`case pdf|deadlines|new`: an advisor helps with the file a person brings. The passphrase comes
from a prompt or from --passphrase-file (never from an argument, which other users of the machine can
see)."""

from __future__ import annotations

import argparse
import getpass
import json
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lotse.case.deadlines import case_calendar, case_deadlines
from lotse.case.file import MAX_FILE_BYTES, CaseFileError, first_problem, from_payload, seal, unseal
from lotse.case.model import Case, CaseValueError
from lotse.cli.base import (
    REPO_ROOT,
    Exit,
    UsageError,
    content_and_catalog,
    document_module,
    out_path,
    read_file,
    said,
    words,
    write,
)
from lotse.content.loader import Content
from lotse.content.texts import CliTexts, fill
from lotse.documents.document import Document
from lotse.documents.parts import deadline_text


def add_case_commands(sub: Any, said: CliTexts) -> None:
    case_words = said.case
    case = sub.add_parser("case", help=case_words.help)
    commands = case.add_subparsers(required=True, metavar=said.names.action, parser_class=type(case))

    pdf = commands.add_parser("pdf", help=case_words.pdf)
    pdf.add_argument("file", metavar=said.names.case_file)
    pdf.add_argument("--out", required=True, metavar=said.names.file, help=case_words.pdf_out)
    pdf.add_argument("--teil", type=int, default=1, metavar="N", help=case_words.part)
    pdf.set_defaults(handler=_pdf)

    deadlines = commands.add_parser("deadlines", help=case_words.deadlines)
    deadlines.add_argument("file", metavar=said.names.case_file)
    deadlines.add_argument("--ics", metavar=said.names.file, help=case_words.ics)
    deadlines.set_defaults(handler=_deadlines)

    new = commands.add_parser("new", help=case_words.new)
    new.add_argument("data", metavar=said.names.case_data)
    new.add_argument("--out", required=True, metavar=said.names.file, help=case_words.new_out)
    new.set_defaults(handler=_new)

    for parser in (pdf, deadlines, new):
        parser.add_argument("--passphrase-file", metavar=said.names.file, help=case_words.passphrase_file)
        parser.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)


def _open(args: argparse.Namespace, content: Content) -> Case:
    data = read_file(Path(args.file), MAX_FILE_BYTES)
    try:
        return unseal(data, _passphrase(args, new=False))
    except CaseFileError as exc:
        raise UsageError(file_message(content, exc)) from None


def file_message(content: Content, exc: CaseFileError) -> str:
    """The German message for a file that cannot be opened or saved (texts/de.yaml, case.file_problems)."""
    message = content.texts.case.file_problems[exc.code]
    if exc.code == "invalid" and exc.problem is not None:
        return f"{message} ({exc.detail}: {said(exc.problem)})"
    return message


def _pdf(args: argparse.Namespace) -> int:
    out = out_path(args.out, (".pdf",))
    content, catalog = content_and_catalog(args.root)
    case = _open(args, content)
    exports = document_module("lotse.case.exports")
    parts = len(exports.police_parts(case))
    if not 1 <= args.teil <= parts:
        said = words().case
        have = fill(said.parts, parts=parts) if parts > 1 else said.one_part
        raise UsageError(fill(said.no_part, part=args.teil, have=have))
    write(out, exports.police_pdf(content, catalog, case, date.today(), args.teil))
    if parts > 1:
        print(fill(words().case.part_written, part=args.teil, parts=parts))
    return Exit.OK


def _deadlines(args: argparse.Namespace) -> int:
    ics = out_path(args.ics, (".ics",), "--ics") if args.ics else None
    content, catalog = content_and_catalog(args.root)
    case = _open(args, content)
    if case.state is None:
        raise UsageError(words().case.no_state)
    today = date.today()
    for found in case_deadlines(case):
        incident, text = found.incident, deadline_text(catalog, found.deadline, today)
        author = f" ({incident.author})" if incident.author else ""
        print(f"{incident.happened_on:%d.%m.%Y}{author}: {text.sentence}")
    if ics is not None:
        write(ics, case_calendar(catalog, case))
    return Exit.OK


def _new(args: argparse.Namespace) -> int:
    out = out_path(args.out, (".age",))
    content, _ = content_and_catalog(args.root)
    case = _case_from_json(read_file(Path(args.data), MAX_FILE_BYTES), date.today())
    try:
        data = seal(case, _passphrase(args, new=True))
    except CaseFileError as exc:
        raise UsageError(file_message(content, exc)) from None
    write(out, Document(out.name, "application/octet-stream", data))
    return Exit.OK


def _case_from_json(raw: bytes, today: date) -> Case:
    """A case from JSON: the case itself ({"state": …, "incidents": […]}) or a whole unencrypted payload."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UsageError(words().case.not_json) from None
    if isinstance(data, dict) and "format" in data:
        try:
            case = from_payload(raw)
        except CaseFileError as exc:
            raise UsageError(fill(words().case.not_a_case, code=exc.code)) from None
    else:
        try:
            case = Case.model_validate(data)
        except (ValidationError, CaseValueError) as exc:
            where, problem = first_problem(exc) if isinstance(exc, ValidationError) else ("", exc)
            detail = f"{where}: {said(problem)}" if where else said(problem)
            raise UsageError(fill(words().case.does_not_fit, detail=detail)) from None
    for number, incident in enumerate(case.incidents, start=1):
        if incident.future_dates(today):
            raise UsageError(fill(words().case.future, number=number))
    return case


def _passphrase(args: argparse.Namespace, *, new: bool) -> str:
    if args.passphrase_file:
        first = read_file(Path(args.passphrase_file), MAX_FILE_BYTES).decode("utf-8", errors="replace").splitlines()
        return first[0] if first else ""
    said = words().case
    try:
        secret = getpass.getpass(f"{said.passphrase} ")
        if new and getpass.getpass(f"{said.passphrase_again} ") != secret:
            raise UsageError(said.passphrases_differ)
    except (EOFError, KeyboardInterrupt):
        raise UsageError(said.no_passphrase) from None
    return secret
