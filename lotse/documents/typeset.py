"""A page typeset by Typst: tagged PDF/UA-1, /Lang de, A4, the bundled font embedded, made in memory.

For the one document that is too long for WeasyPrint within a tap: the police timeline of a whole case
(1,000 incidents in about 0.75 s of CPU, where WeasyPrint took 9 s). It has the look of print.css.

- Nothing typed becomes markup: the template (typst/page.typ) is fixed, the blocks go in as JSON through
  `sys.inputs` and are shown as text.
- Nothing is fetched and no file is read: the template imports nothing, only the bundled font is loaded
  (no system fonts), and the project root Typst may read from is the template's own folder.
- Nothing stays behind: Typst keeps the intermediate results of a compilation in a process-wide memory
  (comemo) and evicts an entry only after ten more compilations have not used it, so a person's text
  would stay in the server's memory for the next sessions' renders. Each render is therefore followed by
  eleven empty compilations (about 15 ms), which age every entry of the person's document out.
- The metadata names no library, version or date: only the title and the language.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import typst

from lotse.documents.blocks import Block, Bullets, Heading, Page, PageBreak, Paragraph
from lotse.documents.glyphs import FONT_DIR, printable

TEMPLATE_DIR: Final = Path(__file__).resolve().parent / "typst"
TEMPLATE: Final = TEMPLATE_DIR / "page.typ"
PDF_STANDARD: Final = "ua-1"
EVICTIONS_TO_FORGET: Final = 11
"""Typst evicts a memoised result that the last 10 compilations did not use (comemo::evict(10) after each
compilation in typst-py): eleven more compilations forget everything of the one before them."""
LONGEST_UNBROKEN: Final = 40
"""A run of more characters than this without a space gets a place to break (U+200B) after every 40:
Typst never breaks inside a word, so a longer one would run off the paper (CSS: overflow-wrap: anywhere).
40 of the bundled font's widest letters (W, about 10.4 pt at 10.5 pt) fit a line even in a hanging list
item, so no German word is touched (a viewer's search would miss a word with a mark in it). Web
addresses are left whole: Typst breaks them by itself."""
_CREATOR = re.compile(rb"/Creator\((?:[^()\\]|\\.)*\)")
_CREATOR_TOOL = re.compile(rb"<xmp:CreatorTool>[^<]*</xmp:CreatorTool>")
_UNBROKEN = re.compile(rf"\S{{{LONGEST_UNBROKEN + 1},}}")
_forget_lock = threading.Lock()


class UntypesetBlockError(TypeError):
    """A block the Typst template does not lay out; such pages go through lotse.documents.pdf."""


def typeset_pdf(page: Page) -> bytes:
    """The page as a tagged A4 PDF (Heading, Paragraph and Bullets blocks, page breaks)."""
    if page.appendix:
        raise UntypesetBlockError("an appendix is laid out by lotse.documents.pdf only")
    data = json.dumps({"title": printable(page.title), "blocks": [_block(block) for block in page.blocks]})
    try:
        pdf = typst.compile(
            _template(),
            root=TEMPLATE_DIR,
            font_paths=_fonts(),
            sys_inputs={"page": data},
            pdf_standards=[PDF_STANDARD],
        )
    finally:
        _forget()
    return _without_creator(pdf)


def _block(block: Block) -> dict[str, Any]:
    match block:
        case Heading(text, level):
            return {"kind": "heading", "level": level, "text": _shown(text)}
        case Paragraph(text, style) if style in ("normal", "strong", "small", "lines"):
            return {"kind": "paragraph", "style": style, "text": _shown(text)}
        case Bullets(items, kind, style) if kind in ("bullet", "index"):
            return {"kind": "bullets", "type": kind, "style": style, "items": [_shown(i) for i in items]}
        case PageBreak():
            return {"kind": "page_break"}
    raise UntypesetBlockError(f"not typeset by Typst: {block!r:.80}")


def _shown(text: str) -> str:
    """The text as the bundled font can draw it (□ for what it cannot), long words breakable."""
    return _UNBROKEN.sub(_breakable, printable(text))


def _breakable(match: re.Match[str]) -> str:
    word = match.group()
    if "://" in word:
        return word
    return "\u200b".join(_chunks(word, LONGEST_UNBROKEN))


def _chunks(word: str, size: int) -> Iterator[str]:
    return (word[start : start + size] for start in range(0, len(word), size))


@lru_cache(maxsize=1)
def _template() -> bytes:
    return TEMPLATE.read_bytes()


@lru_cache(maxsize=1)
def _fonts() -> typst.Fonts:
    """The bundled font only, read once per process (Typst's own embedded fonts and the system's are left
    out, so every PDF looks the same on every machine)."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=[FONT_DIR])


def _forget() -> None:
    with _forget_lock:
        for _ in range(EVICTIONS_TO_FORGET):
            typst.compile(b"", root=TEMPLATE_DIR, font_paths=_fonts(), format="svg")


def _without_creator(pdf: bytes) -> bytes:
    """Typst names itself and its version as the creator, in the document information and in the XMP
    metadata. Both are overwritten with spaces of the same length, so every offset in the file stays right."""
    for pattern in (_CREATOR, _CREATOR_TOOL):
        pdf = pattern.sub(lambda found: b" " * len(found.group()), pdf)
    return pdf
