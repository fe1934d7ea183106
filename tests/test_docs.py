"""Documentation contract (after Datasette): every YAML key an editor can write and every placeholder a
step text can use is documented in docs/editing.md; the placeholder table matches the code exactly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from lotse.content.loader import load_content
from lotse.content.models import (
    Expectation,
    Flow,
    InfoNode,
    Option,
    Provider,
    QuestionNode,
    ResultNode,
    Rule,
    Scenario,
    Source,
    Step,
)
from lotse.content.placeholders import context_keys
from lotse.content.vocabulary import CANONICAL, POLICE_RELATIONS, PROVIDER_KINDS

ROOT = Path(__file__).resolve().parents[1]
EDITING = (ROOT / "docs" / "editing.md").read_text(encoding="utf-8")
MODELS: list[type[BaseModel]] = [
    Flow,
    QuestionNode,
    InfoNode,
    ResultNode,
    Option,
    Rule,
    Step,
    Source,
    Provider,
    Scenario,
    Expectation,
]


def yaml_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_yaml_key_is_documented(model: type[BaseModel]) -> None:
    undocumented = [key for key in yaml_keys(model) if not re.search(rf"(^|\s|`){re.escape(key)}:", EDITING, re.M)]
    assert undocumented == [], f"{model.__name__}: keys missing in docs/editing.md"


def test_placeholder_table_matches_the_step_context_exactly() -> None:
    section = EDITING.split("Placeholders available in step texts")[1].split("Raw HTML")[0]
    documented = set()
    for row in re.findall(r"^\| (.+?) \|", section, re.M):
        documented.update(re.findall(r"`([a-z_]+)`", row))
    flow = load_content(ROOT).flow
    assert documented == context_keys(flow)


def test_canonical_values_kinds_and_relations_are_documented() -> None:
    for key, values in CANONICAL.items():
        assert f"`{key}`" in EDITING
        for value in values:
            assert f"`{value}`" in EDITING, value
    for kind in PROVIDER_KINDS:
        assert kind in EDITING, kind
    for relation in POLICE_RELATIONS:
        assert f"`{relation}`" in EDITING, relation
