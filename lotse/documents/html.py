"""Blocks to HTML for the PDF writer. Every text is escaped; editor Markdown is rendered without raw HTML."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markupsafe import Markup, escape

from lotse.documents.blocks import Block, Bullets, Card, Frame, Heading, Markdown, Page, PageBreak, Paragraph

# html=False: raw HTML in Markdown is shown as text, never interpreted.
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_LIST_TAGS = {"bullet": "ul", "number": "ol", "check": "ul", "index": "ul"}
_BODY_CLASSES = {"plan": "handout plan"}
"""The result's handout is a handout with narrower margins (lotse/documents/print.css)."""
CHECKBOX = "☐"


def to_html(page: Page) -> str:
    return _document(page.title, _BODY_CLASSES.get(page.kind, page.kind), page.blocks)


def appendix_html(page: Page) -> str:
    """The page's appendix as a document of its own (the PDF writer joins the two)."""
    return _document(page.title, f"{_BODY_CLASSES.get(page.kind, page.kind)} appendix", page.appendix)


def _document(title: str, kind: str, blocks: tuple[Block, ...]) -> str:
    body = Markup("").join(_block(block) for block in blocks)
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head>"
        f'<body class="{kind}">{body}</body></html>'
    )


def _block(block: Block) -> Markup:
    match block:
        case Heading(text, level):
            html = f"<h{level}>{_lines(text)}</h{level}>"
        case Paragraph(text, "lines"):
            html = f'<p class="lines">{escape(text)}</p>'  # print.css: white-space: pre-line
        case Paragraph(text, style):
            html = f'<p class="{style}">{_lines(text)}</p>'
        case Bullets(items, kind, style):
            tag = _LIST_TAGS[kind]
            prefix = f"{CHECKBOX} " if kind == "check" else ""
            entries = Markup("").join(Markup(f"<li>{escape(prefix)}{_lines(item)}</li>") for item in items)
            html = f'<{tag} class="{kind} {style}">{entries}</{tag}>'
        case Markdown(text):
            html = f'<div class="markdown">{_MARKDOWN.render(text)}</div>'
        case Card(title, lines, notes):
            rows = Markup("").join(_card_line(label, value) for label, value in lines)
            extra = Markup("").join(Markup(f'<p class="small">{_lines(note)}</p>') for note in notes)
            html = f'<section class="card"><h3>{escape(title)}</h3>{rows}{extra}</section>'
        case PageBreak():
            html = '<div class="page-break"></div>'
        case Frame(blocks):
            html = f'<section class="frame">{Markup("").join(_block(inner) for inner in blocks)}</section>'
        case _:
            raise TypeError(f"unknown block {block!r}")
    return Markup(html)


def _card_line(label: str, value: str) -> Markup:
    shown = _link(value) if value.startswith("https://") else _lines(value)
    return Markup(f'<p class="card-line"><span class="label">{escape(label)}:</span> {shown}</p>')


def _link(url: str) -> Markup:
    return Markup(f'<a href="{escape(url)}">{escape(url)}</a>')


def _lines(text: str) -> Markup:
    return Markup("<br>").join(escape(line) for line in text.split("\n"))
