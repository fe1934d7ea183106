"""The benchmark's AppTest walk still reaches the check page: `make bench` is not part of `make test`,
so without this a new question silently breaks the benchmark (it did when the channel question came)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # the benchmark's modules import each other by plain name

import rerun_timing  # noqa: E402


def test_the_rerun_walk_reaches_the_check_page_for_every_kind_of_answers() -> None:
    result = rerun_timing.RerunResult()
    for walk in range(3):  # three states, police answers and author answers
        rerun_timing.wizard_walk(ROOT / "app.py", walk, result)
    questions_each = 5  # at least danger, channel, state, police and one more
    assert len(result.answer_ms) == len(result.next_ms) >= 3 * questions_each
