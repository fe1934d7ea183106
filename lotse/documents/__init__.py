"""Layer 4, documents: what a user takes away, made in memory, never stored."""

from lotse.documents.document import Document

__all__ = ["Document"]
