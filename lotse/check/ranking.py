"""flows/ranking.yaml: every order names each kind of contact once, the last order has no `when` and only
the last, every name an order or a deferral reads is declared, every declared predicate is read (by the
file, by a condition of the flow, the steps, "Auf einen Blick" or a letter, or by Lotse itself), and the
predicates Lotse reads exist. A name a condition reads that is not declared, or a predicate that names
itself, is an error of the loader (`lotse.content.expressions`). `in_person_first` names each incident at
most once and never `none` (the loader already refuses an unknown incident). Messages name the file, the
line and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from lotse.check.completeness import PREVENTION
from lotse.content.expressions import Condition
from lotse.content.loader import Content
from lotse.content.problems import Problem
from lotse.content.ranking import RANKED_KINDS, RANKING_FILE, READ_BY_CODE, RankingFile
from lotse.content.yamlfile import YamlFile, YamlPath
from lotse.documents.catalog import DocumentCatalog


def ranking_problems(content: Content, catalog: DocumentCatalog | None = None) -> list[Problem]:
    file, source = content.ranking.file, content.sources[RANKING_FILE]
    read_elsewhere = {name for condition in _conditions(content, catalog) for name in condition.predicates}
    return _order_problems(file, source) + _name_problems(file, source, read_elsewhere) + _in_person(file, source)


def _in_person(file: RankingFile, source: YamlFile) -> list[Problem]:
    problems = []
    for index, incident in enumerate(file.in_person_first):
        if incident == PREVENTION or incident in file.in_person_first[:index]:
            why = (
                "'none' heißt: Es ist noch nichts passiert, also gibt es nichts anzuzeigen"
                if incident == PREVENTION
                else f"'{incident}' steht hier schon"
            )
            problems.append(
                source.problem(("in_person_first", index), f"in_person_first: {why}. Streichen Sie es aus der Liste.")
            )
    return problems


def _conditions(content: Content, catalog: DocumentCatalog | None) -> Iterator[Condition]:
    """Every compiled condition that may name a predicate, the predicates themselves included."""
    yield from content.ranking.predicates.values()
    yield from (rule.condition for rules in content.rules.values() for rule in rules if rule.condition)
    for step in content.steps:
        yield from [step.condition] if step.condition else []
        yield from (rule.condition for rule in step.urgencies if rule.condition)
        yield from (variant.condition for variant in step.variants)
    yield from (number.condition for number in content.glance if number.condition)
    yield from catalog.fits.values() if catalog else ()


def _order_problems(file: RankingFile, source: YamlFile) -> list[Problem]:
    problems = []
    for index, order in enumerate(file.orders):
        path: YamlPath = ("orders", index)
        missing = [kind for kind in RANKED_KINDS if kind not in order.kinds]
        doubled = sorted({kind for kind in order.kinds if order.kinds.count(kind) > 1})
        if "emergency" in order.kinds:
            problems.append(
                source.problem(
                    path + ("kinds",),
                    f"Reihenfolge '{order.id}': 'emergency' steht hier nicht, Notrufe stehen immer ganz oben. "
                    "Streichen Sie es aus 'kinds'.",
                )
            )
        if missing or doubled:
            what = [f"es fehlt {', '.join(missing)}"] if missing else []
            what += [f"doppelt steht {', '.join(doubled)}"] if doubled else []
            problems.append(
                source.problem(
                    path + ("kinds",),
                    f"Reihenfolge '{order.id}': {'; '.join(what)}. Jede Reihenfolge nennt jede Art von Kontakt "
                    f"genau einmal: {', '.join(RANKED_KINDS)}.",
                )
            )
        last = index == len(file.orders) - 1
        if last and order.when is not None:
            problems.append(
                source.problem(
                    path + ("when",),
                    f"Reihenfolge '{order.id}': Die letzte Reihenfolge steht ohne 'when', damit es für alle "
                    "Antworten eine gibt. Streichen Sie 'when' oder fügen Sie darunter eine ohne 'when' an.",
                )
            )
        if not last and order.when is None:
            problems.append(
                source.problem(
                    path,
                    f"Reihenfolge '{order.id}': Nur die letzte Reihenfolge steht ohne 'when'; die darunter kämen "
                    "nie zum Zug. Geben Sie ihr ein 'when' oder schieben Sie sie ans Ende.",
                )
            )
    seen: set[str] = set()
    for section, items in (("orders", file.orders), ("deferrals", file.deferrals)):
        for index, item in enumerate(items):
            if item.id in seen:
                problems.append(
                    source.problem(
                        (section, index, "id"), f"Die ID '{item.id}' gibt es schon. IDs müssen eindeutig sein."
                    )
                )
            seen.add(item.id)
    return problems


def _name_problems(file: RankingFile, source: YamlFile, read_elsewhere: set[str]) -> list[Problem]:
    declared = list(file.predicates)
    problems = []
    uses: list[tuple[YamlPath, str, str]] = [
        (("orders", i, "when"), f"Reihenfolge '{o.id}'", o.when) for i, o in enumerate(file.orders) if o.when
    ]
    uses += [(("deferrals", i, "when"), f"Zurückstellung '{d.id}'", d.when) for i, d in enumerate(file.deferrals)]
    for path, where, name in uses:
        if name not in file.predicates:
            problems.append(
                source.problem(
                    path,
                    f"{where}: 'when: {name}' nennt keine Bedingung unter 'predicates'.{_close(name, declared)} "
                    f"Legen Sie sie dort an (z. B. '{name}: police == ...') oder nennen Sie eine vorhandene.",
                )
            )
    for name in READ_BY_CODE:
        if name not in file.predicates:
            problems.append(
                source.problem(
                    ("predicates",),
                    f"Die Bedingung '{name}' fehlt unter 'predicates'. Lotse liest sie selbst (Notruf, 110 oben). "
                    "Legen Sie sie wieder an, wie docs/editing.md sie beschreibt.",
                )
            )
    read = {name for _, _, name in uses} | set(READ_BY_CODE) | read_elsewhere
    for name in (name for name in declared if name not in read):
        problems.append(
            source.problem(
                ("predicates", name),
                f"Die Bedingung '{name}' liest niemand. Nennen Sie sie bei einer Reihenfolge oder Zurückstellung "
                "unter 'when:' oder in einer Bedingung (if:, when:, fits:), oder löschen Sie sie.",
                "warning",
            )
        )
    return problems


def _close(name: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(name, declared, n=1)
    return f" Meinten Sie '{close[0]}'?" if close else ""
