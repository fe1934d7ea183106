"""Markdown in content may link, but never load anything: no images, no raw HTML, only safe links.

An image `![x](http://tracker.example/p.png)` in a step text would make every visitor's browser
contact a third party. Links may only go to `https:` pages (checked like every URL in the files),
`tel:` numbers and `mailto:` addresses (checked like phone numbers and e-mail addresses).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from lotse.content import validators
from lotse.content.loader import GUIDE_FILE, PROVIDERS_FILE, STEPS_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import InfoNode, QuestionNode, ResultNode

_PARSER = MarkdownIt("commonmark")
_BARE_SCHEME = re.compile(r"(?<![\w/])(?:javascript|data|file|vbscript):|(?<![\w/(<])(?:http|ftp):", re.IGNORECASE)
"""Schemes that Streamlit's Markdown would make a link of (it links bare URLs), or that a link target
hides from the Markdown parser (which does not link `javascript:`). A bare `http:` inside `](…)` or
`<…>` is a link and gets the link's message instead."""


def markdown_texts(content: Content) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, what, text) for every text that is shown as Markdown."""
    for node_id, node in content.flow.nodes.items():
        line = content.node_line(node_id)
        if isinstance(node, QuestionNode):
            yield from ((GUIDE_FILE, line, f"'{node_id}'", text) for text in _question_texts(node))
        elif isinstance(node, (InfoNode, ResultNode)):
            for text in (node.title, node.text, getattr(node, "advisor_note", None)):
                if text:
                    yield GUIDE_FILE, line, f"'{node_id}'", text
    for compiled in content.steps:
        step = compiled.step
        for text in (step.title, step.text, step.advisor_note, *(variant.text for variant in step.variants)):
            if text:
                yield STEPS_FILE, compiled.line, f"Schritt '{step.id}'", text
    for index, provider in enumerate(content.providers):
        line = content.line(PROVIDERS_FILE, ("providers", index))
        for text in (provider.name, provider.description, provider.hours, provider.audience):
            if text:
                yield PROVIDERS_FILE, line, f"'{provider.id}'", text


def _question_texts(question: QuestionNode) -> Iterator[str]:
    """The question's help and note, its options' labels and hints, its dates' labels and help."""
    parts = [question.help, question.advisor_note]
    parts += [text for option in question.options for text in (option.label, option.hint)]
    parts += [text for asked in question.dates for text in (asked.label, asked.help)]
    yield from (text for text in parts if text)


def markdown_problems(content: Content) -> list[Problem]:
    problems = []
    for file, line, what, text in markdown_texts(content):
        for message in dict.fromkeys(text_problems(text)):  # each message once per text
            problems.append(Problem(file, line, f"{what}: {message}"))
    return problems


@lru_cache(maxsize=8192)
def text_problems(text: str) -> tuple[str, ...]:
    """What is wrong with one Markdown text (the same text is checked once per process: the app's own
    words come with every small content tree, and the check runs again after each saved file)."""
    return tuple(_text_problems(text))


def _text_problems(text: str) -> Iterator[str]:
    if not any(mark in text for mark in "[]!<>:"):
        return  # no link, image, HTML or address can be written without one of these
    bare = _BARE_SCHEME.search(text)
    if bare:
        yield f"'{bare.group(0)}…' ist nicht erlaubt. Adressen beginnen mit https://."
    for token in _flatten(_PARSER.parse(text)):
        if token.type == "image":
            yield (
                "Bilder (![…](…)) sind nicht erlaubt: Sie würden von fremden Servern geladen. "
                "Beschreiben Sie es in Worten oder setzen Sie einen Link."
            )
        elif token.type in {"html_inline", "html_block"}:
            yield "HTML ist nicht erlaubt und wird nicht angezeigt. Nutzen Sie Markdown, z. B. **fett**."
        elif token.type == "link_open":
            problem = link_problem(str(token.attrs.get("href", "")))
            if problem:
                yield problem


def _flatten(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from _flatten(token.children)


def link_problem(href: str) -> str | None:
    """Why a link target is not allowed, or None. Links go to https pages, phone numbers, mail addresses."""
    scheme, _, rest = href.partition(":")
    target = unquote(rest)
    try:
        if scheme == "https":
            validators.https_url(href)
        elif scheme == "tel":
            validators.phone(target)
        elif scheme == "mailto":
            validators.email(target)
        else:
            return f"Der Link '{href[:80]}' ist nicht erlaubt. Links beginnen mit https://, tel: oder mailto:."
    except ValueError as exc:
        return f"Der Link '{href[:80]}' ist ungültig: {exc}"
    return None
