"""What makes the unit tests faster without changing what they test; set up once per test process by
tests/conftest.py (not in the process that only hands out tests to the others).

- Streamlit scans every installed package's metadata on each new AppTest run; remembering that scan
  makes AppTest runs about ten times faster (research tech-spike, pitfall 8).
- The command-line tests call `lotse` in-process many times on the same files, and each command checks
  the content first (about half a second): `validate_once` runs the one check once per version of the
  files it reads; `catalog_once` reads flows/documents.yaml once per version of the file and content.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

import lotse.cli.base
from lotse.check import Report, validate
from lotse.check.live import WATCHED_FILES
from lotse.content.loader import TEXTS_FILE, Content
from lotse.documents.catalog import DOCUMENTS_FILE, DocumentCatalog, load_catalog

_REPORTS: dict[tuple[object, ...], Report] = {}


def validate_once(root: Path, today: date | None = None, *, warnings: bool = True) -> Report:
    """`validate`, remembered for the same files (their bytes, not their dates), day and kind of check."""
    texts = sorted((root / TEXTS_FILE).parent.glob("*.yaml"))
    files = [root / name for name in WATCHED_FILES] + texts
    contents = tuple((path, path.read_bytes() if path.is_file() else None) for path in files)
    key = (root.resolve(), today or date.today(), warnings, contents)
    if key not in _REPORTS:
        _REPORTS[key] = validate(root, today, warnings=warnings)
    return _REPORTS[key]


_CATALOGS: dict[tuple[object, ...], tuple[Content, DocumentCatalog]] = {}


def catalog_once(root: Path, content: Content) -> DocumentCatalog:
    """`load_catalog`, remembered for the same documents file (its bytes) and the same content object
    (the server, too, reads the catalog once and makes every document from it)."""
    path = root / DOCUMENTS_FILE
    key = (root.resolve(), id(content), path.read_bytes() if path.is_file() else None)
    known = _CATALOGS.get(key)
    if known is None or known[0] is not content:  # an id can be taken again by a new object
        known = _CATALOGS[key] = (content, load_catalog(root, content))
    return known[1]


def _remember_manifest_scan() -> None:
    try:
        import streamlit.components.v2.manifest_scanner as scanner  # noqa: PLC0415 - may be missing
    except ImportError:  # a newer Streamlit without the scanner: nothing to speed up
        return
    if not hasattr(scanner.scan_component_manifests, "cache_info"):
        scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(scanner.scan_component_manifests)


@contextmanager
def installed() -> Iterator[None]:
    _remember_manifest_scan()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lotse.cli.base, "validate", validate_once)
        patch.setattr(lotse.cli.base, "load_catalog", catalog_once)
        yield
