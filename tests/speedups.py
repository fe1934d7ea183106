"""What makes the unit tests faster without changing what they test; set up once per test process by
tests/conftest.py (not in the process that only hands out tests to the others).

- Streamlit scans every installed package's metadata on each new AppTest run; remembering that scan
  makes AppTest runs about ten times faster (research tech-spike, pitfall 8).
- The command-line tests call `lotse` in-process many times on the same files, and each command checks
  the content first (about half a second): `validate_once` runs the one check once per version of the
  files it reads; `catalog_once` reads flows/documents.yaml once per version of the file and content.
  The pages' content (`lotse.check.live`) comes from the same `validate_once`: the page check and the
  tests' `shipped` content were two checks of the same files (~1.7 s per test process).
- Hypothesis works out which characters UTF-8 can encode (`st.text()`'s default alphabet) by trying all
  1,114,112 code points (~1.3 s per test process) unless `.hypothesis/` holds the table from an earlier
  run, which a fresh clone does not: `_utf8_characters` gives the same table at once (every code point
  but the surrogates, none that fails to decode back; compared with Hypothesis's own table).
- AppTest waits for each run by waking every millisecond to look whether the script thread is done (and
  takes the interpreter's lock from it each time): `_wait_by_joining` joins the thread instead, and looks
  the old way only if it ended without saying so.
- AppTest compiles the app script and the page script again on every run (a new script cache per run):
  `_remember_bytecode` keeps each script's bytecode by its path and text.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import lotse.check.live
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


UTF8_ENCODABLE = ((0, 0xD7FF), (0xE000, sys.maxunicode))
"""Every code point UTF-8 encodes: all but the surrogates U+D800..U+DFFF; each decodes back to itself."""


def _utf8_characters(patch: pytest.MonkeyPatch) -> None:
    from hypothesis.internal import charmap  # noqa: PLC0415 - Hypothesis only where a test process runs tests
    from hypothesis.internal.intervalsets import IntervalSet  # noqa: PLC0415

    computed = charmap.intervals_from_codec

    def intervals_from_codec(codec_name: str) -> tuple[IntervalSet, IntervalSet]:
        if codec_name == "utf-8":
            return IntervalSet(UTF8_ENCODABLE), IntervalSet(())
        return computed(codec_name)

    patch.setattr(charmap, "intervals_from_codec", intervals_from_codec)


def _remember_bytecode(patch: pytest.MonkeyPatch) -> None:
    from streamlit import config  # noqa: PLC0415 - Streamlit only where a test process runs tests
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: PLC0415

    compiled: dict[tuple[str, bytes, bool], Any] = {}
    fresh = ScriptCache.get_bytecode

    def get_bytecode(self: ScriptCache, script_path: str) -> Any:
        path = os.path.abspath(script_path)
        key = (path, Path(path).read_bytes(), bool(config.get_option("runner.magicEnabled")))
        if key not in compiled:
            compiled[key] = fresh(self, script_path)
        return compiled[key]

    patch.setattr(ScriptCache, "get_bytecode", get_bytecode)


def _wait_by_joining(patch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import local_script_runner  # noqa: PLC0415 - Streamlit only where tests run

    polling = local_script_runner.require_widgets_deltas

    def require_widgets_deltas(runner: local_script_runner.LocalScriptRunner, timeout: float = 3) -> None:
        thread = runner._script_thread
        if thread is not None:
            thread.join(timeout)
        if not runner.script_stopped():
            polling(runner, timeout)  # its own wait, and its error after the timeout

    patch.setattr(local_script_runner, "require_widgets_deltas", require_widgets_deltas)


@contextmanager
def installed() -> Iterator[None]:
    _remember_manifest_scan()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lotse.cli.base, "validate", validate_once)
        patch.setattr(lotse.cli.base, "load_catalog", catalog_once)
        patch.setattr(lotse.check.live, "validate", validate_once)
        _remember_bytecode(patch)
        _utf8_characters(patch)
        _wait_by_joining(patch)
        yield
