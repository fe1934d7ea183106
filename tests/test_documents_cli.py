"""`python -m lotse deadline|letter|handout` against the shipped content, in-process (cli.main); the
subprocess smoke test of the command line lives in tests/test_cli.py."""

from __future__ import annotations

import contextlib
import functools
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from icalendar import Calendar

from lotse import cli
from tests.documents_helpers import ROOT, flat, pdf_facts, pdf_says


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


VALIDATE_ONCE = functools.cache(cli.base.validate)


@pytest.fixture(autouse=True)
def checked_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every command checks the content first; the shipped files do not change during these tests, so
    the module checks them once (a check takes about a second)."""
    monkeypatch.setattr(cli.base, "validate", VALIDATE_ONCE)
    yield


def lotse(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main([*args, "--root", str(ROOT)] if "--root" not in args else list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return Run(code, out.getvalue(), err.getvalue())


def test_deadline_json_for_the_issue_example() -> None:
    run = lotse("deadline", "strafantrag", "2026-03-04", "--state", "BY", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {k: data[k] for k in ("id", "start", "last_day", "law")} == {
        "id": "strafantrag",
        "start": "2026-03-04",
        "last_day": "2026-06-05",
        "law": "§ 77b StGB",
    }
    assert "Freitag, 5. Juni 2026" in data["sentence"]
    assert any("Fronleichnam" in line for line in data["details"])


@pytest.mark.parametrize(("state", "last_day"), [("NW", "2026-06-05"), ("BE", "2026-06-04")])
def test_deadline_beschwerde(state: str, last_day: str) -> None:
    run = lotse("deadline", "beschwerde", "2026-05-21", "--state", state, "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["last_day"], data["law"]) == (last_day, "§ 172 Abs. 1 StPO")


def test_deadline_as_text_and_calendar_file(tmp_path: Path) -> None:
    ics = tmp_path / "frist.ics"
    run = lotse("deadline", "strafantrag", "2026-03-06", "--state", "BY", "--ics", str(ics))
    assert run.returncode == 0, run.stderr
    assert "Montag, 8. Juni 2026" in run.stdout
    event = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")[0]
    assert str(event.decoded("dtstart")) == "2026-06-08"
    assert event.walk("VALARM")[0].decoded("trigger").days == -14


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("strafantrag", "2026-02-30", "--state", "BY"), "'2026-02-30' ist kein gültiges Datum"),
        (("strafantrag", "04.03.2026", "--state", "BY"), "ist kein gültiges Datum"),
        (("strafantrag", "2099-01-01", "--state", "BY"), "liegt in der Zukunft"),
        (("strafantrag", "2026-03-04", "--state", "XX"), "Unbekanntes Bundesland 'XX'"),
        (("antrag", "2026-03-04", "--state", "BY"), "Unbekannte Frist 'antrag'"),
    ],
)
def test_deadline_refuses_with_exit_2_and_no_traceback(args: tuple[str, ...], message: str) -> None:
    run = lotse("deadline", *args)
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr


def test_letter_list() -> None:
    run = lotse("letter", "--list")
    assert run.returncode == 0, run.stderr
    ids = [line.split(":")[0] for line in run.stdout.splitlines() if not line.startswith(" ")]
    assert ids == [
        "strafantrag",
        "sachstand",
        "beschwerde",
        "auskunftssperre",
        "ladungsanschrift",
        "strafantrag-dienstvorgesetzter",
        "erklaerung-hatestorm",
        "solidaritaetserklaerung",
    ]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_letter_example(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"brief{suffix}"
    run = lotse("letter", "sachstand", "--example", "--out", str(out), "--state", "HE")
    assert run.returncode == 0, run.stderr
    if suffix == ".pdf":
        text = flat(pdf_facts(out.read_bytes()).text)
    else:
        text = flat("\n".join(p.text for p in docx.Document(str(out)).paragraphs))
    assert "Aktenzeichen: 123 Js 4567/26" in text and "§ 406d Abs. 1 StPO" in text


def test_letter_with_the_users_data(tmp_path: Path) -> None:
    data = tmp_path / "daten.json"
    data.write_text(
        json.dumps({"name": "Kai Beispiel", "address": "Weg 1\n99999 Ort", "what_happened": "Drohung per Post."}),
        encoding="utf-8",
    )
    out = tmp_path / "antrag.pdf"
    run = lotse("letter", "strafantrag", "--data", str(data), "--out", str(out))
    assert run.returncode == 0, run.stderr
    text = flat(pdf_facts(out.read_bytes()).text)
    assert "Kai Beispiel" in text and "Drohung per Post." in text and "gegen Unbekannt" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "A", "address": "B", "what_happened": "C", "passwort": "x"}, "Das Feld 'passwort' gibt es"),
        ({"name": "A" * 500, "address": "B", "what_happened": "C"}, "ist zu lang: 500 Zeichen"),
        ({"name": "A\u001b[31m", "address": "B", "what_happened": "C"}, "Steuerzeichen (U+001B)"),
        (["keine", "Liste"], "muss ein Objekt sein"),
    ],
)
def test_letter_refuses_bad_data(tmp_path: Path, data: object, message: str) -> None:
    path = tmp_path / "daten.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "antrag.pdf"
    run = lotse("letter", "strafantrag", "--data", str(path), "--out", str(out))
    assert run.returncode == 2 and message in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


def test_letter_refuses_unknown_ids_and_formats(tmp_path: Path) -> None:
    assert "Unbekannte Briefvorlage 'brief'" in lotse("letter", "brief", "--example", "--out", "x.pdf").stderr
    nothing_named = lotse("letter", "--example", "--out", "x.pdf")
    assert nothing_named.returncode == 2 and "Welche Briefvorlage? Zum Beispiel: python -m lotse letter" in (
        nothing_named.stderr
    )
    assert "'None'" not in nothing_named.stderr
    run = lotse("letter", "strafantrag", "--example", "--out", str(tmp_path / "x.txt"))
    assert run.returncode == 2 and "muss auf .pdf oder .docx enden" in run.stderr


def test_handout(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    run = lotse(
        "handout", "incident=insult", "danger=no", "channel=letter", "state=BE", "police=yes",
        "--learned", "2026-03-04",
        "--out", str(out),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    facts = pdf_facts(out.read_bytes())
    text = flat(facts.text)
    assert facts.tagged and facts.lang == "de" and len(facts.pages) <= 3
    assert text.index("Auf einen Blick") < text.index("Frist für den Strafantrag:") < text.index("Jetzt tun")
    assert "Donnerstag, 4. Juni 2026" in text
    assert "Ihr Plan" not in text  # the long version's overview


def test_handout_full_is_the_long_version(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    run = lotse("handout", "incident=insult", "danger=no", "state=BE", "police=yes", "--full", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert pdf_says(out.read_bytes(), "Auf einen Blick", "Ihr Plan", "Die Schritte im Einzelnen")


def test_handout_refuses_unknown_answers(tmp_path: Path) -> None:
    run = lotse("handout", "incident=threat", "danger=no", "state=XX", "police=yes", "--out", str(tmp_path / "p.pdf"))
    assert run.returncode == 2 and "state=XX" in run.stderr and "Traceback" not in run.stderr


# --- issue 19: every input bounded, every refusal exit 2 with a German line -----------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[" * 5000 + b"]" * 5000, "Das JSON ist zu tief verschachtelt (mehr als 20 Ebenen)."),
        (b'{"name": ' + b"9" * 5000 + b"}", "Eine Zahl hat mehr als 20 Ziffern."),
        (b'{"name": "A", "name": "B"}', "'name' steht zweimal. Jede Angabe nur einmal."),
        (b'{"name": NaN}', "'NaN' ist in JSON keine Zahl."),
    ],
    ids=["deep", "digits", "duplicate", "nan"],
)
def test_letter_data_is_bounded_before_it_is_used(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "daten.json"
    path.write_bytes(data)
    run = lotse("letter", "strafantrag", "--data", str(path), "--out", str(tmp_path / "a.pdf"))
    assert (run.returncode, run.stderr) == (2, f"Fehler: In der Datei '{path}': {message}\n")


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_a_lone_surrogate_is_refused_for_pdf_and_word(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / "daten.json"
    path.write_bytes(b'{"name": "Kai \\ud800", "address": "Weg 1", "what_happened": "Drohung."}')
    out = tmp_path / f"antrag{suffix}"
    run = lotse("letter", "strafantrag", "--data", str(path), "--out", str(out))
    assert run.returncode == 2 and "kein gültiger Text" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


@pytest.mark.parametrize("day", ["2026-W10-3", "20260304", "2026-063", "２０２６-03-04"])
def test_only_year_month_day_is_a_date(tmp_path: Path, day: str) -> None:
    deadline = lotse("deadline", "strafantrag", day, "--state", "BY")
    assert (deadline.returncode, deadline.stderr) == (
        2,
        f"Fehler: '{day}' ist kein gültiges Datum. Bitte so schreiben: 2026-03-04.\n",
    )
    out = tmp_path / "plan.pdf"
    handout = lotse(
        "handout", "incident=threat", "danger=no", "state=BY", "police=yes", "--learned", day, "--out", str(out)
    )
    assert handout.returncode == 2 and "ist kein gültiges Datum" in handout.stderr and not out.exists()


def test_a_letters_date_field_takes_no_week_date(tmp_path: Path) -> None:
    path = tmp_path / "daten.json"
    path.write_text(
        json.dumps({"name": "Kai", "address": "Weg 1", "what_happened": "Drohung.", "date": "2026-W10-3"}),
        encoding="utf-8",
    )
    run = lotse("letter", "strafantrag", "--data", str(path), "--out", str(tmp_path / "a.pdf"))
    assert run.returncode == 2 and "'2026-W10-3' ist kein Datum" in run.stderr


def test_the_calendar_file_must_end_in_ics(tmp_path: Path) -> None:
    wrong = tmp_path / "frist.txt"
    run = lotse("deadline", "strafantrag", "2026-03-04", "--state", "BY", "--ics", str(wrong))
    assert (run.returncode, run.stderr) == (2, f"Fehler: Die Zieldatei muss auf .ics enden: {wrong}\n")
    assert not wrong.exists()
