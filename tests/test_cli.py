"""`python -m lotse answer` and `check`, run as a real subprocess against the shipped content."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def lotse(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lotse", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_passes_on_shipped_content() -> None:
    run = lotse("check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.strip().splitlines()[-1].startswith("0 Fehler")


def test_answer_json_for_two_incidents() -> None:
    run = lotse("answer", "incident=threat,online_hate", "danger=no", "state=BY", "police=yes", "--json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["emergency"] is False
    assert {"threat-241", "evidence-online"} <= {s["id"] for s in data["steps"]}
    assert all({"id", "title", "text"} <= set(s) for s in data["steps"])
    assert any("BY" in c["states"] for c in data["contacts"])


def test_answer_unknown_value_exits_2_naming_allowed_values() -> None:
    run = lotse("answer", "incident=threat", "danger=maybe", "state=BY", "police=yes", "--json")
    assert run.returncode == 2
    assert run.stderr.strip() == "Fehler: 'danger=maybe' ist nicht erlaubt. Erlaubt: yes, no."
    assert run.stdout == ""


def test_answer_unknown_key_exits_2() -> None:
    run = lotse("answer", "incident=threat", "danger=no", "state=BY", "police=yes", "mood=bad")
    assert run.returncode == 2
    assert run.stderr.startswith("Fehler: Unbekannte Frage 'mood'. Bekannt: incident, danger, state, police")


def test_answer_missing_canonical_answer_exits_2() -> None:
    run = lotse("answer", "incident=threat", "danger=no", "state=BY")
    assert run.returncode == 2
    assert run.stderr.strip() == "Fehler: Die Antwort 'police' fehlt. Erlaubt: yes, no, undecided, already_reported."


def test_answer_batch_from_stdin_one_result_per_line() -> None:
    lines = [
        {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"},
        {"incident": ["attack"], "danger": "yes", "state": "NW", "police": "undecided"},
        {"incident": ["insult"], "danger": "no", "state": "XX", "police": "no"},
    ]
    run = lotse("answer", "--batch", "-", stdin="\n".join(json.dumps(line) for line in lines) + "\n")
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == 3
    assert results[0]["emergency"] is False and results[1]["emergency"] is True
    assert results[1]["steps"][0]["id"] == "emergency-110"
    assert results[2] == {
        "error": "Zeile 3: 'state=XX' ist nicht erlaubt. Erlaubt: BW, BY, BE, BB, HB, HH, HE, MV, "
        "NI, NW, RP, SL, SN, ST, SH, TH."
    }
    assert run.returncode == 2


def test_answer_batch_from_file(tmp_path: Path) -> None:
    batch = tmp_path / "answers.jsonl"
    batch.write_text(json.dumps({"incident": ["none"], "danger": "no", "state": "HB", "police": "no"}) + "\n")
    run = lotse("answer", "--batch", str(batch))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["steps"]


def test_answer_plain_text_output() -> None:
    run = lotse("answer", "incident=attack", "danger=yes", "state=SN", "police=yes")
    assert run.returncode == 0
    assert run.stdout.startswith("NOTFALL: Rufen Sie 110 an.\nNächste Schritte:\n  1. ")


def test_coverage_prints_the_table() -> None:
    run = lotse("coverage")
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[1].split()[0] == "Land" and len([line for line in lines if line[:2] in {"BW", "TH"}]) >= 2
