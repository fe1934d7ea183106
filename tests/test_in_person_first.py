"""`in_person_first` in flows/ranking.yaml: the incidents for which reporting at a station comes before any
online form are content. The shipped list, an editor's change read by the result's order and a letter's
routes, and the check's messages (file, line, fix) pinned."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from lotse.check.ranking import ranking_problems
from lotse.content.loader import read_content
from lotse.content.ranking import RANKING_FILE
from lotse.guide.matching import match_providers
from tests.conftest import REPO, TODAY
from tests.speedups import validate_once
from tests.test_matching_orders import answers, contact

RANKING = (REPO / RANKING_FILE).read_text(encoding="utf-8")
SHIPPED_LINE = "in_person_first: [attack, threat, stalking]\n"
ROUTES = [
    contact("online", "police", report_route="online"),
    contact("no_route", "police"),
    contact("station", "police", report_route="in_person"),
]


def test_the_shipped_list_is_attack_threat_and_stalking() -> None:
    content = validate_once(REPO, warnings=False).content
    assert content is not None
    assert content.ranking.file.in_person_first == ["attack", "threat", "stalking"]
    assert content.ranking.in_person_first(["insult", "stalking", "none"]) == {"stalking"}


@pytest.fixture
def ranked_with(tree: Callable[..., Path]) -> Callable[[str], tuple[list[str], list[str]]]:
    """The order of an online, a routeless and an in-person police contact for an attack and for an
    insult, with flows/ranking.yaml's `in_person_first` line replaced by `line`."""

    def run(line: str) -> tuple[list[str], list[str]]:
        root = tree()
        (root / RANKING_FILE).write_text(RANKING.replace(SHIPPED_LINE, line), encoding="utf-8")
        content, problems = read_content(root, TODAY)
        assert content is not None, problems
        order = [
            [p.id for p in match_providers(ROUTES, answers("yes", (incident,)), content.ranking)]
            for incident in ("attack", "insult")
        ]
        return order[0], order[1]

    return run


def test_an_editor_moves_an_incident_in_or_out_of_the_list(ranked_with: Callable[..., tuple]) -> None:
    assert ranked_with(SHIPPED_LINE) == (["station", "no-route", "online"], ["online", "no-route", "station"])
    assert ranked_with("in_person_first: [insult]\n") == (
        ["online", "no-route", "station"],
        ["station", "no-route", "online"],
    )


@pytest.fixture
def findings(tree: Callable[..., Path]) -> Callable[[str], list[str]]:
    def run(line: str) -> list[str]:
        root = tree()
        (root / RANKING_FILE).write_text(RANKING.replace(SHIPPED_LINE, line), encoding="utf-8")
        content, problems = read_content(root, TODAY)
        found = problems + (ranking_problems(content) if content is not None else [])
        return [str(p) for p in found if p.file == RANKING_FILE]

    return run


LINE = RANKING[: RANKING.index(SHIPPED_LINE)].count("\n") + 1


def test_an_unknown_incident_is_an_error_with_line_and_the_known_ones(findings: Callable[..., list[str]]) -> None:
    said = findings("in_person_first: [attack, atack]\n")
    assert said == [
        f"flows/ranking.yaml:{LINE}: Fehler: in_person_first.1: Der Wert 'atack' ist nicht erlaubt. Erlaubt: "
        "'insult', 'defamation', 'threat', 'attack', 'online_hate', 'doxing', 'stalking', 'property_damage' oder "
        "'none'."
    ]


def test_none_and_an_incident_twice_are_errors_with_the_fix(findings: Callable[..., list[str]]) -> None:
    assert findings(
        textwrap.dedent("""\
        in_person_first:
          - attack
          - none
          - attack
        """)
    ) == [
        f"flows/ranking.yaml:{LINE + 2}: Fehler: in_person_first: 'none' heißt: Es ist noch nichts passiert, also "
        "gibt es nichts anzuzeigen. Streichen Sie es aus der Liste.",
        f"flows/ranking.yaml:{LINE + 3}: Fehler: in_person_first: 'attack' steht hier schon. Streichen Sie es aus "
        "der Liste.",
    ]


def test_the_list_is_required(findings: Callable[..., list[str]]) -> None:
    assert [line.split(": ", 2)[1:] for line in findings("")] == [
        ["Fehler", "in_person_first: Das Pflichtfeld 'in_person_first' fehlt. Bitte ergänzen (siehe docs/editing.md)."]
    ]


def test_the_docs_name_the_shipped_list() -> None:
    """docs/editing.md, flows/ranking.yaml section: the line about `in_person_first` lists the file's."""
    editing = (REPO / "docs" / "editing.md").read_text(encoding="utf-8")
    line = next(row for row in editing.splitlines() if row.startswith("**Persönlich zuerst** (`in_person_first`): "))
    listed = line.split(": ", 1)[1].split(". ", 1)[0]
    content = validate_once(REPO, warnings=False).content
    assert content is not None
    assert listed == ", ".join(f"`{incident}`" for incident in content.ranking.file.in_person_first)
