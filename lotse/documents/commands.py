"""The `deadline`, `letter` and `handout` commands. The command line is the only place that writes a
file, and only the one the user names with --out or --ics. Wrong input exits 2 with a German message."""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from lotse.content import jsoninput
from lotse.content.loader import Content
from lotse.content.problems import AnswerError, ContentError
from lotse.documents.calendar import calendar_document
from lotse.documents.catalog import DocumentCatalog, load_catalog
from lotse.documents.dates import days_left
from lotse.documents.deadlines import RULES, Deadline, DeadlineError, check_state, compute_deadline
from lotse.documents.document import Document
from lotse.documents.forms import FormError
from lotse.documents.parts import deadline_text
from lotse.guide.result import compute_result

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
MAX_DATA_BYTES = 200_000
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The one way to write a day; Python's fromisoformat also takes 2026-W10-3 and 20260304."""


class UsageError(ValueError):
    """Input the command cannot use; printed as 'Fehler: …' with exit code 2."""


@dataclass(frozen=True)
class Hooks:
    """What the commands borrow from lotse/cli.py (a higher layer): the content root, loading the
    content with its error report, and the KEY=VALUE parsing of `answer`."""

    root: Path
    load: Callable[[Path], Content | None]
    parse_answers: Callable[[Content, Sequence[str]], dict[str, Any]]


def add_document_commands(sub: Any, hooks: Hooks) -> None:
    deadline = sub.add_parser("deadline", help="Frist genau berechnen (Strafantrag oder Beschwerde)")
    deadline.add_argument("kind", metavar="ART", help="strafantrag (§ 77b StGB) oder beschwerde (§ 172 StPO)")
    deadline.add_argument("day", metavar="DATUM", help="Tag der Kenntnis bzw. des Bescheids, z. B. 2026-03-04")
    deadline.add_argument("--state", required=True, metavar="LAND", help="Bundesland, z. B. BY")
    deadline.add_argument("--json", action="store_true", help="als JSON ausgeben")
    deadline.add_argument("--ics", metavar="DATEI", help="Kalenderdatei (.ics) mit Erinnerung schreiben")
    deadline.set_defaults(handler=_guarded(hooks, _deadline))

    letter = sub.add_parser("letter", help="Briefvorlage als PDF oder Word-Datei erzeugen")
    letter.add_argument("letter_id", nargs="?", metavar="ID", help="z. B. strafantrag")
    letter.add_argument("--list", action="store_true", help="alle Briefvorlagen zeigen")
    letter.add_argument("--example", action="store_true", help="mit den Beispieldaten aus der Vorlage")
    letter.add_argument("--data", metavar="DATEI", help="JSON-Datei mit Ihren Angaben")
    letter.add_argument("--state", metavar="LAND", help="Bundesland für Frist und Anlaufstellen, z. B. BY")
    letter.add_argument("--out", metavar="DATEI", help="Zieldatei, endet auf .pdf oder .docx")
    letter.set_defaults(handler=_guarded(hooks, _letter))

    handout = sub.add_parser("handout", help="Ergebnis als PDF zum Ausdrucken")
    handout.add_argument("pairs", nargs="*", metavar="KEY=VALUE", help="dieselben Antworten wie bei 'answer'")
    handout.add_argument("--out", required=True, metavar="DATEI", help="Zieldatei, endet auf .pdf")
    handout.add_argument("--learned", metavar="DATUM", help="Tag, an dem Sie Tat und Täter kannten (Frist)")
    handout.add_argument("--notice", metavar="DATUM", help="Tag, an dem der Einstellungsbescheid ankam (Frist)")
    handout.add_argument("--full", action="store_true", help="ausführliche Fassung: jeder Schritt, jede Stelle")
    handout.set_defaults(handler=_guarded(hooks, _handout))

    for parser in (deadline, letter, handout):
        parser.add_argument("--root", type=Path, default=hooks.root, help=argparse.SUPPRESS)


def _guarded(hooks: Hooks, command: Callable[[argparse.Namespace, Hooks], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args, hooks)
        except (UsageError, DeadlineError, AnswerError, FormError) as exc:
            for line in str(exc).splitlines():
                print(f"Fehler: {line}", file=sys.stderr)
            return EXIT_USAGE
        except _ContentMissingError:
            return EXIT_CONTENT

    return run


class _ContentMissingError(Exception):
    """The content had errors; they were printed already."""


def _catalog(args: argparse.Namespace, hooks: Hooks) -> tuple[Content, DocumentCatalog]:
    content = hooks.load(args.root)
    if content is None:
        raise _ContentMissingError
    try:
        return content, load_catalog(args.root, content)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        raise _ContentMissingError from None


# --- deadline -----------------------------------------------------------------------------------


def _deadline(args: argparse.Namespace, hooks: Hooks) -> int:
    if args.kind not in RULES:
        raise UsageError(f"Unbekannte Frist '{args.kind}'. Möglich: {', '.join(RULES)}.")
    check_state(args.state)
    today = date.today()
    deadline = compute_deadline(args.kind, parse_day(args.day), args.state, today)
    ics = _out_path(args.ics, (".ics",), "--ics") if args.ics is not None else None
    _, catalog = _catalog(args, hooks)
    text = deadline_text(catalog, deadline, today)
    if ics is not None:
        _write(ics, calendar_document(catalog, [deadline]))
    if args.json:
        data = deadline.to_json() | {"sentence": text.sentence, "details": list(text.details), "advice": text.advice}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print("\n".join([text.title, text.sentence, *text.details, text.advice]))
    return EXIT_OK


def parse_day(text: str) -> date:
    """A day written YYYY-MM-DD; other ISO forms (2026-W10-3, 20260304) are refused like any other text."""
    try:
        if not DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{_shown(text)}' ist kein gültiges Datum. Bitte so schreiben: 2026-03-04.") from None


# --- letter -------------------------------------------------------------------------------------


def _letter(args: argparse.Namespace, hooks: Hooks) -> int:
    _, catalog = _catalog(args, hooks)
    if args.list:
        for letter in catalog.file.letters:
            print(f"{letter.id}: {letter.title}\n    {letter.summary.strip()}")
        return EXIT_OK
    if args.letter_id not in catalog.letter_ids():
        raise UsageError(f"Unbekannte Briefvorlage '{args.letter_id}'. Möglich: {', '.join(catalog.letter_ids())}.")
    if args.state is not None:
        check_state(args.state)
    if args.example == bool(args.data):
        raise UsageError("Bitte genau eines angeben: --example oder --data DATEI.")
    out = _out_path(args.out, (".pdf", ".docx"))
    data = dict(catalog.letter(args.letter_id).example) if args.example else _read_data(Path(args.data))
    letters = document_module("lotse.documents.letters")
    make = letters.letter_pdf if out.suffix == ".pdf" else letters.letter_docx
    _write(out, make(catalog, args.letter_id, data, state=args.state))
    return EXIT_OK


def _read_data(path: Path) -> dict[str, Any]:
    """The user's data, read only up to MAX_DATA_BYTES (`--data /dev/zero` ends there)."""
    name = _shown(str(path))
    try:
        with path.open("rb") as stream:
            raw = jsoninput.read_bounded(stream, MAX_DATA_BYTES, name)
    except OSError as exc:
        raise UsageError(f"Die Datei '{name}' lässt sich nicht lesen ({exc.strerror}).") from None
    except jsoninput.JsonInputError as exc:
        raise UsageError(f"Die Datei {exc}") from None
    try:
        data = jsoninput.loads_bytes(raw)
    except jsoninput.JsonInputError as exc:
        raise UsageError(f"In der Datei '{name}': {exc}") from None
    if not isinstance(data, dict):
        raise UsageError('Die JSON-Datei muss ein Objekt sein, z. B. {"name": "Erika Musterfrau"}.')
    return data


# --- handout ------------------------------------------------------------------------------------


def _handout(args: argparse.Namespace, hooks: Hooks) -> int:
    out = _out_path(args.out, (".pdf",))
    content, catalog = _catalog(args, hooks)
    answers = hooks.parse_answers(content, args.pairs)
    result = compute_result(content, answers)
    state, today = str(result.answers["state"]), date.today()
    deadlines: list[Deadline] = []
    for kind, day in (("strafantrag", args.learned), ("beschwerde", args.notice)):
        if day:
            deadlines.append(compute_deadline(kind, parse_day(day), state, today))
    if deadlines:  # as on the screen: the texts for a known date, the urgency of a deadline near its end
        result = compute_result(content, answers, [d.id for d in deadlines], days_left(deadlines, today))
    _write(
        out,
        document_module("lotse.documents.handout").handout_pdf(
            catalog, content, result, today, deadlines, full=args.full
        ),
    )
    return EXIT_OK


def document_module(name: str) -> ModuleType:
    """A module that makes PDF or Word files (lotse.documents.letters, .handout, lotse.case.exports),
    loaded by the command that makes the document: WeasyPrint and python-docx take a second or more to
    load, and `lotse check`, `answer` and `deadline` need neither (tests/test_document_format.py)."""
    return importlib.import_module(name)


# --- files --------------------------------------------------------------------------------------


def _out_path(text: str | None, suffixes: tuple[str, ...], option: str = "--out") -> Path:
    if not text:
        raise UsageError(f"Bitte mit {option} die Zieldatei nennen ({' oder '.join(suffixes)}).")
    path = Path(text)
    if path.suffix.lower() not in suffixes:
        raise UsageError(f"Die Zieldatei muss auf {' oder '.join(suffixes)} enden: {_shown(text)}")
    return path


def _shown(text: str, limit: int = 200) -> str:
    """Untrusted text for a message: invisible and non-text characters escaped, length limited."""
    safe = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
    return safe if len(safe) <= limit else safe[:limit] + "…"


def _write(path: Path, document: Document) -> None:
    try:
        path.write_bytes(document.data)
    except OSError as exc:
        raise UsageError(f"Die Datei '{path}' lässt sich nicht schreiben ({exc.strerror}).") from None
    print(f"Geschrieben: {path} ({len(document.data) // 1024 + 1} kB)", file=sys.stderr)
