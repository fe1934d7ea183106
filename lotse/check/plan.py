"""The plan at the top of every result ("Jetzt tun"): short enough for a frightened person on a phone.

The plan is every step whose urgency, for the answers, is `immediate` or `today` (a step's urgency may be
rules in the content), at most `PLAN_LIMIT` of them: the steps' `priority` decides which win the places.
Where some combination of answers gives more plan steps than that, every step that can be in the plan
must have a `priority`, or the order would be an accident of the file. Each urgency rule must be able to
decide something: for some answers the step shows and the rule is the first that holds. A step's
`contact` must name a contact that can be called or written to. A plan step without its one sentence
(`summary`) shows its whole text instead, so that is no finding here (tests/test_plan_grid.py keeps the
shipped steps complete).
"""

from __future__ import annotations

from itertools import product

from lotse.check.conditions import selections
from lotse.content.loader import STEPS_FILE, CompiledStep, Content
from lotse.content.problems import Problem
from lotse.content.vocabulary import PLAN_LIMIT, PLAN_URGENCIES
from lotse.guide.rules import first_rule, urgency

MAX_COMBINATIONS = 500_000
"""Above this many combinations the size check is skipped with a warning (it would slow the check)."""


def plan_steps(content: Content) -> list[CompiledStep]:
    """The steps that some answers put in the plan."""
    return [compiled for compiled in content.steps if compiled.possible_urgencies & set(PLAN_URGENCIES)]


def _reads(compiled: CompiledStep) -> set[str]:
    names = set(compiled.condition.names) if compiled.condition else set()
    for rule in compiled.urgencies:
        if rule.condition is not None:
            names |= rule.condition.names
    return names


def largest_plan(content: Content) -> tuple[int, dict[str, object]] | None:
    """The most plan steps any combination of answers shows before the cut, and one such combination;
    None when the combinations are too many to try."""
    steps = plan_steps(content)
    keys = sorted({name for compiled in steps for name in _reads(compiled)})
    questions = content.questions()
    choices = [selections(questions[key]) for key in keys]
    total = 1
    for values in choices:
        total *= len(values)
    if total > MAX_COMBINATIONS:
        return None
    best: tuple[int, dict[str, object]] = (-1, {})
    for values in product(*choices):
        answers = dict(zip(keys, values, strict=True))
        count = sum(1 for compiled in steps if _in_plan(compiled, answers))
        if count > best[0]:
            best = (count, answers)
    return best


def _in_plan(compiled: CompiledStep, answers: dict[str, object]) -> bool:
    shows = compiled.condition is None or compiled.condition.holds(answers)
    return shows and urgency(compiled, answers) in PLAN_URGENCIES  # type: ignore[arg-type]


def urgency_problems(content: Content) -> list[Problem]:
    """An urgency rule that is never the first to hold while its step shows decides nothing."""
    questions = content.questions()
    problems = []
    for compiled in content.steps:
        if len(compiled.urgencies) < 2:
            continue
        keys = sorted(_reads(compiled))
        fired: set[int] = set()
        for values in product(*(selections(questions[key]) for key in keys)):
            answers = dict(zip(keys, values, strict=True))
            if compiled.condition is None or compiled.condition.holds(answers):
                fired.add(first_rule(compiled.urgencies, answers)[0])  # type: ignore[arg-type]
                if len(fired) == len(compiled.urgencies):
                    break
        for index, rule in enumerate(compiled.urgencies):
            if index not in fired:
                problems.append(
                    Problem(
                        STEPS_FILE,
                        rule.line,
                        f"Schritt '{compiled.step.id}': Die Regel 'then: {rule.urgency}' unter 'urgency' greift nie, "
                        "wenn der Schritt gezeigt wird (eine Regel darüber oder 'when:' schließt sie aus). "
                        "Ändern Sie ihr 'if' oder löschen Sie sie.",
                    )
                )
    return problems


def _priority_problems(content: Content) -> list[Problem]:
    unranked = [compiled for compiled in plan_steps(content) if compiled.step.priority is None]
    if not unranked:
        return []
    largest = largest_plan(content)
    if largest is None:
        return [Problem(STEPS_FILE, 1, "Die Länge des Plans wurde nicht geprüft: zu viele Kombinationen.", "warning")]
    if largest[0] <= PLAN_LIMIT:
        return []
    count, answers = largest
    shown = ", ".join(f"{key}={value}" for key, value in answers.items())
    ids = ", ".join(compiled.step.id for compiled in unranked)
    return [
        Problem(
            STEPS_FILE,
            unranked[0].line,
            f"Der Plan oben („Jetzt tun“) hätte {count} Schritte, es passen {PLAN_LIMIT}, z. B. bei {shown}. "
            f"Geben Sie diesen Schritten eine 'priority' (kleiner zuerst): {ids}.",
        )
    ]


def plan_problems(content: Content) -> list[Problem]:
    problems = []
    known = {provider.id: provider for provider in content.providers}
    for compiled in content.steps:
        contact = compiled.step.contact
        if contact is None:
            continue
        provider = known.get(contact)
        if provider is None:
            message = f"Schritt '{compiled.step.id}': Den Kontakt '{contact}' gibt es nicht in providers.yaml."
            problems.append(Problem(STEPS_FILE, compiled.line, message))
        elif not (provider.phone or provider.email):
            problems.append(
                Problem(
                    STEPS_FILE,
                    compiled.line,
                    f"Schritt '{compiled.step.id}': Der Kontakt '{contact}' hat weder phone noch email. "
                    "Der Plan zeigt daraus die Knöpfe zum Anrufen und Schreiben.",
                )
            )
    problems += urgency_problems(content)
    problems += _priority_problems(content)
    return problems
