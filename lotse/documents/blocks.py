"""The few building blocks every document is made of, so the PDF and the Word file say the same.

Texts are plain text (user input and rendered templates); only `Markdown` holds editor-written Markdown
(step texts of the handout). The writers escape everything, so nothing typed can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ParagraphStyle = Literal[
    "normal", "strong", "small", "right", "sender", "recipient", "closing", "signature", "emergency", "lines"
]
"""'lines': a long paragraph of many short lines (the police timeline); the PDF keeps its line breaks
with CSS instead of a <br> box per line, which WeasyPrint lays out about a third faster.
'closing' and 'signature': the greeting and the signature line stay on the page of the letter's last lines,
so no page holds a signature alone."""


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    """Line breaks in the text stay line breaks."""
    style: ParagraphStyle = "normal"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    kind: Literal["bullet", "number", "check", "index"] = "bullet"
    """"index": items that name themselves ("Vorfall 3 …"), without a marker: in the PDF a list item
    without a marker box is a fifth less layout work (the police timeline's long lists)."""
    style: Literal["normal", "small"] = "normal"
    """On paper: "small" for a list of addresses."""


@dataclass(frozen=True)
class Markdown:
    text: str


@dataclass(frozen=True)
class Card:
    """A framed group that a page break never splits, e.g. one contact with its numbers."""

    title: str
    lines: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    """(label, value) pairs; a value starting with https:// becomes a link."""
    notes: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Frame:
    """Blocks framed together that a page break never splits, e.g. the handout's "Auf einen Blick"."""

    blocks: tuple[Heading | Paragraph | Bullets | Card, ...]


Block = Heading | Paragraph | Bullets | Markdown | Card | PageBreak | Frame


@dataclass(frozen=True)
class Page:
    """A whole document: its title (PDF metadata, window title) and its blocks."""

    title: str
    blocks: tuple[Block, ...]
    kind: Literal["letter", "handout", "plan"] = "letter"
    """"plan": the result's handout, a handout on narrower margins so the short one fits three pages."""
    appendix: tuple[Block, ...] = ()
    """Pages for the reader only (a letter's checklist): on new pages, numbered on their own."""
