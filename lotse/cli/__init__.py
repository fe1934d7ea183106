"""Layer 6, the command line: `python -m lotse check|answer|coverage|links|deadline|letter|handout|case`.

Every input the command line takes (arguments, a batch file, standard input) can be hostile or
simply wrong. Each problem ends with one German line that names it and one of the exit codes of
`Exit` (README, "Exit codes"), never with a traceback and never with a guess. A reader that closes
the pipe early (`| head`) ends the output. argparse's own words ("usage:", "options", its errors) are
German too: they come from texts/de.yaml (`cli.argparse`) through argparse's gettext.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from lotse.cli import answer, case, check, documents, links
from lotse.cli.base import ContentMissingError, Exit, UsageError, said, words
from lotse.content.problems import AnswerError
from lotse.content.texts import fill
from lotse.documents.deadlines import DeadlineError
from lotse.documents.forms import FormError

__all__ = ["Exit", "UsageError", "main"]


class _Formatter(argparse.HelpFormatter):
    """Help texts come from texts/de.yaml: a '%' an editor writes there is a percent sign, not a format."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return action.help.replace("%", "%%") if action.help else action.help


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs, formatter_class=_Formatter)

    def error(self, message: str) -> NoReturn:
        print(fill(words().usage, message=message, program=self.prog), file=sys.stderr)
        raise SystemExit(Exit.USAGE)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _run(sys.argv[1:] if argv is None else argv)
    except ContentMissingError:
        return Exit.CONTENT
    except BrokenPipeError:
        _silence_stdout()
        return Exit.OK


def _run(argv: Sequence[str]) -> int:
    try:
        with _argparse_in(words().argparse):
            args = _parser().parse_args([_checked_argument(argument) for argument in argv])
        return int(args.handler(args))
    except (UsageError, AnswerError, DeadlineError, FormError) as exc:
        error = words().error
        for line in said(exc).splitlines():
            print(fill(error, message=line), file=sys.stderr)
        return Exit.USAGE


@contextmanager
def _argparse_in(table: Mapping[str, str]) -> Iterator[None]:
    """argparse's messages in the words of `table` (its English as keys) while the parser is built and
    reads the arguments (help and usage errors included). argparse looks its words up through its module's
    `_` and `ngettext` each time it needs one (Python's gettext); they are put back afterwards, so nothing
    else in the process (Streamlit included) speaks differently."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def plural(singular: str, several: str, count: int) -> str:
        message = singular if count == 1 else several
        return table.get(message, message)

    argparse._ = lambda message: table.get(message, message)  # type: ignore[attr-defined]
    argparse.ngettext = plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def _checked_argument(argument: str) -> str:
    """Arguments that are not valid text (a lone surrogate from a broken terminal) are refused."""
    try:
        argument.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(words().bad_argument) from None
    return argument


def _silence_stdout() -> None:
    """After a closed pipe, Python would fail again when it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _parser() -> argparse.ArgumentParser:
    said = words()
    parser = _Parser(prog="python -m lotse", description=said.description)
    sub = parser.add_subparsers(required=True, metavar=said.names.command, parser_class=_Parser)
    check.add_check_commands(sub, said)
    answer.add_answer_command(sub, said)
    links_parser = sub.add_parser("links", help=said.links.help)
    links.add_arguments(links_parser, said)
    links_parser.set_defaults(handler=links.run)
    documents.add_document_commands(sub, said)
    case.add_case_commands(sub, said)
    return parser
