"""What every command shares: the one `UsageError`, the exit codes, loading the checked content, and
reading and writing the files the user names (the command line is the only place that writes a file,
and only the one named with --out or --ics)."""

from __future__ import annotations

import importlib
import sys
from enum import IntEnum
from pathlib import Path
from types import ModuleType
from typing import IO

from lotse.check import Report, validate
from lotse.content import jsoninput
from lotse.content.loader import Content, app_texts
from lotse.content.problems import ContentError, Problem
from lotse.content.texts import CliTexts, Texts, fill
from lotse.documents.catalog import DocumentCatalog, load_catalog
from lotse.documents.document import Document
from lotse.documents.forms import FormError

REPO_ROOT = Path(__file__).resolve().parents[2]
MAX_READ_BYTES = 20_000_000
"""A file a command reads whole (a case file, its JSON, a passphrase file) is never larger than this."""


class Exit(IntEnum):
    """The exit codes of every command (README, "Exit codes"; a test compares the table)."""

    OK = 0
    CONTENT = 1
    USAGE = 2


class UsageError(ValueError):
    """Input the command cannot use (argument, file, data); printed as 'Fehler: …' with exit code 2."""


class ContentMissingError(Exception):
    """The content under --root had errors; they were printed already (exit code 1)."""


def words() -> CliTexts:
    """What the command line says (texts/de.yaml, `cli`), in Lotse's own words whatever --root names; when
    they cannot be read, their problems are printed and the command ends with exit code 1."""
    return _own_texts().cli


def said(problem: Exception) -> str:
    """An error in Lotse's own words: a refusal as `refusals` says it, a letter form's refusals one a line."""
    texts = _own_texts()
    if isinstance(problem, FormError):
        return "\n".join(texts.say(refusal) for _, refusal in problem.problems)
    return texts.say(problem)


def _own_texts() -> Texts:
    texts, problems = app_texts()
    if texts is None:
        print_problems(problems)
        raise ContentMissingError
    return texts


def json_message(exc: jsoninput.JsonInputError) -> str:
    """Why the JSON was refused, in the words of `cli.json_input`."""
    return fill(getattr(words().json_input, exc.code), **exc.values)


def check_report(root: Path, *, warnings: bool = True) -> Report:
    """The one check (lotse.check.validate) of the content under `root`, for every command."""
    return validate(root, warnings=warnings)


def load_or_report(root: Path) -> Content | None:
    """The checked content; on errors, print them (to stderr) and return None."""
    report = check_report(root, warnings=False)
    if report.content is None:
        print_problems(report.errors)
        print(words().content_errors, file=sys.stderr)
    return report.content


def content_and_catalog(root: Path) -> tuple[Content, DocumentCatalog]:
    """The checked content and the letters (flows/documents.yaml), or ContentMissingError after the
    problems were printed."""
    content = load_or_report(root)
    if content is None:
        raise ContentMissingError
    try:
        return content, load_catalog(root, content)
    except ContentError as exc:
        print_problems(exc.problems)
        raise ContentMissingError from None


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def document_module(name: str) -> ModuleType:
    """A module that makes PDF or Word files (lotse.documents.letters, .handout, lotse.case.exports),
    loaded by the command that makes the document: WeasyPrint and python-docx take a second or more to
    load, and `lotse check`, `answer` and `deadline` need neither (tests/test_document_format.py)."""
    return importlib.import_module(name)


def shown(text: str, limit: int = 200) -> str:
    """Untrusted text for a message: invisible and non-text characters escaped, length limited."""
    safe = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)
    return safe if len(safe) <= limit else safe[:limit] + "…"


def out_path(text: str | None, suffixes: tuple[str, ...], option: str = "--out") -> Path:
    """The file the user named to be written, refused unless it ends on one of `suffixes`."""
    said = words()
    either = suffixes[0] if len(suffixes) == 1 else fill(said.either, first=suffixes[0], second=suffixes[1])
    if not text:
        raise UsageError(fill(said.files.name_the_target, option=option, suffixes=either))
    path = Path(text)
    if path.suffix.lower() not in suffixes:
        raise UsageError(fill(said.files.wrong_suffix, suffixes=either, path=shown(text)))
    return path


def open_file(path: Path) -> IO[bytes]:
    """A file the user named, opened for reading, or a UsageError that says why not."""
    said, name = words().files, shown(str(path))
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise UsageError(fill(said.missing, path=name)) from None
    except IsADirectoryError:
        raise UsageError(fill(said.folder, path=name)) from None
    except OSError as exc:
        raise UsageError(fill(said.unreadable, path=name, reason=exc.strerror)) from None


def read_file(path: Path, limit: int = MAX_READ_BYTES) -> bytes:
    """A whole file the user named, refused when larger than `limit` (also an endless one)."""
    said, name = words().files, shown(str(path))
    with open_file(path) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as exc:
            raise UsageError(fill(said.unreadable, path=name, reason=exc.strerror)) from None
    if len(data) > limit:
        raise UsageError(fill(said.too_large, path=name, size=_size(limit)))
    return data


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit >= 1_000_000 else f"{limit // 1000} kB"


def write(path: Path, document: Document) -> None:
    said = words().files
    try:
        path.write_bytes(document.data)
    except OSError as exc:
        raise UsageError(fill(said.unwritable, path=shown(str(path)), reason=exc.strerror)) from None
    print(fill(said.written, path=path, size=len(document.data) // 1024 + 1), file=sys.stderr)
