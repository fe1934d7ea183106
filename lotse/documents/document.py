"""A document made for one person: bytes in memory with the name and type it is saved under."""

from __future__ import annotations

from dataclasses import dataclass

PDF_MIME = "application/pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Document:
    """A file to hand to the user. It exists only in memory; nothing writes it to disk or gives it a URL."""

    filename: str
    mime: str
    data: bytes

    @classmethod
    def text(cls, filename: str, text: str, mime: str = "text/plain") -> Document:
        """A UTF-8 text document; the charset is part of the type so every program reads umlauts right."""
        return cls(filename, f"{mime}; charset=utf-8", text.encode("utf-8"))
