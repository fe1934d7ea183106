"""Every step text rendered for every value its placeholders can take, so no visitor ever meets a
render error (which would also have written their answer into the log)."""

from __future__ import annotations

from lotse.content.loader import STEPS_FILE, Content
from lotse.content.placeholders import placeholder_values
from lotse.content.problems import Problem
from lotse.content.vocabulary import CANONICAL


def rendering_problems(content: Content) -> list[Problem]:
    problems = []
    for answers in _placeholder_answers(content):
        values = placeholder_values(content.flow, content.texts, answers)
        for compiled in content.steps:
            texts = [(compiled.text, compiled.text_line)] + [(v.text, v.line) for v in compiled.variants]
            for text, line in texts:
                try:
                    text.render(values)
                except Exception as exc:
                    message = (
                        f"Schritt '{compiled.step.id}': Der Text lässt sich nicht anzeigen ({type(exc).__name__})."
                    )
                    problems.append(Problem(STEPS_FILE, line, message))
        if problems:
            break
    return problems


def _placeholder_answers(content: Content) -> list[dict[str, object]]:
    """One answer set per value of every answer the placeholders read (all other answers fixed)."""
    questions = content.questions()
    base = {key: _first(questions[key].option_values(), questions[key].multiple) for key in CANONICAL}
    sets = []
    for key in CANONICAL:
        question = questions[key]
        for value in question.option_values():
            sets.append({**base, key: [value] if question.multiple else value})
    return sets


def _first(values: tuple[str, ...], multiple: bool) -> object:
    return [values[0]] if multiple else values[0]
