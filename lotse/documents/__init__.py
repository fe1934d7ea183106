"""Documents a user takes away: made in memory, handed to the user's own session, never stored."""

from lotse.documents.document import Document

__all__ = ["Document"]
