"""Adding an incident type takes edits in the vocabulary and the YAML only (the question's option in
guide.yaml, its short name in texts/de.yaml); `lotse check` then names what the content still lacks for it,
with file:line, and no other test needs to change (they derive values from the vocabulary); flows/ranking.yaml
needs nothing for it, and the ranking works for it at once. The changed copy of Lotse runs in its own process
(so not in mutmut's selection): `lotse check` and the ranking one after the other in one process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

NEW = "cyber"


def copy_of_the_core(target: Path) -> Path:
    for part in ("lotse", "flows", "texts"):
        shutil.copytree(REPO / part, target / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "providers.yaml", target / "providers.yaml")
    return target


def add_incident(root: Path) -> int:
    """Add `cyber` to the vocabulary, as an option of the incident question and with its short name in the
    texts; returns the option's line in guide.yaml."""
    vocabulary = root / "lotse" / "content" / "vocabulary.py"
    text = vocabulary.read_text(encoding="utf-8")
    vocabulary.write_text(
        text.replace('    "property_damage",\n', f'    "property_damage",\n    "{NEW}",\n', 1), encoding="utf-8"
    )
    guide = root / "flows" / "guide.yaml"
    lines = guide.read_text(encoding="utf-8").splitlines(keepends=True)
    anchor = next(i for i, line in enumerate(lines) if "- value: none" in line)
    lines[anchor:anchor] = [f"      - value: {NEW}\n", "        label: Mein Computer wurde angegriffen.\n"]
    guide.write_text("".join(lines), encoding="utf-8")
    texts = root / "texts" / "de.yaml"
    words = texts.read_text(encoding="utf-8")
    texts.write_text(
        words.replace(
            "    online_hate: Hass im Netz\n", f"    online_hate: Hass im Netz\n    {NEW}: Angriff auf Computer\n", 1
        ),
        encoding="utf-8",
    )
    return anchor + 1


RANK_THE_NEW_INCIDENT = f"""
from pathlib import Path
from lotse.check import validate
from lotse.check.ranking import ranking_problems
from lotse.content.loader import read_content
from lotse.guide.matching import match_providers
content, problems = read_content(Path("."))
print([str(p) for p in problems + ranking_problems(content) if p.file == "flows/ranking.yaml"])
answers = {{"incident": ["{NEW}"], "danger": "yes", "state": "BY", "police": "no"}}
print(content.ranking.order(answers).id, content.ranking.holds("in_danger", answers))
print([p.id for p in match_providers(content.providers, answers, content.ranking)][:1])
"""
CHECK_THEN_RANK = f"""
import contextlib, io, json, runpy, sys
out = io.StringIO()
sys.argv, code = ["lotse", "check"], None
with contextlib.redirect_stdout(out):
    try:
        runpy.run_module("lotse", run_name="__main__", alter_sys=True)
    except SystemExit as exit_:
        code = exit_.code
checked = {{"code": code, "out": out.getvalue()}}
out = io.StringIO()
with contextlib.redirect_stdout(out):
    exec({RANK_THE_NEW_INCIDENT!r})
print(json.dumps({{"check": checked, "ranking": out.getvalue()}}))
"""
"""`python -m lotse check` in the changed copy, then the ranking, in one process (each start loads Lotse)."""


@pytest.fixture(scope="module")
def changed_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], str]:
    """The copy with the new incident: its option's line in guide.yaml, and what check and ranking said."""
    root = copy_of_the_core(tmp_path_factory.mktemp("core"))
    line = add_incident(root)
    run = subprocess.run(
        [sys.executable, "-c", CHECK_THEN_RANK], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    return line, json.loads(run.stdout), run.stderr


def test_check_names_every_gap_of_a_new_incident_with_file_and_line(changed_copy: tuple[int, dict, str]) -> None:
    line, said, stderr = changed_copy
    run = said["check"]
    assert run["code"] == 1, run["out"] + stderr
    assert (
        f"flows/guide.yaml:{line}: Fehler: Für '{NEW}' gibt es keinen Schritt in flows/steps.yaml, dessen 'when' "
        f"diesen Vorfall nennt. Schreiben Sie mindestens einen Schritt dafür, z. B. mit when: \"'{NEW}' in incident\"."
    ) in run["out"].splitlines()
    assert "Traceback" not in run["out"] + stderr


def test_a_new_incident_type_needs_nothing_in_the_ranking(changed_copy: tuple[int, dict, str]) -> None:
    _, said, stderr = changed_copy
    assert said["ranking"].splitlines() == ["[]", "without_police True", "['de-notruf-110']"], stderr
