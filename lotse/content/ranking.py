"""flows/ranking.yaml: named predicates, the orders of contact kinds, the deferrals (as the
Rechtsantragstelle names its guards) and the incidents for which reporting in person comes first.

A predicate is a condition of the one sandbox (`lotse.content.expressions`) under a name; the orders,
the deferrals, the conditions of flows/guide.yaml and flows/steps.yaml, other predicates and Lotse itself
read it by that name only, so who counts as in danger is written once.
The loader reads and compiles the file (types, conditions); `lotse check` (`lotse.check.ranking`) checks
that every order names each kind once and that every name is declared and used.

A content tree without its own flows/ranking.yaml reads Lotse's (as with texts/de.yaml).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from pydantic import Field

from lotse.content.expressions import AnswerDomain, Condition, compile_predicates
from lotse.content.problems import Problem
from lotse.content.schema import Incident, Key, PoliceRelation, Provider, ProviderKind, Strict
from lotse.content.vocabulary import PROVIDER_KINDS
from lotse.content.yamlfile import YamlFile

RANKING_FILE: Final = "flows/ranking.yaml"
IN_DANGER: Final = "in_danger"
"""Read by Lotse: the emergency screen, the emergency numbers among the contacts, 110 at the top."""
IN_DOUBT: Final = "in_doubt"
"""Read by Lotse: not sure about danger, so 110 at the top without the emergency screen."""
READ_BY_CODE: Final = (IN_DANGER, IN_DOUBT)
"""The predicates Lotse reads by name; the check requires them."""
EMERGENCY: Final = "emergency"
RANKED_KINDS: Final = tuple(kind for kind in PROVIDER_KINDS if kind != EMERGENCY)
"""The kinds every order names exactly once; emergency numbers always come first."""


class Order(Strict):
    """One order of the contact kinds, used when the predicate `when` holds (no `when`: the last)."""

    id: Key
    when: Key | None = None
    kinds: list[ProviderKind] = Field(min_length=1)


class Deferral(Strict):
    """Contacts of `relations` (except `except_kinds`) go last, apart, when the predicate `when` holds."""

    id: Key
    when: Key
    relations: list[PoliceRelation] = Field(min_length=1)
    except_kinds: list[ProviderKind] = Field(default_factory=list)


class RankingFile(Strict):
    predicates: dict[Key, str] = Field(min_length=1)
    orders: list[Order] = Field(min_length=1)
    deferrals: list[Deferral] = Field(default_factory=list)
    in_person_first: list[Incident] = Field(min_length=1)
    """Incidents for which reporting at a police station comes before any online form (online police
    stations do not take violent crimes), in the result's contacts and in a letter's routes."""


@dataclass(frozen=True)
class Ranking:
    """flows/ranking.yaml, with every predicate compiled once."""

    file: RankingFile
    predicates: Mapping[str, Condition]

    def holds(self, name: str, answers: Mapping[str, Any]) -> bool:
        """Whether the predicate `name` holds; an answer it reads that is missing counts as not holding."""
        return self.predicates[name].holds(answers)

    def order(self, answers: Mapping[str, Any]) -> Order:
        """The first order whose predicate holds (the last has none)."""
        return next(o for o in self.file.orders if o.when is None or self.holds(o.when, answers))

    def kinds(self, answers: Mapping[str, Any]) -> tuple[str, ...]:
        """The kinds in the order that holds for the answers."""
        return tuple(self.order(answers).kinds)

    def in_person_first(self, incidents: Iterable[str]) -> frozenset[str]:
        """The incidents among `incidents` for which reporting in person comes before any online form."""
        return frozenset(incidents).intersection(self.file.in_person_first)

    def deferrals_holding(self, answers: Mapping[str, Any]) -> tuple[Deferral, ...]:
        return tuple(d for d in self.file.deferrals if self.holds(d.when, answers))

    def is_deferred(self, provider: Provider, answers: Mapping[str, Any]) -> bool:
        """True when a deferral holds and the contact is of its relations and not of its exceptions."""
        return deferred_by(provider, self.deferrals_holding(answers))


def deferred_by(provider: Provider, deferrals: tuple[Deferral, ...]) -> bool:
    return any(provider.police_relation in d.relations and provider.kind not in d.except_kinds for d in deferrals)


def compile_ranking(
    file: RankingFile, source: YamlFile, domains: Mapping[str, AnswerDomain], problems: list[Problem]
) -> tuple[Ranking, Mapping[str, Condition | None]]:
    """Compile every predicate against the answers of the flow; a condition outside the whitelist, or one
    that names itself, is an error at its line. Returns the ranking and every declared name for the
    conditions of the flow (None: declared but not usable)."""
    compiled, errors = compile_predicates(file.predicates, domains)
    for name, exc in errors.items():
        problems.append(source.problem(("predicates", name), f"Bedingung '{name}': {exc}"))
    usable = {name: condition for name, condition in compiled.items() if condition is not None}
    return Ranking(file, usable), compiled
