"""Adding an incident type takes edits in the vocabulary and the YAML only (the question's option in
guide.yaml, its short name in texts/de.yaml); `lotse check` then names what the content still lacks for it,
with file:line, and no other test needs to change (they derive values from the vocabulary)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

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


def test_check_names_every_gap_of_a_new_incident_with_file_and_line(tmp_path: Path) -> None:
    root = copy_of_the_core(tmp_path)
    line = add_incident(root)
    run = subprocess.run(
        [sys.executable, "-m", "lotse", "check"], cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    assert run.returncode == 1, run.stdout + run.stderr
    assert (
        f"flows/guide.yaml:{line}: Fehler: Für '{NEW}' gibt es keinen Schritt in flows/steps.yaml, dessen 'when' "
        f"diesen Vorfall nennt. Schreiben Sie mindestens einen Schritt dafür, z. B. mit when: \"'{NEW}' in incident\"."
    ) in run.stdout.splitlines()
    assert "Traceback" not in run.stdout + run.stderr
