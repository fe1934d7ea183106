"""The plan at the top of every result ("Jetzt tun"): short enough for a frightened person on a phone.

The plan is every step with urgency `immediate` or `today`. For every combination of the answers
that those steps' conditions read, at most `PLAN_LIMIT` of them may hold at once; a step's `contact`
must name a contact that can be called or written to. A plan step without its one sentence
(`summary`) shows its whole text instead, so that is no finding here (tests/test_plan_grid.py keeps
the shipped steps complete).
"""

from __future__ import annotations

from itertools import product

from lotse.check.conditions import selections
from lotse.content.loader import STEPS_FILE, CompiledStep, Content
from lotse.content.problems import Problem
from lotse.content.vocabulary import PLAN_URGENCIES

PLAN_LIMIT = 5
MAX_COMBINATIONS = 500_000
"""Above this many combinations the size check is skipped with a warning (it would slow the check)."""


def plan_steps(content: Content) -> list[CompiledStep]:
    return [compiled for compiled in content.steps if compiled.step.urgency in PLAN_URGENCIES]


def largest_plan(content: Content) -> tuple[int, dict[str, object]] | None:
    """The most plan steps any combination of answers shows, and one such combination; None when the
    combinations are too many to try."""
    steps = plan_steps(content)
    keys = sorted({name for compiled in steps if compiled.condition for name in compiled.condition.names})
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
        count = sum(1 for compiled in steps if compiled.condition is None or compiled.condition.holds(answers))
        if count > best[0]:
            best = (count, answers)
    return best


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
    largest = largest_plan(content)
    if largest is None:
        problems.append(
            Problem(STEPS_FILE, 1, "Die Länge des Plans wurde nicht geprüft: zu viele Kombinationen.", "warning")
        )
    elif largest[0] > PLAN_LIMIT:
        count, answers = largest
        shown = ", ".join(f"{key}={value}" for key, value in answers.items())
        problems.append(
            Problem(
                STEPS_FILE,
                1,
                f"Der Plan oben („Jetzt tun“) hätte {count} Schritte, erlaubt sind {PLAN_LIMIT}, z. B. bei {shown}. "
                "Setzen Sie bei einem Schritt 'urgency: soon' oder grenzen Sie 'when:' ein.",
            )
        )
    return problems
