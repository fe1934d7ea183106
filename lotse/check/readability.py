"""Plain-language check: the Wiener Sachtextformel (WSTF, variant 1) for every step and info text.

WSTF estimates the school grade a German non-fiction text suits (scale 4 to 15: 4-5 very easy, 6-7
easy, 8-10 average, 11+ difficult; Bamberger & Vanecek). Lotse's readers are adults, but they read
under stress, often on a phone, and many hold office as volunteers; stress lowers reading capacity.
So texts should stay "easy": a score above READABILITY_LIMIT = 7 is a warning in `lotse check`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import textstat

from lotse.content.loader import GUIDE_FILE, STEPS_FILE, Content
from lotse.content.models import InfoNode
from lotse.content.problems import Problem

READABILITY_LIMIT = 7.0
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_#>`|]|\{\{.*?\}\}")
_LIST_MARKER = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)


def plain_text(markdown: str) -> str:
    """Markdown without markup, each list item ending as a sentence (as a reader perceives it)."""
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    text = _LIST_MARKER.sub("", text)
    text = _MARKUP.sub(" ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def readability_score(markdown: str) -> float:
    textstat.set_lang("de")
    return float(textstat.wiener_sachtextformel(plain_text(markdown), 1))


def texts_to_measure(content: Content) -> Iterator[tuple[str, str, int, str]]:
    """(file, id, line, text) for every step text and every info screen."""
    for compiled in content.steps:
        yield STEPS_FILE, compiled.step.id, compiled.text_line, compiled.step.text
    for node_id, node in content.flow.nodes.items():
        if isinstance(node, InfoNode):
            yield GUIDE_FILE, node_id, content.node_line(node_id), node.text


def readability_problems(content: Content, limit: float = READABILITY_LIMIT) -> list[Problem]:
    problems = []
    for file, text_id, line, text in texts_to_measure(content):
        score = readability_score(text)
        if score > limit:
            problems.append(
                Problem(
                    file,
                    line,
                    f"'{text_id}' ist schwer lesbar (Wiener Sachtextformel {score:.1f}, Grenze {limit:.0f}). "
                    "Kürzere Sätze, weniger lange Wörter, Fachbegriffe einmal erklären.",
                    "warning",
                )
            )
    return problems
