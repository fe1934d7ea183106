"""Trainer cases for the Sicherheits-Check (flows/safety.yaml, `scenarios`): each names the answers a
person in its story gives and what the plan must hold; `lotse check` computes the plan and names each
expectation that fails, with file and line; the trainer page plays a case in three screens (story,
answers, plan) with what must be in the plan on top, and opens it from the `?scenario=` link."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lotse.check import validate
from lotse.content.safety import SAFETY_FILE
from tests.test_training_page import ROOT, click, play_to_the_end, text, training

SAFETY_IDS = re.findall(
    r"^  - id: (\S+)", (ROOT / SAFETY_FILE).read_text(encoding="utf-8").split("\nscenarios:\n")[1], re.M
)


def test_three_cases_ship_and_the_first_is_the_check_after_a_threat() -> None:
    assert SAFETY_IDS == [
        "sicherheits-check-nach-drohung",
        "sicherheits-check-sprechstunde",
        "sicherheits-check-nach-hatestorm",
    ]


def broken(tmp_path: Path, old: str, new: str) -> list[tuple[str, str]]:
    """The errors for the file with `old` replaced by `new`: (the line they name, the message)."""
    root = tmp_path / "content"
    shutil.copytree(ROOT / "flows", root / "flows")
    shutil.copytree(ROOT / "texts", root / "texts")
    shutil.copy(ROOT / "providers.yaml", root / "providers.yaml")
    text = (root / SAFETY_FILE).read_text(encoding="utf-8")
    assert old in text
    changed = text.replace(old, new, 1)
    (root / SAFETY_FILE).write_text(changed, encoding="utf-8")
    lines = changed.splitlines()
    report = validate(root, warnings=False)
    return [(lines[p.line - 1].strip(), p.message) for p in report.errors if p.file == SAFETY_FILE]


def test_an_expected_item_that_is_not_open_is_named_at_its_line(tmp_path: Path) -> None:
    assert broken(tmp_path, "      home-advice: open\n", "      home-advice: done\n") == [
        (
            "items: [starke-stelle-saved, report-threats, register-block, family-register-block, home-advice]",
            "Fall 'sicherheits-check-nach-drohung': 'home-advice' steht nicht im Plan. Setzen Sie ihn unter "
            "'answers' auf open oder nehmen Sie ihn aus 'expected'.",
        )
    ]


def test_a_wrong_first_item_names_the_one_on_top(tmp_path: Path) -> None:
    assert broken(tmp_path, "      first: someone-to-talk\n", "      first: counselling\n") == [
        (
            "first: counselling",
            "Fall 'sicherheits-check-nach-hatestorm': Der Plan beginnt mit 'someone-to-talk', nicht mit "
            "'counselling'. Der Punkt mit den wenigsten Tagen (days) steht oben.",
        )
    ]


def test_an_unknown_item_and_a_taken_id_are_refused(tmp_path: Path) -> None:
    assert broken(tmp_path, "      garage: not_applicable\n", "      garrage: not_applicable\n") == [
        (
            "answers:",
            "Fall 'sicherheits-check-nach-drohung': Den Punkt 'garrage' gibt es nicht. Nehmen Sie eine ID aus 'areas'.",
        )
    ]
    assert broken(tmp_path / "b", "  - id: sicherheits-check-sprechstunde", "  - id: pruegel-im-kommentar") == [
        (
            "- id: pruegel-im-kommentar",
            "Den Fall 'pruegel-im-kommentar' gibt es schon (auch flows/scenarios.yaml zählt). IDs müssen eindeutig sein.",
        )
    ]


def test_the_library_lists_the_safety_cases_after_the_others() -> None:
    page = text(training())
    assert "**Sicherheits-Check: Sicherheits-Check nach einer Drohung**" in page


@pytest.mark.parametrize("scenario_id", SAFETY_IDS)
def test_a_safety_case_plays_in_three_screens_and_its_plan_holds_what_it_expects(scenario_id: str) -> None:
    at = training(scenario_id)
    assert "Lernziele" in text(at)
    assert play_to_the_end(at) == 2
    page = text(at)
    assert "Was im Plan stehen muss" in page and ":material/error:" not in page
    assert "Ganz oben steht:" in page
    assert dict(at.query_params) == {"scenario": scenario_id}


def test_the_check_after_a_threat_screen_by_screen() -> None:
    at = training(link="sicherheits-check-nach-drohung")
    assert at.header[0].value == "Sicherheits-Check nach einer Drohung"
    assert "Eine Drohung wird angezeigt. Sie kann der Anfang einer Reihe von Taten sein." in text(at)
    click(at, "training_next")
    page = text(at)
    assert at.header[0].value == "Die Antworten im Sicherheits-Check"
    assert "- Ihr Auto steht zu Hause möglichst in einer Garage. **Passt nicht**" in page
    assert "- Jedes Konto hat ein eigenes, sicheres Passwort. Ein Passwort-Manager hilft dabei. **Erledigt**" in page
    click(at, "training_next")
    page = text(at)
    assert at.header[0].value == "Der Plan"
    plan = [m.value for m in at.markdown if m.value.startswith("**")]
    assert plan[0] == "**Die Nummer der starken Stelle ist in Ihrem Handy gespeichert. Sie berät auch ohne Polizei.**"
    assert len(plan) == 8  # the eight open items
    assert "Ganz oben steht: **Die Nummer der starken Stelle" in page
    assert at.button(key="training_next").disabled
