"""Plain-language check: the Wiener Sachtextformel (WSTF, variant 1) for every step and info text.

WSTF estimates the school grade a German non-fiction text suits (scale 4 to 15: 4-5 very easy, 6-7
easy, 8-10 average, 11+ difficult; Bamberger & Vanecek). Lotse's readers are adults, but they read
under stress, often on a phone, and many hold office as volunteers; stress lowers reading capacity.
So texts should stay "easy": a score above READABILITY_LIMIT = 7 is a warning in `lotse check`.

The formula is counted here, with `pyphen`'s German hyphenation for syllables, exactly as textstat
0.7 counts it (tests pin textstat's figures for sample texts): textstat pulled in nltk and took almost a
second to import in every process that checks content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from pyphen import Pyphen

from lotse.content.loader import GUIDE_FILE, STEPS_FILE, Content
from lotse.content.problems import Problem
from lotse.content.schema import InfoNode

READABILITY_LIMIT = 7.0
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_#>`|]|\{\{.*?\}\}")
_LIST_MARKER = re.compile(r"^\s*(?:[-+]|\d+\.)\s+", re.MULTILINE)
_NON_CONTRACTION_APOSTROPHE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")
_ALL_PUNCTUATION = re.compile(r"[^\w\s]")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def plain_text(markdown: str) -> str:
    """Markdown without markup, each list item ending as a sentence (as a reader perceives it)."""
    text = _MARKDOWN_LINK.sub(r"\1", markdown)
    text = _LIST_MARKER.sub("", text)
    text = _MARKUP.sub(" ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " ".join(line if line[-1] in ".!?:" else line + "." for line in lines)


def readability_score(markdown: str) -> float:
    return wiener_sachtextformel(plain_text(markdown))


def wiener_sachtextformel(text: str) -> float:
    """WSTF variant 1: 0.1935 MS + 0.1672 SL + 0.1297 IW - 0.0327 ES - 0.875 (MS: % words of 3 and more
    syllables, SL: words per sentence, IW: % words longer than 6 letters, ES: % words of one syllable)."""
    listed = _words(text)
    if not listed:
        return 0.0
    count = len(listed)
    syllables = [_syllables(word) for word in listed]
    many = 100 * sum(1 for n in syllables if n >= 3) / count
    long_words = 100 * sum(1 for word in _ALL_PUNCTUATION.sub("", text).split() if len(word) > 6) / count
    single = 100 * sum(1 for n in syllables if n == 1) / count
    per_sentence = count / _sentences(text)
    return 0.1935 * many + 0.1672 * per_sentence + 0.1297 * long_words - 0.0327 * single - 0.875


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


@cache
def _hyphenator() -> Pyphen:
    """Loaded on first use: reading the German patterns takes over a second, and commands that never
    score a text (a deadline, a letter) should not wait for it."""
    return Pyphen(lang="de")


@cache
def _syllables(word: str) -> int:
    return sum(len(_hyphenator().positions(part)) + 1 for part in _words(word.lower()))


def _sentences(text: str) -> int:
    """Sentences as textstat counts them: a sentence of two words or fewer does not count."""
    found = _SENTENCE.findall(text)
    return max(1, len(found) - sum(1 for sentence in found if len(_words(sentence)) <= 2))


def texts_to_measure(content: Content) -> Iterator[tuple[str, str, int, str]]:
    """(file, id, line, text) for every step text and every info screen."""
    for compiled in content.steps:
        yield STEPS_FILE, compiled.step.id, compiled.text_line, compiled.step.text
        for variant in compiled.variants:
            yield STEPS_FILE, compiled.step.id, variant.line, variant.source
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
