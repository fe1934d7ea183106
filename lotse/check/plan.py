"""The plan at the top of every result ("Jetzt tun"): short enough for a frightened person on a phone.

The plan is every step whose urgency, for the answers, is `immediate` or `today` (a step's urgency may be
rules in the content), at most `PLAN_LIMIT` of them: the steps' `priority` decides which win the places.
Where more steps than that can be in the plan, every one of them must have a `priority`, or the order
would be an accident of the file. Each urgency rule must be able to
decide something: for some answers the step shows and the rule is the first that holds. A step's
`contact` must name a contact that can be called or written to. A plan step without its one sentence
(`summary`) shows its whole text instead, so that is no finding here (tests/test_plan_grid.py keeps the
shipped steps complete).
"""

from __future__ import annotations

from itertools import product

from lotse.check.conditions import derived_selections, selections
from lotse.content.loader import STEPS_FILE, CompiledStep, Content
from lotse.content.problems import Problem
from lotse.content.vocabulary import PLAN_LIMIT, PLAN_URGENCIES
from lotse.guide.rules import first_rule


def plan_steps(content: Content) -> list[CompiledStep]:
    """The steps that some answers put in the plan."""
    return [compiled for compiled in content.steps if compiled.possible_urgencies & set(PLAN_URGENCIES)]


def _reads(compiled: CompiledStep) -> set[str]:
    names = set(compiled.condition.names) if compiled.condition else set()
    for rule in compiled.urgencies:
        if rule.condition is not None:
            names |= rule.condition.names
    return names


def urgency_problems(content: Content) -> list[Problem]:
    """An urgency rule that is never the first to hold while its step shows decides nothing."""
    problems = []
    for compiled in content.steps:
        if len(compiled.urgencies) < 2:
            continue
        fired = _fired_rules(content, compiled)
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


def _fired_rules(content: Content, compiled: CompiledStep) -> set[int]:
    """The urgency rules that are the first to hold for some answers with which the step shows. Each
    combination of what the rules read is tried once; for a rule not seen yet, the answers only `when`
    reads are searched until one shows the step."""
    domains = {key: selections(question) for key, question in content.questions().items()} | derived_selections()
    read = sorted({name for rule in compiled.urgencies if rule.condition for name in rule.condition.names})
    rest = sorted(_reads(compiled) - set(read))
    fired: set[int] = set()
    for values in product(*(domains[key] for key in read)):
        part = dict(zip(read, values, strict=True))
        index = first_rule(compiled.urgencies, part)[0]  # type: ignore[arg-type]
        if index in fired:
            continue
        completions = product(*(domains[key] for key in rest))
        when = compiled.condition
        if when is None or any(when.holds({**part, **dict(zip(rest, more, strict=True))}) for more in completions):
            fired.add(index)
            if len(fired) == len(compiled.urgencies):
                break
    return fired


def _priority_problems(content: Content) -> list[Problem]:
    """More steps that can be in the plan than it has places: each needs a `priority`, or which steps win
    them would be an accident of the file's order."""
    candidates = plan_steps(content)
    unranked = [compiled for compiled in candidates if compiled.step.priority is None]
    if len(candidates) <= PLAN_LIMIT or not unranked:
        return []
    ids = ", ".join(compiled.step.id for compiled in unranked)
    return [
        Problem(
            STEPS_FILE,
            unranked[0].line,
            f"{len(candidates)} Schritte können in den Plan oben („Jetzt tun“) kommen, er hat {PLAN_LIMIT} Plätze. "
            f"Geben Sie diesen Schritten eine 'priority' (1–99, kleiner zuerst): {ids}.",
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
