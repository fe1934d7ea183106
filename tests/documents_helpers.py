"""Shared helpers for the document tests: the shipped content, and what a PDF holds."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pypdfium2
from pypdf import PdfReader

from lotse.content.loader import Content
from lotse.documents.catalog import DocumentCatalog, load_catalog
from tests.speedups import validate_once

ROOT = Path(__file__).resolve().parents[1]


@cache
def shipped_content() -> Content:
    """The shipped content, loaded once per test process (every helper that needs it reads it here): the
    one the check made of it, which tests/conftest.py and several test modules ask for anyway."""
    report = validate_once(ROOT, warnings=False)
    assert report.content is not None, "\n".join(map(str, report.errors))
    return report.content


@cache
def shipped() -> tuple[Content, DocumentCatalog]:
    content = shipped_content()
    return content, load_catalog(ROOT, content)


@dataclass(frozen=True)
class PdfFacts:
    pages: tuple[str, ...]
    lang: Any
    tagged: bool
    marked: bool
    fonts: tuple[str, ...]
    embedded: bool
    title: str | None

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def pdf_text(data: bytes) -> tuple[str, ...]:
    """The text of each page, as PDFium reads it (about 15 times faster than pypdf's `extract_text`, which
    took some 6 s of the unit suite), with its line ends as "\n"."""
    document = pypdfium2.PdfDocument(data)
    try:
        return tuple(_page_text(document[number]) for number in range(len(document)))
    finally:
        document.close()


def _page_text(page: pypdfium2.PdfPage) -> str:
    text_page = page.get_textpage()
    try:
        # PDFium marks a hyphen at the end of a line as U+FFFE; on paper it is a hyphen and a new line.
        text = text_page.get_text_range().replace("\ufffe", "-\n").replace("\x02", "-\n")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    finally:
        text_page.close()
        page.close()


@lru_cache(maxsize=32)
def pdf_facts(data: bytes) -> PdfFacts:
    """What a PDF holds, read once per process for the same bytes (several tests read the same example
    letter): its structure by pypdf, its text by PDFium."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    fonts, embedded = [], True
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            fonts.append(str(font["/BaseFont"]))
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            embedded = embedded and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    return PdfFacts(
        pages=pdf_text(data),
        lang=root.get("/Lang"),
        tagged="/StructTreeRoot" in root,
        marked=bool(root.get("/MarkInfo", {}).get("/Marked")),
        fonts=tuple(fonts),
        embedded=embedded,
        title=reader.metadata.title if reader.metadata else None,
    )


def page_one(data: bytes) -> tuple[int, str]:
    """The number of pages and the text of page one."""
    pages = pdf_text(data)
    return len(pages), pages[0]


def pdf_says(data: bytes, *phrases: str) -> bool:
    """Whether the PDF's text holds every phrase (across the pages, whitespace collapsed)."""
    text = flat(" ".join(pdf_text(data)))
    return all(phrase in text for phrase in phrases)


def flat(text: str) -> str:
    """Whitespace collapsed, so a phrase is found even where the PDF broke the line."""
    return " ".join(text.split())


def said(problem: Exception) -> str:
    """A refusal in the shipped words (texts/de.yaml, `refusals`), as the page and the command line say it."""
    return shipped()[0].texts.say(problem)


def form_said(problem: Exception) -> str:
    """Every line of a refused letter form (a FormError), in the shipped words."""
    return "\n".join(said(refusal) for _, refusal in getattr(problem, "problems", [])) or str(problem)
