"""A new incident type needs only the vocabulary and YAML: flows/ranking.yaml needs nothing for it, and the
ranking works for it at once. Runs a changed copy of Lotse in its own process (so not in mutmut's selection)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.test_new_incident import NEW, add_incident, copy_of_the_core

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


def test_a_new_incident_type_needs_nothing_in_the_ranking(tmp_path: Path) -> None:
    root = copy_of_the_core(tmp_path)
    add_incident(root)
    run = subprocess.run(
        [sys.executable, "-c", RANK_THE_NEW_INCIDENT],
        check=False,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout.splitlines() == ["[]", "without_police True", "['de-notruf-110']"], run.stderr
