"""Blocks to an editable Word file (.docx), in memory, language German, with real heading and list styles."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import docx as python_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from lotse.documents.blocks import Block, Bullets, Card, Frame, Heading, Markdown, Page, PageBreak, Paragraph
from lotse.documents.html import CHECKBOX
from lotse.explain.summary import to_plain_text

LANGUAGE = "de-DE"
MARGINS = (Mm(20), Mm(20), Mm(22), Mm(25))
"""Top, right, bottom, left: as the PDF's @page (lotse/documents/print.css)."""
APP_PROPERTIES = "docProps/app.xml"
_APPLICATION = re.compile(rb"\s*<(Application|AppVersion)>[^<]*</\1>")
_LIST_STYLES = {"bullet": "List Bullet", "number": "List Number", "check": None, "index": None}
# XML 1.0 forbids most control characters; forms refuse them, this is the last line of defence.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_docx(page: Page) -> bytes:
    document = python_docx.Document()
    _german(document)
    _a4(document)
    _metadata(document, page.title)
    for block in page.blocks:
        _block(document, block)
    if page.appendix:
        _block(document, PageBreak())
    for block in page.appendix:
        _block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return _without_application(buffer.getvalue())


def _a4(document: DocxDocument) -> None:
    """A4 with the PDF's margins (lotse/documents/print.css); the template python-docx starts from is US Letter."""
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.right_margin, section.bottom_margin, section.left_margin = MARGINS


def _metadata(document: DocxDocument, title: str) -> None:
    """Title and language, made now: the template's author, comment and 2013 dates name python-docx."""
    properties = document.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    properties.title, properties.language = title, LANGUAGE
    properties.author = properties.comments = properties.last_modified_by = ""
    properties.created = properties.modified = now
    properties.revision = 1


def _without_application(data: bytes) -> bytes:
    """The same package without the template's "Microsoft Macintosh Word" and its version in docProps/app.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == APP_PROPERTIES:
                content = _APPLICATION.sub(b"", content)
            target.writestr(item, content)
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
        case Bullets(items, kind, _):
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
        case Frame(blocks):
            for inner in blocks:
                _block(document, inner)


def _paragraph(document: DocxDocument, text: str, style: str) -> None:
    paragraph = document.add_paragraph()
    _lines(paragraph, text, bold=style in {"strong", "emergency"})
    if style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if style in {"sender", "small"}:
        for run in paragraph.runs:
            run.font.size = Pt(9)
    if style == "closing":
        paragraph.paragraph_format.keep_with_next = True
    if style == "signature":
        paragraph.paragraph_format.space_before = Pt(36)
        paragraph.paragraph_format.keep_together = True


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
