"""`answer`: the result for one answer set (KEY=VALUE pairs) or for many (`--batch`, JSON Lines)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lotse.cli.base import REPO_ROOT, Exit, UsageError, json_message, load_or_report, open_file, said, shown, words
from lotse.cli.check import directory
from lotse.content import jsoninput
from lotse.content.loader import Content
from lotse.content.problems import AnswerError
from lotse.content.texts import CliAnswerTexts, CliTexts, fill
from lotse.guide.answers import parse_pairs
from lotse.guide.result import Result, compute_result

MAX_LINE_CHARS = 100_000
"""A batch line longer than this is not an answer set."""
MAX_BATCH_BYTES = 20_000_000
"""A batch longer than this (or endless, like /dev/zero) stops with exit 2 after what was answered."""


def add_answer_command(sub: Any, said: CliTexts) -> None:
    answer = sub.add_parser("answer", help=said.answer.help)
    answer.add_argument("pairs", nargs="*", metavar="KEY=VALUE", help=said.answer.pairs)
    answer.add_argument("--json", action="store_true", help=said.answer.as_json)
    answer.add_argument("--batch", metavar=said.names.file, help=said.answer.batch)
    answer.add_argument("--root", type=directory, default=REPO_ROOT, help=argparse.SUPPRESS)
    answer.set_defaults(handler=_answer)


def _answer(args: argparse.Namespace) -> int:
    content = load_or_report(args.root)
    if content is None:
        return Exit.CONTENT
    if args.batch:
        if args.pairs:
            raise UsageError(words().answer.pairs_or_batch)
        with _open_batch(args.batch) as lines:
            return _answer_batch(content, lines)
    try:
        result = compute_result(content, parse_pairs(content, args.pairs))
    except AnswerError as exc:
        raise UsageError(shown(said(exc))) from None
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2) if args.json else as_text(result, words().answer))
    return Exit.OK


def _open_batch(name: str) -> IO[bytes]:
    if name == "-":
        return sys.stdin.buffer
    if Path(name).is_dir():
        raise UsageError(fill(words().answer.batch_folder, path=shown(name)))
    return open_file(Path(name))


def _answer_batch(content: Content, lines: IO[bytes]) -> int:
    """One JSON object per line in, one JSON result (or error) per line out; exit 2 if any line failed."""
    status = Exit.OK
    for number, line in enumerate(_bounded_lines(lines), start=1):
        if line is not None and not line.strip():
            continue
        try:
            output: dict[str, Any] = compute_result(content, _batch_answers(line)).to_json()
        except AnswerError as exc:
            output = {"error": fill(words().answer.line, number=number, message=shown(said(exc)))}
            status = Exit.USAGE
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
            raise UsageError(fill(words().answer.batch_too_large, size=MAX_BATCH_BYTES // 1_000_000))
        if len(chunk) == line_limit and not chunk.endswith(b"\n"):
            yield None
            continue
        try:
            yield chunk.decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(words().answer.not_utf8) from None


def _batch_answers(line: str | None) -> Any:
    if line is None or len(line.rstrip("\r\n")) > MAX_LINE_CHARS:
        raise AnswerError(fill(words().answer.line_too_long, limit=MAX_LINE_CHARS))
    try:
        return jsoninput.loads(line)
    except jsoninput.JsonInputError as exc:
        raise AnswerError(json_message(exc)) from None


def as_text(result: Result, said: CliAnswerTexts) -> str:
    lines = [said.emergency if result.emergency else "", said.steps]
    lines += [f"  {i}. {step.title}" for i, step in enumerate(result.steps, start=1)]
    lines.append(said.contacts)
    for contact in result.contacts:
        channels = ", ".join(c for c in (contact.phone, contact.email, contact.url) if c)
        lines.append(f"  - {contact.name} ({channels})")
    return "\n".join(line for line in lines if line)
