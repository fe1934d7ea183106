"""Shared test setup: the shipped content, checked once per session, and a tiny-tree factory.

Streamlit scans every installed package's metadata on each new AppTest run; caching that scan once
per process makes AppTest runs ~10x faster (see research tech-spike, pitfall 8).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from lotse.check import Report, validate
from lotse.content.loader import Content
from tests.trees import build_tree

try:
    import streamlit.components.v2.manifest_scanner as _manifest_scanner

    _manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(
        _manifest_scanner.scan_component_manifests
    )
except (ImportError, AttributeError):  # a newer Streamlit without the scanner: nothing to speed up
    pass

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 30)


@pytest.fixture(scope="session")
def shipped_report() -> Report:
    return validate(REPO)


@pytest.fixture(scope="session")
def shipped(shipped_report: Report) -> Content:
    """The shipped content, checked once; a test that needs it fails (alone) if it has errors."""
    assert shipped_report.content is not None, "\n".join(map(str, shipped_report.errors))
    return shipped_report.content


@pytest.fixture
def tree(tmp_path: Path) -> Callable[..., Path]:
    """`tree(guide=..., steps=..., providers=..., scenarios=...)` writes a tiny content tree."""
    return functools.partial(build_tree, tmp_path)


@pytest.fixture
def check_tree(tree: Callable[..., Path]) -> Callable[..., Report]:
    """Write a tiny tree with the given changes and run the one check on it (as of TODAY)."""

    def run(**files: str) -> Report:
        return validate(tree(**files), TODAY)

    return run
