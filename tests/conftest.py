"""Shared test setup: the shipped content, checked once per process, and a tiny-tree factory.

Imports stay light here: with several test processes, one more process only hands out the tests and
reads this file too. What every test process sets up (tests/speedups.py) is imported in a fixture.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import os
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


GC_THRESHOLDS = (10_000, 10, 10)
"""Python's are (700, 10, 10): a collection of the youngest objects after every 700 more allocations than
frees, and of all objects after every 100 of those. The tests make large living heaps (WeasyPrint's
boxes, the plan grid's 127,000 answers, Streamlit, Hypothesis), and each full collection walks all of it:
~20 % of a test process's CPU, measured with `gc.callbacks`."""


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage less often in the test processes (GC_THRESHOLDS): only when, not whether."""
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection(session: pytest.Session) -> None:
    """When the whole folder runs in several processes: on a fresh clone each process rewrites the asserts
    of every test module and compiles it (~1.2 s), both at the same time. The second process imports the
    test modules in reverse order first, so each compiles about half and finds the other half in
    __pycache__, written by the other. (A module that fails to import here fails again, and is reported,
    when pytest collects it.)"""
    here = Path(__file__).parent
    config = session.config
    whole = any((config.invocation_params.dir / arg).resolve() == here for arg in config.args)
    if not whole or os.environ.get("PYTEST_XDIST_WORKER") != "gw1":
        return
    for path in sorted(here.glob("test_*.py"), reverse=True):
        with contextlib.suppress(Exception):  # pytest imports it again and reports the error
            importlib.import_module(f"{__package__}.{path.stem}")


def pytest_collection_finish(session: pytest.Session) -> None:
    """What importing and collecting made (modules, the shipped content the parameters read) lives until
    the end: frozen, no later collection walks it again."""
    gc.freeze()


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
