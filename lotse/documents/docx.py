"""Blocks to an editable Word file (.docx), in memory, language German, with real heading and list styles."""

from __future__ import annotations

import io
import re

import docx as python_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from lotse.documents.blocks import Block, Bullets, Card, Heading, Markdown, Page, PageBreak, Paragraph
from lotse.documents.html import CHECKBOX
from lotse.explain.summary import to_plain_text

LANGUAGE = "de-DE"
_LIST_STYLES = {"bullet": "List Bullet", "number": "List Number", "check": None}
# XML 1.0 forbids most control characters; forms refuse them, this is the last line of defence.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(page: Page) -> bytes:
    document = python_docx.Document()
    _german(document)
    document.core_properties.title = page.title
    document.core_properties.language = LANGUAGE
    for block in page.blocks:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _german(document: DocxDocument) -> None:
    """Language de-DE on the default style, so spelling and screen readers use German."""
    normal = document.styles["Normal"]
    normal.font.size = Pt(11)
    run_properties = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    run_properties.append(language)


def _block(document: DocxDocument, block: Block) -> None:
    match block:
        case Heading(text, level):
            document.add_heading(_clean(text), level=level)
        case Paragraph(text, style):
            _paragraph(document, text, style)
        case Bullets(items, kind):
            for item in items:
                text = f"{CHECKBOX} {item}" if kind == "check" else item
                _lines(document.add_paragraph(style=_LIST_STYLES[kind]), text)
        case Markdown(text):
            _lines(document.add_paragraph(), to_plain_text(text))
        case Card(title, lines, notes):
            document.add_heading(_clean(title), level=3)
            for label, value in lines:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(_clean(value))
            for note in notes:
                _lines(document.add_paragraph(), note)
        case PageBreak():
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _paragraph(document: DocxDocument, text: str, style: str) -> None:
    paragraph = document.add_paragraph()
    _lines(paragraph, text, bold=style in {"strong", "emergency"})
    if style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if style in {"sender", "small"}:
        for run in paragraph.runs:
            run.font.size = Pt(9)
    if style == "signature":
        paragraph.paragraph_format.space_before = Pt(36)


def _lines(paragraph: DocxParagraph, text: str, bold: bool = False) -> None:
    """One run; the text's line breaks become line breaks inside the paragraph (an address, a list)."""
    first, *rest = text.split("\n")
    run = paragraph.add_run(_clean(first))
    for line in rest:
        run.add_break()
        run.add_text(_clean(line))
    if bold:
        run.bold = True


def _clean(text: str) -> str:
    return _XML_INVALID.sub("", text)
