"""texts/de.yaml, the words of the pages: safe Markdown, plain language, questions that exist.

The loader already refuses a missing or unknown key and a placeholder a text may not use (the model
lists both). Here: the same Markdown rules as for step texts (no images, no HTML, only https, tel:
and mailto: links), the readability warning for the longer texts, and `result.own_questions`, which
must name questions of flows/guide.yaml (and the other references name a step and a screen of this
content). A translation (another file in texts/) is checked too: it must have every key the German file
has. A content tree without texts/ (a copy for a test, say) uses Lotse's own words, checked in Lotse's
own folder.
"""

from __future__ import annotations

from pydantic import ValidationError

from lotse.check.markdown import text_problems
from lotse.check.readability import READABILITY_LIMIT, readability_score
from lotse.content.loader import TEXTS_FILE, Content
from lotse.content.messages import validation_problems
from lotse.content.problems import Problem
from lotse.content.schema import InfoNode
from lotse.content.texts import Texts, text_fields
from lotse.content.yamlfile import YamlSyntaxError, read_yaml

LONG_TEXT = 300
"""Texts at least this long (start page, about page) are measured for readability."""


def texts_problems(content: Content, readability: bool = True) -> list[Problem]:
    problems = []
    for path, text in text_fields(content.texts):
        line = content.line(TEXTS_FILE, path)
        where = ".".join(str(part) for part in path)
        problems += [Problem(TEXTS_FILE, line, f"{where}: {message}") for message in text_problems(text)]
        if readability and len(text) >= LONG_TEXT:
            score = readability_score(text)
            if score > READABILITY_LIMIT:
                problems.append(
                    Problem(
                        TEXTS_FILE,
                        line,
                        f"{where} ist schwer lesbar (Wiener Sachtextformel {score:.1f}, Grenze "
                        f"{READABILITY_LIMIT:.0f}). Kürzere Sätze, weniger lange Wörter.",
                        "warning",
                    )
                )
    if not (content.root / TEXTS_FILE).exists():
        return problems  # the app's own words (loader.APP_ROOT): their references are checked there
    questions = content.questions()
    for key in content.texts.result.own_questions:
        if key not in questions:
            problems.append(
                Problem(
                    TEXTS_FILE,
                    content.line(TEXTS_FILE, ("result", "own_questions", key)),
                    f"result.own_questions: Die Frage '{key}' gibt es in flows/guide.yaml nicht. "
                    f"Möglich: {', '.join(questions)}.",
                )
            )
    notes_step = content.texts.result.notes.step
    if notes_step not in {compiled.step.id for compiled in content.steps}:
        problems.append(
            Problem(
                TEXTS_FILE,
                content.line(TEXTS_FILE, ("result", "notes", "step")),
                f"result.notes.step: Den Schritt '{notes_step}' gibt es in flows/steps.yaml nicht.",
            )
        )
    screen = content.texts.emergency.screen
    if not isinstance(content.flow.nodes.get(screen), InfoNode):
        problems.append(
            Problem(
                TEXTS_FILE,
                content.line(TEXTS_FILE, ("emergency", "screen")),
                f"emergency.screen: '{screen}' ist kein Hinweis (type: info) in flows/guide.yaml.",
            )
        )
    problems += translation_problems(content)
    return problems


def translation_problems(content: Content) -> list[Problem]:
    """Every other file in texts/ must pass the same model: a translation has every key."""
    problems: list[Problem] = []
    folder = (content.root / TEXTS_FILE).parent
    for path in sorted(folder.glob("*.yaml")):
        name = f"{folder.name}/{path.name}"
        if name == TEXTS_FILE:
            continue
        try:
            source = read_yaml(path, name)
        except YamlSyntaxError as exc:
            problems.append(exc.problem)
            continue
        try:
            Texts.model_validate(source.data)
        except ValidationError as exc:
            problems += validation_problems(exc, source, Texts)
    return problems
