"""Command line: `python -m lotse check|answer|coverage|links|deadline|letter|handout`.

Every input the command line takes (arguments, a batch file, standard input) can be hostile or
simply wrong. Each problem ends with exit code 2 and one German line that names it, never with a
traceback and never with a guess. A reader that closes the pipe early (`| head`) ends the output.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from lotse.case.commands import add_case_commands
from lotse.check import links, validate
from lotse.check.coverage import coverage_report, scenario_report
from lotse.content import jsoninput
from lotse.content.loader import Content
from lotse.content.problems import AnswerError, Problem
from lotse.documents.commands import Hooks, add_document_commands
from lotse.guide.answers import parse_pairs
from lotse.guide.result import Result, compute_result

REPO_ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
MAX_LINE_CHARS = 100_000
"""A batch line longer than this is not an answer set."""
MAX_BATCH_BYTES = 20_000_000
"""A batch longer than this (or endless, like /dev/zero) stops with exit 2 after what was answered."""


class UsageError(Exception):
    """Wrong input on the command line; the message is shown as it is."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"Fehler: {message}. Hilfe: {self.prog} --help", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        arguments = [_checked_argument(argument) for argument in (sys.argv[1:] if argv is None else argv)]
        args = _parser().parse_args(arguments)
        return int(args.handler(args))
    except UsageError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK


def _checked_argument(argument: str) -> str:
    """Arguments that are not valid text (a lone surrogate from a broken terminal) are refused."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError("Ein Argument enthält Zeichen, die kein gültiger Text sind (Kodierung prüfen).") from None
    return argument


def _silence_stdout() -> None:
    """After a closed pipe, Python would fail again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _directory(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise argparse.ArgumentTypeError(f"'{_shown(value)}' ist kein Ordner (erwartet: der Ordner mit flows/)")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m lotse", description="Lotse: Wegweiser bei Hass und Bedrohung.")
    sub = parser.add_subparsers(required=True, metavar="BEFEHL", parser_class=_Parser)

    check = sub.add_parser("check", help="Inhalte (flows/, providers.yaml) prüfen")
    check.add_argument("--root", type=_directory, default=REPO_ROOT, help="Ordner mit flows/ und providers.yaml")
    check.add_argument("--strict", action="store_true", help="Warnungen wie Fehler behandeln")
    check.set_defaults(handler=_check)

    answer = sub.add_parser("answer", help="Ergebnis für Antworten berechnen")
    answer.add_argument("pairs", nargs="*", metavar="KEY=VALUE", help="z. B. incident=threat,online_hate state=BY")
    answer.add_argument("--json", action="store_true", help="als JSON ausgeben")
    answer.add_argument("--batch", metavar="FILE", help="JSON Lines mit Antworten ('-' = Standardeingabe)")
    answer.add_argument("--root", type=_directory, default=REPO_ROOT, help=argparse.SUPPRESS)
    answer.set_defaults(handler=_answer)

    coverage = sub.add_parser("coverage", help="Abdeckung: Länder × Arten von Kontakten, veraltete Einträge, Lücken")
    coverage.add_argument("--root", type=_directory, default=REPO_ROOT, help="Ordner mit flows/ und providers.yaml")
    coverage.add_argument(
        "--scenarios", action="store_true", help="stattdessen: Knoten und Schritte, die kein Szenario erreicht"
    )
    coverage.set_defaults(handler=_coverage)

    links_parser = sub.add_parser("links", help="Quellen und Links im Netz prüfen (braucht Internet)")
    links.add_arguments(links_parser)
    links_parser.set_defaults(handler=links.run)

    add_document_commands(sub, Hooks(REPO_ROOT, load_or_report, parse_pairs))
    add_case_commands(sub, Hooks(REPO_ROOT, load_or_report, parse_pairs))
    return parser


# --- check and coverage ---------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    report = validate(args.root)
    for problem in report.errors + report.warnings:
        print(problem)
    warnings = len(report.warnings)
    print(f"{len(report.errors)} Fehler, {warnings} {'Warnung' if warnings == 1 else 'Warnungen'}.")
    return EXIT_CONTENT if report.failed(args.strict) else EXIT_OK


def load_or_report(root: Path) -> Content | None:
    """The checked content; on errors, print them (to stderr) and return None."""
    report = validate(root, warnings=False)
    if report.content is None:
        _print_problems(report.errors)
        print("Die Inhalte haben Fehler. Details: python -m lotse check", file=sys.stderr)
    return report.content


def _print_problems(problems: Iterable[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _coverage(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return EXIT_CONTENT
    print(scenario_report(content) if args.scenarios else coverage_report(content))
    return EXIT_OK


# --- answer ---------------------------------------------------------------------------------------


def _answer(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return EXIT_CONTENT
    if args.batch:
        if args.pairs:
            raise UsageError("Entweder KEY=VALUE-Paare oder --batch, nicht beides.")
        with _open_batch(args.batch) as lines:
            return _answer_batch(content, lines)
    try:
        result = compute_result(content, parse_pairs(content, args.pairs))
    except AnswerError as exc:
        raise UsageError(_shown(str(exc))) from None
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2) if args.json else as_text(result))
    return EXIT_OK


def _open_batch(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    try:
        return open(name, "rb")
    except FileNotFoundError:
        raise UsageError(f"Die Datei '{_shown(name)}' gibt es nicht.") from None
    except IsADirectoryError:
        raise UsageError(f"'{_shown(name)}' ist ein Ordner, keine Datei mit JSON-Zeilen.") from None
    except OSError as exc:
        raise UsageError(f"Die Datei '{_shown(name)}' lässt sich nicht lesen ({exc.strerror}).") from None


def _answer_batch(content: Content, lines: IO[bytes]) -> int:
    """One JSON object per line in, one JSON result (or error) per line out; exit 2 if any line failed."""
    status = EXIT_OK
    for number, line in enumerate(_bounded_lines(lines), start=1):
        if line is not None and not line.strip():
            continue
        try:
            output: dict[str, Any] = compute_result(content, _batch_answers(line)).to_json()
        except AnswerError as exc:
            output, status = {"error": f"Zeile {number}: {_shown(str(exc))}"}, EXIT_USAGE
        print(json.dumps(output, ensure_ascii=False))
    return status


def _bounded_lines(stream: IO[bytes]) -> Iterator[str | None]:
    """The lines of `stream` as text, None for a line too long to be read whole. Reading stops with a
    UsageError after MAX_BATCH_BYTES (an endless input such as /dev/zero too)."""
    line_limit, total = 4 * MAX_LINE_CHARS + 1, 0  # UTF-8 needs at most 4 bytes a character
    while chunk := stream.readline(line_limit):
        total += len(chunk)
        whole = len(chunk) < line_limit or chunk.endswith(b"\n")
        while not whole and total <= MAX_BATCH_BYTES and (rest := stream.readline(line_limit)):
            total += len(rest)
            whole = rest.endswith(b"\n")
        if total > MAX_BATCH_BYTES:
            raise UsageError(f"Die Eingabe ist größer als {MAX_BATCH_BYTES // 1_000_000} MB. Bitte aufteilen.")
        if len(chunk) == line_limit and not chunk.endswith(b"\n"):
            yield None
            continue
        try:
            yield chunk.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError("Die Datei ist nicht in UTF-8 gespeichert.") from None


def _batch_answers(line: str | None) -> Any:
    if line is None or len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
        raise AnswerError(f"Die Zeile ist länger als {MAX_LINE_CHARS} Zeichen.")
    try:
        return jsoninput.loads(line)
    except jsoninput.JsonInputError as exc:
        raise AnswerError(str(exc)) from None


def as_text(result: Result) -> str:
    lines = ["NOTFALL: Rufen Sie 110 an." if result.emergency else "", "Nächste Schritte:"]
    lines += [f"  {i}. {step.title}" for i, step in enumerate(result.steps, start=1)]
    lines.append("Kontakte:")
    for contact in result.contacts:
        channels = ", ".join(c for c in (contact.phone, contact.email, contact.url) if c)
        lines.append(f"  - {contact.name} ({channels})")
    return "\n".join(line for line in lines if line)


def _shown(text: str, limit: int = 200) -> str:
    """Untrusted text for a message: invisible and non-text characters escaped, length limited."""
    safe = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
    return safe if len(safe) <= limit else safe[:limit] + "…"
