"""Documentation contract (after Datasette): every YAML key an editor can write, every placeholder and
every canonical value is documented in docs/editing.md; the placeholder table matches the code exactly."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel

from lotse.check import CHECKS
from lotse.content.placeholders import PLACEHOLDERS
from lotse.content.ranking import Deferral, Order, RankingFile
from lotse.content.schema import (
    DateField,
    Expectation,
    Flow,
    GlanceNumber,
    GlanceRules,
    InfoNode,
    Option,
    Provider,
    QuestionNode,
    ResultNode,
    Rule,
    Scenario,
    Source,
    Step,
    StepsFile,
    TextVariant,
    UrgencyRule,
)
from lotse.content.vocabulary import CANONICAL, POLICE_RELATION_VALUES, PROVIDER_KIND_VALUES, REPORT_ROUTES
from tests.conftest import REPO
from tests.speedups import validate_once

NEEDS_IN_DOCS = {"Dateien": "files", "Inhalt": "content", "Wege": "sound graph", "Messung": "measure"}
MODELS: list[type[BaseModel]] = [
    Flow,
    QuestionNode,
    InfoNode,
    ResultNode,
    Option,
    DateField,
    Rule,
    Step,
    UrgencyRule,
    TextVariant,
    StepsFile,
    GlanceRules,
    GlanceNumber,
    Source,
    Provider,
    Scenario,
    Expectation,
    RankingFile,
    Order,
    Deferral,
]


@pytest.fixture(scope="module")
def editing() -> str:
    return (REPO / "docs" / "editing.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_yaml_key_is_documented(editing: str, model: type[BaseModel]) -> None:
    keys = [info.alias or name for name, info in model.model_fields.items()]
    undocumented = [key for key in keys if not re.search(rf"(^|\s|`){re.escape(key)}:", editing, re.M)]
    assert undocumented == [], f"{model.__name__}: keys missing in docs/editing.md"


def test_the_documented_placeholders_are_exactly_the_code_s(editing: str) -> None:
    assert set(re.findall(r"\{\{ ([a-z_]+) \}\}", editing)) == set(PLACEHOLDERS)


def test_canonical_values_kinds_relations_and_routes_are_documented(editing: str) -> None:
    for key, values in CANONICAL.items():
        assert f"`{key}`" in editing
        assert [value for value in values if f"`{value}`" not in editing] == []
    for value in (*PROVIDER_KIND_VALUES, *POLICE_RELATION_VALUES, *REPORT_ROUTES):
        assert value in editing, value


def test_the_checks_in_docs_are_exactly_the_code_s_in_its_order(editing: str) -> None:
    section = editing.split("## Was `lotse check` prüft", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (\w+) \|", section, re.M)
    assert [(name, NEEDS_IN_DOCS[needs]) for name, needs in rows] == [(check.name, check.needs) for check in CHECKS]


def _ranking_table(editing: str, heading: str) -> list[tuple[str, str]]:
    section = editing.split("## `flows/ranking.yaml`", 1)[1].split("\n## ", 1)[0]
    table = section.split(f"**{heading}**", 1)[1].split("\n\n", 2)[1]
    return re.findall(r"^\| `([a-z_]+)` \| `?([^`|]*?)`? \|", table, re.M)


def test_every_predicate_order_and_deferral_is_documented_as_declared(editing: str) -> None:
    """A predicate, an order or a deferral added to flows/ranking.yaml without its row fails here."""
    ranking = validate_once(REPO, warnings=False).content.ranking.file
    assert _ranking_table(editing, "Die Bedingungen") == list(ranking.predicates.items())
    assert _ranking_table(editing, "Die Reihenfolgen") == [(o.id, o.when or "(keins)") for o in ranking.orders]
    assert _ranking_table(editing, "Die Zurückstellungen") == [(d.id, d.when) for d in ranking.deferrals]
