"""The command line, in-process against tiny trees, with hostile input; one real process at the end.

Every wrong input ends with exit code 2 and one German line on stderr, never a traceback or a guess.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lotse import cli
from lotse.content import jsoninput, loader
from lotse.content.texts import CliJsonInputTexts
from tests.conftest import REPO

BASE = {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"}
PAIRS = ["incident=threat", "danger=no", "state=BY", "police=yes"]


@pytest.fixture
def root(tree: Callable[..., Path]) -> Path:
    return tree()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_answer_as_json(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "answer", *PAIRS, "--json", "--root", str(root))
    data = json.loads(out)
    assert (code, err) == (0, "")
    assert [step["id"] for step in data["steps"]] == ["talk", "incidents"]
    assert [contact["id"] for contact in data["contacts"]] == ["by-police", "by-help", "de-help"]


def test_answer_as_text(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "answer", "incident=attack", "danger=yes", "state=SN", "police=yes", "--root", str(root))
    assert code == 0
    assert out.startswith("NOTFALL: Rufen Sie 110 an.\nNächste Schritte:\n  1. Notruf\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["danger=maybe"], "Fehler: 'danger=maybe' ist nicht erlaubt. Erlaubt: yes, no, unsure."),
        (["mood=bad"], "Fehler: Unbekannte Frage 'mood'. Bekannt: incident, danger, state, police, author_known."),
        (["danger"], "Fehler: 'danger' hat nicht die Form KEY=VALUE."),
        (["danger=no"], "Fehler: 'danger' steht zweimal. Jede Frage nur einmal beantworten."),
        (["state=\udcff"], "Fehler: Ein Argument enthält Zeichen, die kein gültiger Text sind (Kodierung prüfen)."),
    ],
    ids=["bad-value", "unknown-key", "no-equals", "twice", "lone-surrogate"],
)
def test_wrong_answers_exit_2_with_one_line(
    root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    pairs = [pair for pair in PAIRS if pair.split("=")[0] not in {arg.split("=")[0] for arg in args}]
    if args == ["danger=no"]:
        pairs = PAIRS
    code, out, err = run(capsys, "answer", *pairs, *args, "--root", str(root))
    assert (code, out, err.strip()) == (2, "", message)


def test_a_missing_answer_names_the_allowed_values(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "answer", *PAIRS[:3], "--root", str(root))
    assert (code, err.strip()) == (
        2,
        "Fehler: Die Antwort 'police' fehlt. Erlaubt: yes, no, undecided, already_reported.",
    )


def batch(tmp_path: Path, *lines: str | bytes) -> Path:
    path = tmp_path / "answers.jsonl"
    path.write_bytes(b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines) + b"\n")
    return path


def test_batch_gives_one_result_or_error_per_line(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps(BASE),
        json.dumps({**BASE, "incident": "threat"}),  # a text where a list belongs: refused, never split
        json.dumps({**BASE, "state": "XX"}),
        '{"incident": [' * 100_000,
        "[" * 50_000,
        '{"incident": ' + "9" * 5000 + "}",
        "[1, 2]",
        "kein json",
    ]
    code, out, err = run(capsys, "answer", "--batch", str(batch(tmp_path, *lines)), "--root", str(root))
    results = [json.loads(line) for line in out.splitlines()]
    assert (code, err) == (2, "")
    assert [step["id"] for step in results[0]["steps"]] == ["talk", "incidents"]
    errors = [result["error"] for result in results[1:]]
    assert errors[0] == "Zeile 2: 'incident' erwartet eine Liste von Antworten, z. B. [\"insult\"]."
    assert errors[1].startswith("Zeile 3: 'state=XX' ist nicht erlaubt.")
    assert errors[2] == "Zeile 4: Die Zeile ist länger als 100000 Zeichen."
    assert errors[3] == "Zeile 5: Das JSON ist zu tief verschachtelt (mehr als 20 Ebenen)."
    assert errors[4] == "Zeile 6: Eine Zahl hat mehr als 20 Ziffern."
    assert errors[5] == "Zeile 7: Die Antworten müssen ein Objekt aus 'frage: antwort'-Paaren sein."
    assert errors[6] == "Zeile 8: Kein gültiges JSON (Zeile 1, Spalte 1)."


def test_a_batch_line_with_a_key_twice_is_refused_like_the_pairs(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = '{"incident": ["threat"], "danger": "no", "state": "BY", "state": "BE", "police": "yes"}'
    code, out, err = run(capsys, "answer", "--batch", str(batch(tmp_path, line)), "--root", str(root))
    assert (code, err, json.loads(out)) == (2, "", {"error": "Zeile 1: 'state' steht zweimal. Jede Angabe nur einmal."})
    code, _, err = run(capsys, "answer", *PAIRS, "state=BE", "--root", str(root))
    assert (code, err) == (2, "Fehler: 'state' steht zweimal. Jede Frage nur einmal beantworten.\n")


def test_a_long_line_is_skipped_and_the_next_answered(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.answer, "MAX_LINE_CHARS", 100)
    code, out, _ = run(
        capsys, "answer", "--batch", str(batch(tmp_path, "x" * 5000, json.dumps(BASE))), "--root", str(root)
    )
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 2 and results[0] == {"error": "Zeile 1: Die Zeile ist länger als 100 Zeichen."}
    assert [step["id"] for step in results[1]["steps"]] == ["talk", "incidents"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "missing.jsonl", "Fehler: Die Datei '{path}' gibt es nicht."),
        (lambda tmp: tmp, "Fehler: '{path}' ist ein Ordner, keine Datei mit JSON-Zeilen."),
        (lambda tmp: batch(tmp, b'{"state": "Th\xfcringen"}'), "Fehler: Die Datei ist nicht in UTF-8 gespeichert."),
    ],
    ids=["missing", "directory", "latin-1"],
)
def test_batch_files_that_cannot_be_read(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    path = make(tmp_path)
    code, _, err = run(capsys, "answer", "--batch", str(path), "--root", str(root))
    assert (code, err.strip()) == (2, message.format(path=path))


def test_root_must_be_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    afile = tmp_path / "providers.yaml"
    afile.write_text("x: 1\n", encoding="utf-8")
    with pytest.raises(SystemExit) as caught:
        cli.main(["check", "--root", str(afile)])
    err = capsys.readouterr().err.strip()
    assert caught.value.code == 2
    assert err == (
        f"Fehler: --root: '{afile}' ist kein Ordner (erwartet: der Ordner mit flows/). "
        "Hilfe: python -m lotse check --help"
    )


def test_a_reader_that_closes_the_pipe_ends_the_output(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def closed(*args: object, **kwargs: object) -> None:
        raise BrokenPipeError

    monkeypatch.setattr("builtins.print", closed)
    monkeypatch.setattr(cli, "_silence_stdout", lambda: None)  # pytest owns stdout here
    assert cli.main(["answer", *PAIRS, "--root", str(root)]) == cli.Exit.OK


def test_check_prints_problems_with_lines_and_exits_1(
    tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from_tree = tree(steps="steps: []\n")
    code, out, _ = run(capsys, "check", "--root", str(from_tree))
    assert code == 1
    assert out == "flows/steps.yaml:1: Fehler: steps: Zu wenige Einträge: mindestens 1 nötig.\n1 Fehler, 0 Warnungen.\n"


def test_strict_turns_warnings_into_failure(tree: Callable[..., Path], capsys: pytest.CaptureFixture[str]) -> None:
    stale = tree(
        providers=Path(tree())
        .joinpath("providers.yaml")
        .read_text()
        .replace("verified: 2026-11-01", "verified: 2020-01-01", 1)
    )
    assert run(capsys, "check", "--root", str(stale))[0] == 0
    assert run(capsys, "check", "--root", str(stale), "--strict")[0] == 1


def test_coverage_table_and_scenarios(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coverage", "--root", str(root))
    assert code == 0 and out.startswith("Kontakte je Land und Art")
    assert run(capsys, "coverage", "--root", str(root), "--scenarios")[1].startswith("Keine Szenarien")


def test_the_real_command_runs_against_the_shipped_content(real_process: dict[str, Any]) -> None:
    """`lotse answer` as editors and CI call it (`python -m lotse`), on the shipped files."""
    done = real_process["answer"]
    assert done["code"] == 0, done["err"]
    data = json.loads(done["out"])
    assert data["emergency"] is False and data["steps"] and any("BY" in c["states"] for c in data["contacts"])


def test_the_exit_code_table_in_the_readme_is_exactly_exit() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("| code | name | meaning |", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|", table, flags=re.MULTILINE)
    assert rows == [(str(int(code)), code.name) for code in cli.Exit]


def test_the_check_loads_neither_weasyprint_nor_python_docx(real_process: dict[str, Any]) -> None:
    """`lotse check` as editors run it, first in its own process: the document libraries (about a second to
    load) stay out; only the commands that make a PDF or Word file load them."""
    done = real_process["check"]
    *_, summary = done["out"].splitlines()
    assert (done["code"], done["loaded"]) == (0, []), done["err"]
    assert re.fullmatch(r"\d+ Fehler, \d+ Warnung(en)?\.", summary)  # the check ran to its end


def test_every_refusal_of_json_input_has_its_words() -> None:
    """Each code jsoninput raises is a key of `cli.json_input` in texts/de.yaml, and each key is raised."""
    source = Path(jsoninput.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'JsonInputError\("(\w+)"', source))
    assert codes == set(CliJsonInputTexts.model_fields)


def test_the_command_line_speaks_in_the_words_of_texts_de_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changing a message in texts/de.yaml changes what the command says; a texts file that cannot be read
    ends the command with its problem (file and line) and exit 1, not with a traceback."""
    words = (REPO / "texts" / "de.yaml").read_text(encoding="utf-8")
    (tmp_path / "texts").mkdir()
    changed = words.replace(
        "  pairs_or_batch: Entweder KEY=VALUE-Paare oder --batch, nicht beides.", "  pairs_or_batch: Anders."
    )
    (tmp_path / "texts" / "de.yaml").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(loader, "APP_ROOT", tmp_path)
    assert run(capsys, "answer", "state=BY", "--batch", "-", "--root", str(REPO)) == (2, "", "Fehler: Anders.\n")
    (tmp_path / "texts" / "de.yaml").write_text(words.replace("  pairs_or_batch:", "  pairs_or_batch_:"), "utf-8")
    code, out, err = run(capsys, "answer", "state=BY", "--batch", "-", "--root", str(REPO))
    assert (code, out) == (1, "") and err.startswith("texts/de.yaml:") and "pairs_or_batch" in err


@pytest.mark.parametrize(
    "command", [["check"], ["answer"], ["coverage"], ["links"], ["deadline"], ["letter"], ["handout"], ["case", "new"]]
)
def test_every_help_is_in_the_words_of_texts_de_yaml(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--help` of every command shows its help text from texts/de.yaml; a '%' there is shown as it is."""
    words = (REPO / "texts" / "de.yaml").read_text(encoding="utf-8")
    (tmp_path / "texts").mkdir()
    planted = words
    for text in (": Ordner mit flows/", ": als JSON ausgeben", ": Bundesland", ": Zieldatei, endet", ": Passwort aus"):
        planted = planted.replace(text, f": 100 % {text[2:]}")
    (tmp_path / "texts" / "de.yaml").write_text(planted, encoding="utf-8")
    monkeypatch.setattr(loader, "APP_ROOT", tmp_path)
    with pytest.raises(SystemExit) as done:
        cli.main([*command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert done.value.code == 0 and "100 % " in out


def _memory_cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # an unbounded read fails, not the machine


ENDLESS = {
    "batch": ["answer", "--batch", "/dev/zero"],
    "letter-data": ["letter", "sachstand", "--data", "/dev/zero", "--out", "x.pdf"],
}
REAL_COMMANDS = {"check": ["check"], "answer": ["answer", *PAIRS, "--json"]} | {
    name: [*args, "--root", str(REPO)] for name, args in ENDLESS.items()
}
RUN_AS_MAIN = """
import contextlib, io, json, runpy, sys
LIBRARIES = ("weasyprint", "docx", "fontTools", "lotse.documents.pdf")
commands, done = json.loads(sys.argv[1]), {}
for name, args in commands.items():
    sys.argv, code = ["lotse", *args], None
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            runpy.run_module("lotse", run_name="__main__", alter_sys=True)
        except SystemExit as exit_:
            code = exit_.code
    loaded = sorted(module for module in LIBRARIES if module in sys.modules)
    done[name] = {"code": code, "out": out.getvalue(), "err": err.getvalue(), "loaded": loaded}
print(json.dumps(done))
"""
"""`python -m lotse ARGS` for each command, one after the other in one process (each process start loads
Lotse and checks the content cold, about 1.5 s); `check` runs first, so what it loads is its own."""


@pytest.fixture(scope="module")
def real_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real commands in a real process under a 2 GB memory cap (as the red team ran them), in an empty
    folder; a traceback or an unbounded read ends the process, and every test of it fails."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AS_MAIN, json.dumps(REAL_COMMANDS)],
        cwd=tmp_path_factory.mktemp("real"),
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_memory_cap,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("batch", "Fehler: Die Eingabe ist größer als 20 MB. Bitte aufteilen."),
        ("letter-data", "Fehler: Die Datei '/dev/zero' ist zu groß"),
    ],
    ids=["batch", "letter-data"],
)
def test_an_endless_input_stops_at_the_limit(real_process: dict[str, Any], name: str, message: str) -> None:
    """`python -m lotse` reading /dev/zero (ENDLESS): an unbounded read would end in a MemoryError with a
    traceback; the bounded one stops with exit 2 and one line."""
    done = real_process[name]
    assert (done["code"], done["out"]) == (2, "")
    assert done["err"].startswith(message) and "Traceback" not in done["err"]
