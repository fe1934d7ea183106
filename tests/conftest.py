"""Shared test setup: the shipped content, checked once per process, and a tiny-tree factory.

Imports stay light here: with several test processes, one more process only hands out the tests and
reads this file too. What every test process sets up (tests/speedups.py) is imported in a fixture.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from lotse.check import Report
    from lotse.content.loader import Content

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 30)


def pytest_unconfigure(config: pytest.Config) -> None:
    """A test process ends without the interpreter's last garbage collection over all that the tests left
    (WeasyPrint, Streamlit, Hypothesis): ~0.6 s per process, and pytest waits for both to end."""
    gc.freeze()


@pytest.fixture(scope="session", autouse=True)
def _speedups() -> Iterator[None]:
    from tests import speedups  # noqa: PLC0415 - only in processes that run tests

    with speedups.installed():
        yield


@pytest.fixture(scope="session")
def shipped_report() -> Report:
    from tests.speedups import validate_once  # noqa: PLC0415 - only in processes that run tests

    return validate_once(REPO)


@pytest.fixture(scope="session")
def shipped() -> Content:
    """The shipped content, checked once; a test that needs it fails (alone) if it has errors."""
    from tests.speedups import validate_once  # noqa: PLC0415 - only in processes that run tests

    report = validate_once(REPO, warnings=False)  # usable content; with every warning: shipped_report
    assert report.content is not None, "\n".join(map(str, report.errors))
    return report.content


@pytest.fixture
def tree(tmp_path: Path) -> Callable[..., Path]:
    """`tree(guide=..., steps=..., providers=..., scenarios=...)` writes a tiny content tree."""
    from tests.trees import build_tree  # noqa: PLC0415 - only in processes that run tests

    return functools.partial(build_tree, tmp_path)


@pytest.fixture
def check_tree(tree: Callable[..., Path]) -> Callable[..., Report]:
    """Write a tiny tree with the given changes and run the one check on it (as of TODAY)."""

    from lotse.check import validate  # noqa: PLC0415 - only in processes that run tests

    def run(**files: str) -> Report:
        return validate(tree(**files), TODAY)

    return run
