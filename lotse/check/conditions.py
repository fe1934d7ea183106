"""Every condition evaluated over the answers it reads: one that always or never holds is an error.

`if: danger ~ 'yes'` (always true) or `when: incident == ['attack', 'threat']` in the wrong order
(never true for the person who chose both) pass a shape check but send everyone the same way. The
named predicates of flows/ranking.yaml are conditions too. Here
each condition is evaluated for every combination of the values of the answers it reads; a
multiple-choice answer takes every allowed selection (an exclusive option stands alone). A step's text
variant is also evaluated together with its step's `when`: one that never holds while the step shows
is never read.

A condition's verdict depends on its text and the values it reads only, so each is worked out once per
process: the app reloads, the benchmark and the tests check the same conditions over and over, and
this is the check's most expensive part (about a third of it for the shipped content).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, product

from lotse.content.expressions import Condition
from lotse.content.facts import fact_domains
from lotse.content.loader import DATES_KEY, GUIDE_FILE, STEPS_FILE, CompiledStep, CompiledVariant, Content
from lotse.content.memo import Memo
from lotse.content.problems import Problem
from lotse.content.ranking import RANKING_FILE
from lotse.content.schema import Answer, QuestionNode
from lotse.content.vocabulary import DATE_USES


def derived_selections() -> dict[str, list[Answer]]:
    """Every value of what an urgency rule or a text variant reads besides the answers: the sets of
    exact dates given and the derived facts (lotse.content.facts)."""
    facts: dict[str, list[Answer]] = {key: list(domain.values) for key, domain in fact_domains().items()}
    return {DATES_KEY: _date_selections(), **facts}


def condition_problems(content: Content) -> list[Problem]:
    domains = {key: selections(question) for key, question in content.questions().items()}
    with_dates = {**domains, **derived_selections()}
    found: list[Problem | None] = []
    for rules in content.rules.values():
        found += [_constant(rule.condition, domains, GUIDE_FILE, rule.line, "") for rule in rules]
    for compiled in content.steps:
        step = f"Schritt '{compiled.step.id}': "
        found.append(_constant(compiled.condition, domains, STEPS_FILE, compiled.line, step))
        urgency = f"Schritt '{compiled.step.id}', urgency: "
        found += [_constant(rule.condition, with_dates, STEPS_FILE, rule.line, urgency) for rule in compiled.urgencies]
        variant = f"Schritt '{compiled.step.id}', variants: "
        for v in compiled.variants:
            constant = _constant(v.condition, with_dates, STEPS_FILE, v.line, variant)
            found.append(constant or _never_with_when(compiled, v, with_dates))
    found += [_constant(n.condition, domains, STEPS_FILE, n.line, "Auf einen Blick: ") for n in content.glance]
    for name, condition in content.ranking.predicates.items():
        line = content.line(RANKING_FILE, ("predicates", name))
        found.append(_constant(condition, domains, RANKING_FILE, line, f"Bedingung '{name}': "))
    return [problem for problem in found if problem is not None]


def _never_with_when(
    compiled: CompiledStep, variant: CompiledVariant, domains: dict[str, list[Answer]]
) -> Problem | None:
    """The error for a text variant whose `if` never holds together with its step's `when`: the person
    who would read it never sees the step."""
    when = compiled.condition
    if when is None:
        return None
    names = sorted(when.names | variant.condition.names)
    read = tuple((name, tuple(_frozen(value) for value in domains[name])) for name in names)
    key = (when.expanded, variant.condition.expanded, read)
    if _TOGETHER.recall(key, lambda: _ever_together(when, variant.condition, names, domains)):
        return None
    return Problem(
        STEPS_FILE,
        variant.line,
        f"Schritt '{compiled.step.id}', variants: Die Bedingung '{variant.condition.source}' trifft nie zu, "
        f"wenn der Schritt gezeigt wird (when: {when.source}). Niemand liest diese Fassung: Ändern Sie ihr "
        "'if' oder das 'when' des Schritts, oder löschen Sie die Fassung.",
    )


_TOGETHER: Memo[tuple[object, ...], bool] = Memo(4096)
"""Whether a step's `when` and a variant's `if` ever hold together, by their conditions and the values
they read (content only, as `_VERDICTS`): each load of the same content asks again."""


def _ever_together(when: Condition, condition: Condition, names: list[str], domains: dict[str, list[Answer]]) -> bool:
    for values in product(*(domains[name] for name in names)):
        scope = dict(zip(names, values, strict=True))
        if when.holds(scope) and condition.holds(scope):
            return True
    return False


def _date_selections() -> list[Answer]:
    """Every set of exact dates a person may have given, none included."""
    return [list(group) for size in range(len(DATE_USES) + 1) for group in combinations(DATE_USES, size)]


def _constant(
    condition: Condition | None, domains: dict[str, list[Answer]], file: str, line: int, prefix: str
) -> Problem | None:
    """The error for a condition that always or never holds, else None."""
    if condition is None:
        return None
    verdict = constant_verdict(condition, domains)
    return None if verdict is None else Problem(file, line, prefix + _message(condition.source, verdict))


_VERDICTS: Memo[tuple[object, ...], bool | None] = Memo(4096)


def constant_verdict(condition: Condition, domains: dict[str, list[Answer]]) -> bool | None:
    """True or False when the condition has that value for every combination, else None."""
    read = tuple((name, tuple(_frozen(value) for value in domains[name])) for name in sorted(condition.names))
    key = (condition.expanded, read)
    return _VERDICTS.recall(key, lambda: _constant_verdict(condition, domains))


def _frozen(answer: Answer) -> str | tuple[str, ...]:
    return answer if isinstance(answer, str) else tuple(answer)


def _constant_verdict(condition: Condition, domains: dict[str, list[Answer]]) -> bool | None:
    seen: set[bool] = set()
    for answers in _combinations(condition, domains):
        seen.add(condition.holds(answers))
        if len(seen) == 2:
            return None
    return seen.pop() if seen else None


def _combinations(condition: Condition, domains: dict[str, list[Answer]]) -> Iterator[dict[str, Answer]]:
    names = sorted(condition.names)
    for values in product(*(domains[name] for name in names)):
        yield dict(zip(names, values, strict=True))


def selections(question: QuestionNode) -> list[Answer]:
    """Every answer the question accepts: one value, or for multiple choice every allowed selection."""
    if not question.multiple:
        return list(question.option_values())
    alone = [[option.value] for option in question.options if option.exclusive]
    combinable = [option.value for option in question.options if not option.exclusive]
    chosen = [list(group) for size in range(1, len(combinable) + 1) for group in combinations(combinable, size)]
    return chosen + alone


def _message(source: str, verdict: bool) -> str:
    how = "immer" if verdict else "nie"
    return (
        f"Die Bedingung '{source}' trifft {how} zu, egal was geantwortet wird. "
        "Prüfen Sie Vergleich und Werte (z. B. '==' statt '~', 'wert' in liste bei Mehrfachauswahl)."
    )
