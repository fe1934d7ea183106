"""Random arguments, random bytes and random JSON for every subcommand, in-process: whatever comes in, the
command line ends with exit 0, 1 or 2 and never lets an exception out (which would be a traceback).
(`case` always gets a passphrase file: without one it would ask on the terminal.)

The arguments are built from the commands' own words (options, letter ids, states, dates, answers) mixed
with random text; the files they name and standard input hold random bytes or random JSON, always with
the hostile inputs of issue 19 among the examples. The work happens in a temporary folder, and `links`
never goes on the network here (its checker is replaced).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lotse import cli
from lotse.case.file import seal
from lotse.check import links
from lotse.cli import case as cli_case
from tests.conftest import REPO

COMMANDS = ("check", "answer", "coverage", "links", "deadline", "letter", "handout")
OPTIONS = (
    "--json", "--batch", "--strict", "--scenarios", "--state", "--ics", "--list", "--example", "--data",
    "--out", "--learned", "--notice", "--compare", "--timeout", "--workers", "--help",
)  # fmt: skip
WORDS = (
    "strafantrag", "beschwerde", "sachstand", "BY", "BE", "XX", "2026-03-04", "2026-W10-3", "20260304",
    "2099-01-01", "-", "nan", "inf", "-1", "1e999", "incident=threat", "danger=no", "danger=yes",
    "state=BY", "state=BE", "police=yes", "incident=", "=", "state=BY=BE",
)  # fmt: skip
LETTERS = ("strafantrag", "sachstand", "auskunftssperre", "ladungsanschrift")
FILES = ("data.json", "batch.jsonl", "out.pdf", "out.docx", "cal.ics", "out.txt", "missing.json", ".")
HOSTILE = (
    b"[" * 5000 + b"]" * 5000,
    b'{"name": ' + b"9" * 5000 + b"}",
    b'{"name": "\\ud800", "address": "B", "what_happened": "C"}',
    b'{"incident": ["threat"], "danger": "no", "state": "BY", "state": "BE", "police": "yes"}',
    b'{"name": NaN, "address": 1e999}',
    b"\xff\xfe{}",
    b"\x00" * 1000,
)
"""The inputs the red team of issue 19 used, or their kind: every property below tries them all."""

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
free_text = st.text(max_size=20).filter(lambda t: not t.startswith("-") and "/" not in t and "\x00" not in t)
token = st.sampled_from(OPTIONS) | st.sampled_from(WORDS) | st.sampled_from(FILES).map(lambda f: f"@{f}") | free_text
payload = (
    st.binary(max_size=300)
    | json_values.map(lambda value: json.dumps(value).encode())
    | st.lists(json_values, max_size=4).map(lambda values: b"\n".join(json.dumps(v).encode() for v in values))
    | st.sampled_from(HOSTILE)
)
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


_COLLECT_LINKS = links.collect_links
_SHIPPED_LINKS = functools.cache(_COLLECT_LINKS)


def _collect_links(root: Path) -> dict[str, list[links.Use]]:
    """The links of the shipped content read once (`links` reads two files again on every run, ~0.1 s;
    the fuzz is about the other inputs, and tests/test_links.py holds `collect_links` itself)."""
    if Path(root) != REPO:
        return _COLLECT_LINKS(root)
    return {url: list(uses) for url, uses in _SHIPPED_LINKS(REPO).items()}


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(links, "check_links", lambda uses, **_: {})
    monkeypatch.setattr(links, "collect_links", _collect_links)
    # `case new` seals with scrypt 2^18 (~0.5 s a file); the fuzz is about the inputs, not the work
    # factor (tests/test_case_file.py holds that), so a valid payload is sealed at 2^10 here.
    monkeypatch.setattr(cli_case, "seal", functools.partial(seal, work_factor=10))


@contextlib.contextmanager
def _stdin(data: bytes) -> Iterator[None]:
    saved, sys.stdin = sys.stdin, io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def lotse(args: list[str], files: dict[str, bytes], stdin: bytes = b"", content: bool = True) -> tuple[int, str]:
    """`python -m lotse ARGS --root …` in a temporary folder holding `files` (an `@name` argument is the
    path of `name` there); the root is the shipped content or, with content=False, the empty folder.
    Asserts what every run must hold and returns exit code and stderr."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for file, data in files.items():
            (folder / file).write_bytes(data)
        argv = [str(folder / a[1:]) if a.startswith("@") else a for a in args]
        out, err = io.StringIO(), io.StringIO()
        previous = Path.cwd()
        os.chdir(folder)  # a relative --out lands here
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), _stdin(stdin):
                try:
                    code = cli.main([*argv, "--root", str(REPO if content else folder)])
                except SystemExit as exit_:  # argparse: --help and wrong usage
                    code = exit_.code if isinstance(exit_.code, int) else 2
        finally:
            os.chdir(previous)
    assert code in {0, 1, 2}, (args, err.getvalue())
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


@FUZZ
@given(command=st.sampled_from(COMMANDS), args=st.lists(token, max_size=7), data=payload, content=st.booleans())
def test_any_arguments_end_with_an_exit_code(command: str, args: list[str], data: bytes, content: bool) -> None:
    lotse([command, *args], {"data.json": data, "batch.jsonl": data}, stdin=data, content=content)


@FUZZ
@given(letter=st.sampled_from(LETTERS), out=st.sampled_from(["out.pdf", "out.docx"]), data=payload)
@example(letter="strafantrag", out="out.docx", data=HOSTILE[2])
@example(letter="strafantrag", out="out.pdf", data=HOSTILE[2])
def test_letter_reads_any_data_file(letter: str, out: str, data: bytes) -> None:
    code, err = lotse(["letter", letter, "--data", "@data.json", "--out", f"@{out}"], {"data.json": data})
    assert code in {0, 2}, err


@FUZZ
@given(batch=payload, from_stdin=st.booleans())
@example(batch=HOSTILE[3] + b"\n", from_stdin=False)
def test_answer_reads_any_batch(batch: bytes, from_stdin: bool) -> None:
    code, _ = lotse(["answer", "--batch", "-" if from_stdin else "@batch.jsonl"], {"batch.jsonl": batch}, batch)
    assert code in {0, 2}


@FUZZ
@given(previous=payload)
def test_links_reads_any_earlier_run(previous: bytes) -> None:
    lotse(["links", "--compare", "@data.json"], {"data.json": previous})


@FUZZ
@given(day=st.sampled_from(WORDS) | st.text(max_size=12), kind=st.sampled_from(["strafantrag", "beschwerde"]))
def test_deadline_and_handout_take_any_day(day: str, kind: str) -> None:
    lotse(["deadline", kind, day, "--state", "BY", "--ics", "@cal.ics"], {})
    answers = ["incident=threat", "danger=no", "state=BY", "police=yes"]
    lotse(["handout", *answers, "--learned", day, "--notice", day, "--out", "@out.pdf"], {})


@FUZZ
@given(data=payload, action=st.sampled_from(["new", "pdf", "deadlines"]))
@example(data=HOSTILE[0], action="new")
@example(data=HOSTILE[1], action="new")
@example(data=HOSTILE[6], action="deadlines")
def test_case_reads_any_file(data: bytes, action: str) -> None:
    """`case` with the passphrase from a file (without one it would ask on the terminal)."""
    out = {"new": ["--out", "@out.age"], "pdf": ["--out", "@out.pdf"], "deadlines": ["--ics", "@cal.ics"]}[action]
    files = {"data.json": data, "pass.txt": b"ein langes Passwort zum Testen\n"}
    lotse(["case", action, "@data.json", *out, "--passphrase-file", "@pass.txt"], files)
