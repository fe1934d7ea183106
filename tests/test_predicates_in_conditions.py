"""The predicates of flows/ranking.yaml in the conditions of the flow, the steps and the letters: a name
holds exactly when its condition would, over every answer it reads; an unknown name and a predicate that
names itself are errors with file, line and fix (pinned); the trainer page says the same words."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from itertools import product
from pathlib import Path

import pytest

from lotse.check import Report
from lotse.check.conditions import selections
from lotse.content.expressions import compile_condition
from lotse.content.loader import Content, load_content, read_content
from lotse.content.ranking import RANKING_FILE
from lotse.explain.trace import trace
from tests.apptest import copy_content
from tests.conftest import REPO, TODAY
from tests.speedups import validate_once
from tests.trees import MINIMAL_STEPS, minimal_guide

SHIPPED = validate_once(REPO, warnings=False).content
assert SHIPPED is not None

# Each named form next to the raw comparison it replaced in flows/*.yaml.
WRITTEN_OUT = [
    ("in_danger", "danger == 'yes'"),
    ("in_doubt", "danger == 'unsure'"),
    ("in_danger or in_doubt", "danger in ['yes', 'unsure']"),
    ("prevention_only", "incident == ['none']"),
    ("not prevention_only", "not (incident == ['none'])"),
    ("already_reported", "police == 'already_reported'"),
    ("police_undecided", "police == 'undecided'"),
    ("no_police", "police == 'no'"),
    ("not no_police", "police != 'no'"),
    ("no_police and not prevention_only", "police == 'no' and not (incident == ['none'])"),
    ("in_danger and role != 'supporter'", "danger == 'yes' and role != 'supporter'"),
]


def grid(content: Content, names: list[str]) -> list[dict[str, object]]:
    """Every combination of every answer (each selection for multiple choice) of `names`, and each with
    one answer missing."""
    questions = content.questions()
    full = [dict(zip(names, values, strict=True)) for values in product(*(selections(questions[n]) for n in names))]
    return full + [{k: v for k, v in answers.items() if k != left} for answers in full for left in names]


@pytest.mark.parametrize(("named", "raw"), WRITTEN_OUT)
def test_a_condition_naming_predicates_holds_exactly_when_the_written_out_one_does(named: str, raw: str) -> None:
    domains = SHIPPED.domains()
    by_name = compile_condition(named, domains, SHIPPED.ranking.predicates)
    written = compile_condition(raw, domains)
    assert (by_name.names, by_name.literals) == (written.names, written.literals)
    cases = grid(SHIPPED, sorted(written.names))
    assert [by_name.holds(answers) for answers in cases] == [written.holds(answers) for answers in cases]
    assert len(cases) > 3


def test_the_shipped_flows_name_the_predicates_instead_of_writing_them_out() -> None:
    flows = "".join((REPO / "flows" / name).read_text(encoding="utf-8") for name in ("guide.yaml", "steps.yaml"))
    for _, raw in WRITTEN_OUT[:4] + WRITTEN_OUT[5:8]:
        assert raw not in flows, raw
    first = SHIPPED.rules["danger"][0]
    assert (first.condition.source, first.condition.expanded) == ("in_danger", "(danger == 'yes')")
    assert first.condition.predicates == {"in_danger"}


def write_tree(tree: Callable[..., Path], old: str, new: str, *, ranking: str | None = None) -> Path:
    guide = minimal_guide()
    assert old in guide
    root = tree(guide=guide.replace(old, new, 1), steps=MINIMAL_STEPS)
    if ranking is not None:
        (root / RANKING_FILE).write_text(textwrap.dedent(ranking), encoding="utf-8")
    return root


def test_the_trainer_page_says_the_same_words_for_a_name_as_for_its_condition(tree: Callable[..., Path]) -> None:
    named = load_content(write_tree(tree, "- if: danger == 'yes'", "- if: in_danger"), TODAY)
    raw = load_content(tree(), TODAY)
    answers = {"incident": ["threat"], "danger": "yes", "state": "BY", "police": "yes"}
    said = [(step.node_id, step.reason) for step in trace(named, answers)]
    assert said == [(step.node_id, step.reason) for step in trace(raw, answers)]
    assert ("danger", "Weiter zu „Notruf 110“, weil Sie „danger yes“ gewählt haben.") in said


def test_an_unknown_name_is_an_error_with_file_line_and_fix(
    check_tree: Callable[..., Report],
) -> None:
    report = check_tree(guide=minimal_guide().replace("- if: danger == 'yes'", "- if: in_dangr", 1))
    assert [str(problem) for problem in report.errors] == [
        "flows/guide.yaml:29: Fehler: Die Bedingung 'in_dangr': 'in_dangr' ist weder eine Antwort noch eine "
        "benannte Bedingung. Meinten Sie 'in_danger'? Legen Sie sie in flows/ranking.yaml (predicates) an oder "
        "nennen Sie eine vorhandene: already_reported, in_danger, in_doubt, no_police, police_undecided, "
        "prevention_only."
    ]


RANKING = """\
predicates:
  in_danger: danger == 'yes'
  in_doubt: danger == 'unsure'
  no_police: police == 'no'
  at_risk: in_danger or in_doubt
orders:
  - id: without_police
    when: no_police
    kinds: [counselling, victim_support, legal, reporting, prevention, network, police, prosecution]
  - id: with_police
    kinds: [police, prosecution, reporting, victim_support, counselling, legal, prevention, network]
in_person_first: [attack, threat, stalking]
"""


def test_a_predicate_may_name_another_and_a_flow_condition_counts_as_reading_it(
    tree: Callable[..., Path],
) -> None:
    root = write_tree(tree, "- if: danger == 'yes'", "- if: at_risk", ranking=RANKING)
    report = validate_once(root, TODAY)
    assert [str(p) for p in report.problems if p.file in {RANKING_FILE, "flows/guide.yaml"}] == []
    assert report.content is not None
    rule = report.content.rules["danger"][0]
    assert rule.condition is not None
    assert rule.condition.expanded == "((danger == 'yes') or (danger == 'unsure'))"
    assert rule.condition.predicates == {"at_risk", "in_danger", "in_doubt"}


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (
            "  at_risk: at_risk or in_doubt\n",
            "flows/ranking.yaml:5: Fehler: Bedingung 'at_risk': Die Bedingung 'at_risk' nennt sich selbst "
            "(at_risk → at_risk), so hat sie nie einen Wert. Schreiben Sie an einer Stelle die Antworten aus, "
            "z. B. danger == 'yes'.",
        ),
        (
            "  at_risk: in_doubt or near\n  near: at_risk\n",
            "flows/ranking.yaml:5: Fehler: Bedingung 'at_risk': Die Bedingung 'at_risk' nennt sich selbst "
            "(at_risk → near → at_risk), so hat sie nie einen Wert. Schreiben Sie an einer Stelle die Antworten "
            "aus, z. B. danger == 'yes'.",
        ),
    ],
)
def test_a_predicate_that_names_itself_is_an_error_at_its_line(
    tree: Callable[..., Path], declared: str, message: str
) -> None:
    ranking = RANKING.replace("  at_risk: in_danger or in_doubt\n", declared)
    root = write_tree(tree, "- if: danger == 'yes'", "- if: in_danger", ranking=ranking)
    report = validate_once(root, TODAY)
    assert message in [str(problem) for problem in report.errors]
    assert report.content is None


def test_the_example_in_the_docs_is_what_the_check_says(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    guide = root / "flows" / "guide.yaml"
    guide.write_text(guide.read_text(encoding="utf-8").replace("- if: in_danger\n", "- if: in_dangr\n", 1))
    _, problems = read_content(root)
    said = [str(problem) for problem in problems if problem.file == "flows/guide.yaml"]
    assert len(said) == 1 and said[0].startswith("flows/guide.yaml:81: Fehler: Die Bedingung 'in_dangr'")
    assert f"\n{said[0]}\n" in (REPO / "docs" / "editing.md").read_text(encoding="utf-8")
