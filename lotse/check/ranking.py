"""flows/ranking.yaml: every order names each kind of contact once, the last order has no `when` and only
the last, every name an order or a deferral reads is declared, every declared predicate is read (by the
file or by Lotse itself), and the predicates Lotse reads exist. Messages name the file, the line and the fix."""

from __future__ import annotations

import difflib

from lotse.content.loader import Content
from lotse.content.problems import Problem
from lotse.content.ranking import RANKED_KINDS, RANKING_FILE, READ_BY_CODE, RankingFile
from lotse.content.yamlfile import YamlFile, YamlPath


def ranking_problems(content: Content) -> list[Problem]:
    file, source = content.ranking.file, content.sources[RANKING_FILE]
    return _order_problems(file, source) + _name_problems(file, source)


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


def _name_problems(file: RankingFile, source: YamlFile) -> list[Problem]:
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
    read = {name for _, _, name in uses} | set(READ_BY_CODE)
    for name in (name for name in declared if name not in read):
        problems.append(
            source.problem(
                ("predicates", name),
                f"Die Bedingung '{name}' liest niemand. Nennen Sie sie bei einer Reihenfolge oder Zurückstellung "
                "unter 'when:', oder löschen Sie sie.",
                "warning",
            )
        )
    return problems


def _close(name: str, declared: list[str]) -> str:
    close = difflib.get_close_matches(name, declared, n=1)
    return f" Meinten Sie '{close[0]}'?" if close else ""
