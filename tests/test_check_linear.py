"""The check's walk is linear in the number of nodes (issue 19: `Flow.questions()` was rebuilt at every
step of every walk, so 1,500 info screens in a row ran past 120 s). Counted, not timed: every Python and
C function call of the whole check (`sys.setprofile`), for a flow with 50 and with 200 more info screens.
Linear work grows by at most the factor of the screens (4); the quadratic check grew by about 10. The
time of 2,000 screens is in `make bench` (bench/long_flow.py)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

from bench.long_flow import long_guide
from lotse.check import validate
from tests.trees import build_tree


def calls_of_the_check(screens: int) -> int:
    """Function calls (Python and C) of one whole check of a flow with `screens` info screens."""
    with tempfile.TemporaryDirectory() as folder:
        root = build_tree(Path(folder), guide=long_guide(screens))
        validate(root, warnings=False)  # once before counting: per-process memories (texts) are filled
        count = 0

        def counter(frame: FrameType, event: str, arg: Any) -> None:
            nonlocal count
            if event in {"call", "c_call"}:
                count += 1

        sys.setprofile(counter)
        try:
            report = validate(root, warnings=False)
        finally:
            sys.setprofile(None)
    assert report.errors == []
    return count


def test_the_check_grows_linearly_with_the_screens() -> None:
    small, large = calls_of_the_check(50), calls_of_the_check(200)
    assert large / small < 4, f"{small} calls for 50 screens, {large} for 200: more than linear"


def test_questions_are_worked_out_once_per_flow() -> None:
    with tempfile.TemporaryDirectory() as folder:
        report = validate(build_tree(Path(folder), guide=long_guide(3)), warnings=False)
    flow = report.content.flow
    assert flow.questions() is flow.questions()
    assert list(flow.questions()) == ["incident", "danger", "state", "police", "author_known"]
