"""flows/safety.yaml beyond its types (the loader already refused unknown keys, doubled ids and unknown
contacts): every text is safe Markdown (the page shows the items and words as Markdown), a norm an
item names has a source for it in the same item (as `norms` asks of steps), and no item lists the same
source twice. Its trainer cases (`scenarios`) name known items, have ids of their own, and get the
plan they expect."""

from __future__ import annotations

from datetime import date

from lotse.check.markdown import text_problems
from lotse.check.norms import covered, norms_in
from lotse.content.loader import Content
from lotse.content.problems import Problem
from lotse.content.safety import SAFETY_FILE, SafetyFile, SafetyScenario
from lotse.documents.safety_plan import safety_plan

ANY_DAY = date(2026, 1, 1)
"""The plan's order depends only on `days`, not on the day it is made."""


def safety_check_problems(content: Content) -> list[Problem]:
    check = content.safety
    if check is None:
        return []
    problems: list[Problem] = []
    for key, text in check.words.model_dump().items():
        problems += _markdown(content, ("words", key), text)
    for a, area in enumerate(check.areas):
        problems += _markdown(content, ("areas", a, "title"), area.title)
        for i, item in enumerate(area.items):
            path = ("areas", a, "items", i)
            problems += _markdown(content, path + ("text",), item.text)
            problems += _markdown(content, path + ("who",), item.who)
            for norm in norms_in(item.text):
                if not covered(norm, item.sources):
                    problems.append(
                        Problem(
                            SAFETY_FILE,
                            content.line(SAFETY_FILE, path + ("text",)),
                            f"Punkt '{item.id}' nennt {norm}, aber keine Quelle dafür. Fügen Sie unter "
                            f"'sources' die Seite dieser Vorschrift hinzu (etwa bei gesetze-im-internet.de).",
                            "warning",
                        )
                    )
            urls = [source.url for source in item.sources]
            if len(set(urls)) != len(urls):
                problems.append(
                    Problem(
                        SAFETY_FILE,
                        content.line(SAFETY_FILE, path + ("sources",)),
                        f"Punkt '{item.id}' nennt eine Quelle zweimal. Löschen Sie die doppelte.",
                    )
                )
    return problems + _scenario_problems(content, check)


def _scenario_problems(content: Content, check: SafetyFile) -> list[Problem]:
    problems: list[Problem] = []
    taken = {scenario.id for scenario in content.scenarios}
    for index, scenario in enumerate(check.scenarios):
        path = ("scenarios", index)
        if scenario.id in taken:
            message = (
                f"Den Fall '{scenario.id}' gibt es schon (auch flows/scenarios.yaml zählt). IDs müssen eindeutig sein."
            )
            problems.append(Problem(SAFETY_FILE, content.line(SAFETY_FILE, path + ("id",)), message))
        taken.add(scenario.id)
        problems += [
            Problem(SAFETY_FILE, content.line(SAFETY_FILE, path + key), message)
            for key, message in _expectation_problems(content, check, scenario)
        ]
        for goal, text in enumerate(scenario.learning_goals):
            problems += _markdown(content, path + ("learning_goals", goal), text)
        problems += _markdown(content, path + ("story",), scenario.story)
    return problems


def _expectation_problems(
    content: Content, check: SafetyFile, scenario: SafetyScenario
) -> list[tuple[tuple[str | int, ...], str]]:
    known = {item.id for _, item in check.items()}
    named = [("answers", item) for item in scenario.answers] + [("expected", item) for item in scenario.expected.items]
    if scenario.expected.first:
        named.append(("expected", scenario.expected.first))
    unknown = [(key, item) for key, item in named if item not in known]
    if unknown:
        return [
            ((key,), f"Fall '{scenario.id}': Den Punkt '{item}' gibt es nicht. Nehmen Sie eine ID aus 'areas'.")
            for key, item in unknown
        ]
    plan = [entry.item.id for entry in safety_plan(content, scenario.answers, ANY_DAY)]
    found: list[tuple[tuple[str | int, ...], str]] = [
        (("expected", "items"), f"Fall '{scenario.id}': '{item}' steht nicht im Plan. Setzen Sie ihn unter "
         "'answers' auf open oder nehmen Sie ihn aus 'expected'.")
        for item in scenario.expected.items if item not in plan
    ]  # fmt: skip
    if scenario.expected.first and plan and plan[0] != scenario.expected.first:
        found.append(
            (("expected", "first"), f"Fall '{scenario.id}': Der Plan beginnt mit '{plan[0]}', nicht mit "
             f"'{scenario.expected.first}'. Der Punkt mit den wenigsten Tagen (days) steht oben.")
        )  # fmt: skip
    return found


def _markdown(content: Content, path: tuple[str | int, ...], text: str) -> list[Problem]:
    line = content.line(SAFETY_FILE, path)
    where = ".".join(str(part) for part in path)
    return [Problem(SAFETY_FILE, line, f"{where}: {message}") for message in text_problems(text)]
