"""Bench part "longflow": the one check on a flow of 2,000 info screens in a row (issue 19).

`Flow.questions()` was rebuilt at every step of every walk of the check, so a long flow made the check
quadratic: 400 screens took 15.8 s, 1,500 ran past 120 s, and the server's content load runs the same
check. The target: the whole check of 2,000 screens within 60 s on the 2-core machine (about 5 s after
the fix). tests/test_check_linear.py counts the work instead of timing it.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from lotse.check import validate
from tests.trees import build_tree, minimal_guide

SCREENS = 2000
TARGET_S = 60.0


def long_guide(screens: int) -> str:
    """The tiny test flow with `screens` info screens in a row between the danger question and the state."""
    guide = minimal_guide()
    chain = "".join(
        f"  screen{i}:\n    type: info\n    title: Hinweis {i}\n    text: Lesen Sie Hinweis {i}.\n"
        f"    next: {f'screen{i + 1}' if i + 1 < screens else 'state'}\n"
        for i in range(screens)
    )
    guide = guide.replace("      - to: state\n", "      - to: screen0\n", 1)
    guide = guide.replace("    next: state\n  state:", "    next: screen0\n  state:", 1)
    return guide.replace("nodes:\n", "nodes:\n" + chain, 1)


@dataclass
class LongFlow:
    screens: int
    seconds: float
    errors: int


def run(screens: int = SCREENS) -> LongFlow:
    with tempfile.TemporaryDirectory() as folder:
        root = build_tree(Path(folder), guide=long_guide(screens))
        started = time.perf_counter()
        report = validate(root, warnings=False)
        return LongFlow(screens, time.perf_counter() - started, len(report.errors))


def target(figures: LongFlow) -> tuple[str, str, bool]:
    """(target, measured, passed) for the summary table of bench/run.py."""
    measured = f"{figures.seconds:.1f} s, {figures.errors} errors"
    passed = figures.seconds <= TARGET_S and figures.errors == 0
    return f"the check of {figures.screens} info screens in a row <= {TARGET_S:.0f} s", measured, passed
