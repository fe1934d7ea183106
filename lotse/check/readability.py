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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from pyphen import LANGUAGES, HyphDict, ignored, language_fallback

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
    counts = _syllable_counts(listed)
    syllables = [counts[word] for word in listed]
    many = 100 * sum(1 for n in syllables if n >= 3) / count
    long_words = 100 * sum(1 for word in _ALL_PUNCTUATION.sub("", text).split() if len(word) > 6) / count
    single = 100 * sum(1 for n in syllables if n == 1) / count
    per_sentence = count / _sentences(text)
    return 0.1935 * many + 0.1672 * per_sentence + 0.1297 * long_words - 0.0327 * single - 0.875


def _words(text: str) -> list[str]:
    return _PUNCTUATION.sub("", _NON_CONTRACTION_APOSTROPHE.sub("", text)).split()


@dataclass(frozen=True)
class _PatternIndex:
    """The lines of Pyphen's German hyphenation file as written, each with the letters its pattern matches."""

    first_line: bytes
    lines: list[str]
    letters: list[str | None]
    """None where they are not plain to see (^^hh codes, alternatives): such a line is given to every word."""
    longest: int


_DIGIT = re.compile(r"\d")
_SYLLABLES: dict[str, int] = {}
"""Syllables of each word measured so far (words of content texts only, never a visitor's)."""


@cache
def _pattern_index() -> _PatternIndex:
    """Read on first use, without parsing: Pyphen parses all 78,000 German patterns when it loads (~0.5 s),
    and a text needs only the few whose letters occur in its words."""
    path = LANGUAGES[language_fallback("de")]
    with path.open("rb") as file:
        first_line = file.readline()
    encoding = first_line.decode()
    encoding = "cp1251" if encoding.lower() == "microsoft-cp1251" else encoding
    lines = [raw.strip() for raw in path.read_text(encoding).split("\n")[1:]]
    # One pass of the pattern over all lines; HyphDict itself skips comments and empty lines.
    plain = _DIGIT.sub("", "\n".join(lines)).split("\n")
    letters = [None if "^^" in line or "/" in line else key for line, key in zip(lines, plain, strict=True)]
    patterns = (key for line, key in zip(lines, letters, strict=True) if key and not line.startswith(ignored))
    return _PatternIndex(first_line, lines, letters, max(map(len, patterns), default=0))


class _DictionaryLines:
    """What Pyphen's HyphDict reads of a dictionary file (the first line names the encoding), holding only
    the given pattern lines."""

    def __init__(self, first_line: bytes, lines: list[str]) -> None:
        self.first_line = first_line
        self.lines = lines

    def open(self, mode: str) -> BytesIO:
        return BytesIO(self.first_line)

    def read_text(self, encoding: str) -> str:
        return "\n".join(["", *self.lines])


def _hyphenation_for(parts: Iterable[str]) -> HyphDict | None:
    """Pyphen's own patterns for these words: every pattern whose letters occur in one of them (the only
    ones Pyphen looks up for them), so each word hyphenates exactly as with the whole file."""
    index = _pattern_index()
    wanted: set[str] = set()
    for part in parts:
        pointed = f".{part.lower()}."
        for start in range(len(pointed)):
            wanted.update(pointed[start:end] for end in range(start + 1, min(start + index.longest, len(pointed)) + 1))
    lines = [line for line, key in zip(index.lines, index.letters, strict=True) if key is None or key in wanted]
    try:
        return HyphDict(_DictionaryLines(index.first_line, lines))
    except ValueError:  # no line held a pattern (only comments, or no line at all): no hyphenation point
        return None


def _syllable_counts(words: Iterable[str]) -> dict[str, int]:
    """Syllables as Pyphen(lang="de") counts them (one more than its hyphenation points, two letters kept
    at each end), measured once per word."""
    new = {word for word in words if word not in _SYLLABLES}
    if new:
        hyphenation = _hyphenation_for({part for word in new for part in _words(word.lower())})
        for word in new:
            _SYLLABLES[word] = sum(_points(hyphenation, part) + 1 for part in _words(word.lower()))
    return _SYLLABLES


def _points(hyphenation: HyphDict | None, part: str) -> int:
    if hyphenation is None:
        return 0
    return sum(1 for point in hyphenation.positions(part) if 2 <= point <= len(part) - 2)


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
    measured = list(texts_to_measure(content))
    _syllable_counts(word for *_, text in measured for word in _words(plain_text(text)))  # one look-up for all
    for file, text_id, line, text in measured:
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
