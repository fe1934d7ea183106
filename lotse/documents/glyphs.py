"""The bundled font (DejaVu Sans, assets/fonts/) and what it can draw: both PDF writers show □ for a
character it cannot, instead of a glyph that breaks copying and screen readers."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Final

from fontTools.ttLib import TTFont

ASSETS: Final = Path(__file__).resolve().parent.parent.parent / "assets"
FONT_DIR: Final = ASSETS / "fonts"
FONT_FILES: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf")
REPLACEMENT: Final = "□"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Every code point the bundled font can draw."""
    points: set[int] = set()
    for name in FONT_FILES:
        with TTFont(FONT_DIR / name, lazy=True) as font:
            points.update(font.getBestCmap())
    return frozenset(points)


def missing_glyphs(text: str) -> set[str]:
    """Characters the bundled font cannot draw (e.g. many emoji); the PDF shows □ for each."""
    covered = _covered()
    return {c for c in text if ord(c) not in covered and unicodedata.category(c) != "Cf" and c not in "\n\r\t"}


def printable(text: str) -> str:
    # A glyph no font has (.notdef) makes WeasyPrint write a text map that breaks copying and screen
    # readers for the whole font, so such characters become a visible □ before rendering.
    missing = missing_glyphs(text)
    return text.translate({ord(c): REPLACEMENT for c in missing}) if missing else text
