"""The checked content of one root, held once per process and checked again only when a file changes.

Nothing a visitor sends can empty it (unlike Streamlit's caches, which any client can clear with one
websocket message). A changed file that no longer passes the check does not replace good content:
visitors keep the last good version and `problems` tells the editor what is wrong.
"""

from __future__ import annotations

import math
import threading
import time
from pathlib import Path

from lotse.check import validate
from lotse.content.loader import CONTENT_FILES, Content
from lotse.content.problems import ContentError, Problem
from lotse.documents.catalog import DOCUMENTS_FILE, DocumentCatalog

WATCHED_FILES = (*CONTENT_FILES, DOCUMENTS_FILE)

Fingerprint = tuple[tuple[str, int, int], ...]


def content_fingerprint(root: Path) -> Fingerprint:
    """Size and modification time of every content file: changes when an editor saves a file."""
    stamps = []
    for name in WATCHED_FILES:
        try:
            stat = (root / name).stat()
        except OSError:
            stamps.append((name, -1, -1))
        else:
            stamps.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


class LiveContent:
    def __init__(self, root: Path, recheck_seconds: float = 1.0) -> None:
        self.root = root
        self.recheck_seconds = recheck_seconds
        """How long a look at the files holds: a page asks several times per rerun, and each look stats
        every content file (about a millisecond here); an editor's save shows within this time."""
        self._lock = threading.Lock()
        self._checked_at = -math.inf
        self._fingerprint: Fingerprint | None = None
        self._content: Content | None = None
        self._catalog: DocumentCatalog | None = None
        self.problems: list[Problem] = []
        """The errors of the files as they are now (empty when they passed the check)."""

    def get(self) -> Content | ContentError:
        now = time.monotonic()
        if now - self._checked_at >= self.recheck_seconds:
            fingerprint = content_fingerprint(self.root)
            if fingerprint != self._fingerprint:
                with self._lock:
                    if fingerprint != self._fingerprint:
                        self._reload(fingerprint)
            self._checked_at = now
        if self._content is None:
            return ContentError(self.problems)
        return self._content

    def catalog(self) -> DocumentCatalog | None:
        """The documents that belong to the content `get` returned last (None without documents.yaml)."""
        return self._catalog

    def _reload(self, fingerprint: Fingerprint) -> None:
        report = validate(self.root, warnings=False)  # visitors need usable content; `lotse check` warns
        if report.content is not None:
            self._content, self._catalog = report.content, report.catalog
        self.problems = report.errors
        self._fingerprint = fingerprint
