"""`python -m lotse case new|deadlines|pdf`, in-process (cli.main): the passphrase from a file, exit 2
with a German message for every wrong input, never a traceback."""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from icalendar import Calendar

from lotse import cli
from lotse.case import age
from lotse.case import file as case_file
from tests.documents_helpers import ROOT, flat, pdf_facts

VALIDATE_ONCE = functools.cache(cli.base.validate)
CASE = {
    "state": "BY",
    "incidents": [
        {
            "happened_on": "2026-03-03",
            "learned_on": "2026-03-04",
            "author": "Wahrheit123",
            "words": "Wir kriegen dich.",
        },
        {"happened_on": "2026-04-20", "learned_on": "2026-04-21", "place": "Rathaus", "kinds": ["threat"]},
    ],
}


@pytest.fixture(autouse=True)
def quick(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The content is checked once per module; files get a small scrypt work factor (speed only)."""
    monkeypatch.setattr(cli.base, "validate", VALIDATE_ONCE)
    monkeypatch.setattr(age, "WORK_FACTOR", 10)
    monkeypatch.setattr(age.encrypt, "__defaults__", (10,))
    monkeypatch.setattr(case_file.seal, "__defaults__", (10,))  # seal hands its own default to encrypt
    yield


def lotse(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*args, "--root", str(ROOT)])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "fall.json").write_text(json.dumps(CASE), encoding="utf-8")
    (tmp_path / "pw").write_text("korrekt pferd batterie\n", encoding="utf-8")
    code, _, err = lotse("case", "new", str(tmp_path / "fall.json"), "--out", str(tmp_path / "fall.age"),
                         "--passphrase-file", str(tmp_path / "pw"))  # fmt: skip
    assert code == 0, err
    return tmp_path


def test_new_then_deadlines_with_a_calendar(files: Path) -> None:
    code, out, err = lotse("case", "deadlines", str(files / "fall.age"), "--ics", str(files / "f.ics"),
                           "--passphrase-file", str(files / "pw"))  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [
        "20.04.2026: Ihre Frist ist am Dienstag, 21. Juli 2026 abgelaufen.",
        "03.03.2026 (Wahrheit123): Ihre Frist ist am Freitag, 5. Juni 2026 abgelaufen.",
    ]
    events = Calendar.from_ical((files / "f.ics").read_bytes()).walk("VEVENT")
    assert sorted(str(e["DTSTART"].dt) for e in events) == ["2026-06-05", "2026-07-21"]


def test_pdf_for_the_police(files: Path) -> None:
    code, _, err = lotse("case", "pdf", str(files / "fall.age"), "--out", str(files / "z.pdf"),
                         "--passphrase-file", str(files / "pw"))  # fmt: skip
    assert code == 0, err
    assert "Wir kriegen dich." in flat(pdf_facts((files / "z.pdf").read_bytes()).text)


def test_a_part_the_case_does_not_have_is_refused(files: Path) -> None:
    code, _, err = lotse("case", "pdf", str(files / "fall.age"), "--out", str(files / "z.pdf"), "--teil", "2",
                         "--passphrase-file", str(files / "pw"))  # fmt: skip
    assert (code, err.strip()) == (2, "Fehler: Teil 2 gibt es nicht. Der Fall passt in ein PDF (Teil 1).")
    assert not (files / "z.pdf").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("wrong", "Fehler: Das Passwort passt nicht zu dieser Datei."),
        ("cut", "Fehler: Die Datei ist unvollständig."),
        ("missing", "Fehler: Die Datei '"),
        ("suffix", "Fehler: Die Zieldatei muss auf .pdf enden"),
    ],
)
def test_wrong_input_exits_2_in_german(files: Path, change: str, message: str) -> None:
    target, out = files / "fall.age", str(files / "z.pdf")
    if change == "wrong":
        (files / "pw").write_text("falsches passwort", encoding="utf-8")
    elif change == "cut":
        target.write_bytes(target.read_bytes()[:200])
    elif change == "missing":
        target = files / "nichts.age"
    else:
        out = str(files / "z.txt")
    code, _, err = lotse("case", "pdf", str(target), "--out", out, "--passphrase-file", str(files / "pw"))
    assert code == 2
    assert err.startswith(message)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{", "Fehler: Die Datei ist kein gültiges JSON in UTF-8."),
        (json.dumps({"incidents": [{"happened_on": "2026-03-03"}]}), "Fehler: Die Angaben passen nicht: incidents.0.learned_on: Diese Angabe fehlt."),
        (json.dumps({"incidents": [{"happened_on": "2099-03-03", "learned_on": "2099-03-03"}]}),
         "Fehler: Vorfall 1: Ein Datum liegt in der Zukunft."),
        (json.dumps({"incidents": [{"happened_on": "2026-03-03", "learned_on": "2026-03-03", "author": "x" * 201}]}),
         "Fehler: Die Angaben passen nicht: incidents.0.author: Der Text ist zu lang: 201 Zeichen, möglich sind 200."),
    ],
)  # fmt: skip
def test_new_refuses_data_it_cannot_keep(tmp_path: Path, data: str, message: str) -> None:
    (tmp_path / "d.json").write_text(data, encoding="utf-8")
    (tmp_path / "pw").write_text("korrekt pferd batterie", encoding="utf-8")
    code, _, err = lotse("case", "new", str(tmp_path / "d.json"), "--out", str(tmp_path / "f.age"),
                         "--passphrase-file", str(tmp_path / "pw"))  # fmt: skip
    assert (code, err.splitlines()[0]) == (2, message)
    assert not (tmp_path / "f.age").exists()
