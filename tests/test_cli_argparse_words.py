"""argparse's own words in German, from texts/de.yaml (`cli.argparse`): `--help`, a missing argument, an
unknown command; every message of argparse a user can meet has its German; a translation that loses a
placeholder is an error with file and line; and nothing outside the command keeps argparse's words."""

from __future__ import annotations

import argparse
import ast
import inspect
from pathlib import Path

import pytest

from lotse import cli
from lotse.content import loader
from lotse.content.loader import app_texts
from tests.conftest import REPO

ONLY_FOR_PROGRAMMERS = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "%(prog)s: error: %(message)s\n",
}
"""argparse's messages no argument can provoke (a mistake in lotse/cli/ itself, seen by its tests), and
the one `error` that lotse/cli/ replaces with `cli.usage`."""


def ended(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[object, str, str]:
    with pytest.raises(SystemExit) as done:
        cli.main(list(args))
    out, err = capsys.readouterr()
    return done.value.code, out, err


def test_help_is_german(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, err = ended(capsys, "--help")
    assert (code, err) == (0, "")
    assert out.startswith("Aufruf: python -m lotse [-h] BEFEHL ...\n\nLotse: Wegweiser bei Hass und Bedrohung.\n\n")
    assert "\nAngaben:\n  BEFEHL\n    check " in out
    assert out.endswith("\nOptionen:\n  -h, --help  diese Hilfe zeigen und beenden\n")
    assert not any(english in out for english in ("usage", "options:", "positional", "show this help"))


def test_a_missing_argument_says_what_is_missing_in_german_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert ended(capsys) == (cli.Exit.USAGE, "", "Fehler: Es fehlt: BEFEHL. Hilfe: python -m lotse --help\n")
    assert ended(capsys, "deadline") == (
        2,
        "",
        "Fehler: Es fehlt: ART, DATUM, --state. Hilfe: python -m lotse deadline --help\n",
    )


def test_an_unknown_command_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert ended(capsys, "chek") == (
        2,
        "",
        "Fehler: BEFEHL: 'chek' gibt es nicht. Möglich: 'check', 'coverage', 'answer', 'links', 'deadline', "
        "'letter', 'handout', 'case'. Hilfe: python -m lotse --help\n",
    )


def test_a_value_where_none_is_taken_and_one_missing(capsys: pytest.CaptureFixture[str]) -> None:
    assert ended(capsys, "check", "--strict=ja")[2] == (
        "Fehler: --strict: nimmt keinen Wert ('ja'). Hilfe: python -m lotse check --help\n"
    )
    assert ended(capsys, "check", "--root")[2] == (
        "Fehler: --root: braucht einen Wert. Hilfe: python -m lotse check --help\n"
    )


def test_afterwards_argparse_speaks_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    ended(capsys, "--help")
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]
    assert "usage: " in argparse.ArgumentParser(prog="x").format_usage()


def argparse_messages() -> set[str]:
    """Every text argparse hands to its gettext (`_(...)`, `ngettext(...)`), read from its source."""
    tree = ast.parse(inspect.getsource(argparse))
    return {
        argument.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"_", "ngettext"}
        for argument in node.args
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
    }


def test_every_message_a_user_can_meet_has_its_german() -> None:
    texts, problems = app_texts()
    assert texts is not None, problems
    assert set(texts.cli.argparse) == argparse_messages() - ONLY_FOR_PROGRAMMERS


def test_a_translation_that_loses_a_placeholder_is_an_error_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    words = (REPO / "texts" / "de.yaml").read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(words.splitlines(), 1) if row.startswith("  argparse:"))
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "de.yaml").write_text(words.replace('"Es fehlt: %s"', '"Es fehlt etwas."'), "utf-8")
    monkeypatch.setattr(loader, "APP_ROOT", tmp_path)
    assert cli.main(["check"]) == cli.Exit.CONTENT
    assert capsys.readouterr().err == (
        f"texts/de.yaml:{line}: Fehler: cli.argparse: Die Übersetzung von "
        "'the following arguments are required: %s' muss genau diese Platzhalter behalten: %s (gefunden: keine). "
        "Ein Prozentzeichen schreiben Sie hier als %%.\n"
    )
