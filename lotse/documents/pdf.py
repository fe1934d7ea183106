"""Accessible PDF (PDF/UA-1: tagged, /Lang de, fonts embedded), made in memory and offline.

- No file is written: WeasyPrint returns bytes. Fonts are registered with fontconfig straight from
  assets/fonts/ (WeasyPrint's @font-face path would copy them into a temporary folder first).
- Nothing is fetched: the URL fetcher refuses every URL. The stylesheet is read once from this package;
  the HTML comes from `lotse.documents.html`, where every text is escaped.
- The font configuration and the parsed stylesheet are made once and lent from a pool: building them
  costs about as much as a small document, Streamlit runs every rerun in a new thread, and WeasyPrint's
  configuration keeps caches that are not made for concurrent use. So each render borrows one for
  itself and gives it back; a process makes a second one only while two documents are made at once.
- A page's appendix (a letter's checklist for the writer) is laid out on its own, so its pages do not
  count in the letter's "Seite 1 von 2", and the two are joined into one PDF.
- The metadata names no library, version or date: only the title and the language.
"""

from __future__ import annotations

import queue
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NoReturn
from xml.sax.saxutils import escape as xml_escape

from weasyprint import CSS, HTML
from weasyprint.document import Document as Laid
from weasyprint.text.ffi import ffi, fontconfig, pangoft2
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from lotse.documents.blocks import Page
from lotse.documents.glyphs import FONT_DIR, FONT_FILES, printable
from lotse.documents.html import appendix_html, to_html

FONT_FAMILY = "Lotse Sans"
STYLESHEET = Path(__file__).resolve().parent / "print.css"
PDF_VARIANT = "pdf/ua-1"


class RefusedURLError(ValueError):
    """A document asked for something from outside; nothing was fetched."""


class OfflineFetcher(URLFetcher):
    """Refuses every URL: a document never reaches the network or the file system through WeasyPrint."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> NoReturn:
        self.refused.append(url)
        raise RefusedURLError(f"Lotse fetches nothing: {url[:80]}")  # never shown: WeasyPrint skips the resource


class BundledFonts(FontConfiguration):
    """The system's fontconfig plus the bundled font files, registered in place as 'Lotse Sans'."""

    def __init__(self) -> None:
        super().__init__()
        for name in FONT_FILES:
            path = (FONT_DIR / name).as_posix()
            fontconfig.FcConfigParseAndLoadFromMemory(self._config, _family_rule(path), True)
            if not fontconfig.FcConfigAppFontAddFile(self._config, path.encode()):
                raise FileNotFoundError(f"font missing or damaged: {path}")  # for the operator, not a visitor
        pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", self.font_map))


def _family_rule(path: str) -> bytes:
    # Prepend, not replace, the family name: WeasyPrint does the same (replacing breaks Pango, #2510).
    return (
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd"><fontconfig>'
        f'<match target="scan"><test name="file" compare="eq"><string>{xml_escape(path)}</string></test>'
        f'<edit name="family" mode="prepend"><string>{FONT_FAMILY}</string></edit></match></fontconfig>'
    ).encode()


@dataclass(frozen=True)
class Engine:
    """What every render needs and nothing should rebuild: the fonts and the parsed stylesheet."""

    fonts: BundledFonts
    stylesheet: CSS


def _engine() -> Engine:
    fonts = BundledFonts()
    # The stylesheet fetches nothing (no @import, no url()); a fetcher that refuses is given all the same.
    return Engine(fonts, CSS(string=_stylesheet_text(), font_config=fonts, url_fetcher=OfflineFetcher()))


_pool: queue.SimpleQueue[Engine] = queue.SimpleQueue()


@contextmanager
def _borrowed_engine() -> Iterator[Engine]:
    try:
        engine = _pool.get_nowait()
    except queue.Empty:
        engine = _engine()
    try:
        yield engine
    finally:
        _pool.put(engine)


@lru_cache(maxsize=1)
def _stylesheet_text() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def render_pdf(page: Page) -> bytes:
    """The page (and its appendix, numbered on its own) as one PDF."""
    with _borrowed_engine() as engine:
        return _write(_lay_out(engine, page))


def render_fitting(pages: Sequence[Page], max_pages: int) -> bytes:
    """The first of `pages` that fits on `max_pages` sheets (else the last one): one layout when the
    first fits, which is the usual case."""
    with _borrowed_engine() as engine:
        for page in pages:
            laid = _lay_out(engine, page)
            if len(laid.pages) <= max_pages:
                break
        return _write(laid)


def _lay_out(engine: Engine, page: Page) -> Laid:
    fetcher = OfflineFetcher()
    laid = _layout_html(engine, printable(to_html(page)), fetcher)
    if not page.appendix:
        return laid
    appendix = _layout_html(engine, printable(appendix_html(page)), fetcher)
    return laid.copy([*laid.pages, *appendix.pages])  # keeps the first part's metadata (title, language)


def _layout_html(engine: Engine, html: str, fetcher: URLFetcher) -> Laid:
    document = HTML(string=html, url_fetcher=fetcher, base_url=None)
    return document.render(stylesheets=[engine.stylesheet], font_config=engine.fonts, pdf_variant=PDF_VARIANT)


def _write(laid: Laid) -> bytes:
    pdf = laid.write_pdf(pdf_variant=PDF_VARIANT, finisher=_neutral_metadata)
    if pdf is None:  # only when writing to a target, which we never do
        raise RuntimeError("WeasyPrint hat kein PDF geliefert.")
    return pdf


def _neutral_metadata(laid: Laid, pdf: Any) -> None:  # pdf: the pydyf.PDF WeasyPrint is about to write
    """No producer (library and version) in the document information nor in the XMP stream."""
    pdf.info.pop("Producer", None)
    reference = pdf.catalog.get("Metadata")
    if reference is None:
        return
    stream = pdf.objects[int(reference.split()[0])]
    stream.stream = [_without_producer(part) for part in stream.stream]


def _without_producer(part: bytes) -> bytes:
    return re.sub(rb'\s*pdf:Producer="[^"]*"', b"", part) if isinstance(part, bytes) else part
