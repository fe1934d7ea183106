"""Command line: `python -m lotse check|answer|coverage`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from lotse.check.paths import path_problems
from lotse.check.readability import readability_problems
from lotse.content.loader import Content, check_content, load_content
from lotse.content.problems import AnswerError, ContentError, Problem
from lotse.guide.result import compute_result

REPO_ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    return int(args.handler(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m lotse", description="Lotse: Wegweiser bei Hass und Bedrohung.")
    sub = parser.add_subparsers(required=True, metavar="BEFEHL")

    check = sub.add_parser("check", help="Inhalte (flows/, providers.yaml) prüfen")
    check.add_argument("--root", type=Path, default=REPO_ROOT, help="Ordner mit flows/ und providers.yaml")
    check.add_argument("--strict", action="store_true", help="Warnungen wie Fehler behandeln")
    check.set_defaults(handler=_check)

    answer = sub.add_parser("answer", help="Ergebnis für Antworten berechnen")
    answer.add_argument("pairs", nargs="*", metavar="KEY=VALUE", help="z. B. incident=threat,online_hate state=BY")
    answer.add_argument("--json", action="store_true", help="als JSON ausgeben")
    answer.add_argument("--batch", metavar="FILE", help="JSON Lines mit Antworten ('-' = Standardeingabe)")
    answer.add_argument("--root", type=Path, default=REPO_ROOT, help=argparse.SUPPRESS)
    answer.set_defaults(handler=_answer)

    from lotse.check.coverage import add_coverage_command

    add_coverage_command(sub)
    return parser


def _check(args: argparse.Namespace) -> int:
    content, problems = check_content(args.root)
    if content is not None:
        problems = problems + path_problems(content) + readability_problems(content)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    for problem in sorted(errors, key=_order) + sorted(warnings, key=_order):
        print(problem)
    print(f"{len(errors)} Fehler, {len(warnings)} Warnungen.")
    failed = bool(errors) or (args.strict and bool(warnings))
    return EXIT_CONTENT if failed else EXIT_OK


def _order(problem: Problem) -> tuple[str, int]:
    return problem.file, problem.line


def load_or_report(root: Path) -> Content | None:
    try:
        return load_content(root)
    except ContentError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("Die Inhalte haben Fehler. Details: python -m lotse check", file=sys.stderr)
        return None


def _answer(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return EXIT_CONTENT
    if args.batch:
        stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")  # noqa: SIM115
        with stream:
            return _answer_batch(content, stream)
    try:
        answers = parse_pairs(content, args.pairs)
        result = compute_result(content, answers)
    except AnswerError as exc:
        print(f"Fehler: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_as_text(result))
    return EXIT_OK


def parse_pairs(content: Content, pairs: Sequence[str]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    questions = content.questions()
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep:
            raise AnswerError(f"'{pair}' hat nicht die Form KEY=VALUE.")
        question = questions.get(key)
        answers[key] = value.split(",") if question is not None and question.multiple else value
    return answers


def _answer_batch(content: Content, lines: TextIO) -> int:
    status = EXIT_OK
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            answers = json.loads(line)
            if not isinstance(answers, dict):
                raise AnswerError("Jede Zeile muss ein JSON-Objekt sein.")
            output = compute_result(content, answers).to_json()
        except (AnswerError, json.JSONDecodeError) as exc:
            output, status = {"error": f"Zeile {number}: {exc}"}, EXIT_USAGE
        print(json.dumps(output, ensure_ascii=False))
    return status


def _as_text(result: Any) -> str:
    lines = ["NOTFALL: Rufen Sie 110 an." if result.emergency else "", "Nächste Schritte:"]
    lines += [f"  {i}. {step.title}" for i, step in enumerate(result.steps, start=1)]
    lines.append("Kontakte:")
    for contact in result.contacts:
        channels = ", ".join(c for c in (contact.phone, contact.email, contact.url) if c)
        lines.append(f"  - {contact.name} ({channels})")
    return "\n".join(line for line in lines if line)
