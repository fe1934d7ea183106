"""The pure core: YAML load and validation, and resolving every canonical answer combination."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from pathlib import Path

from common import median

from lotse.content.loader import Content, load_content
from lotse.content.vocabulary import DANGER, INCIDENTS, POLICE, STATES
from lotse.guide.result import compute_result

NOTHING_YET = "none"  # the exclusive incident option: valid alone, never in a pair


@dataclass
class CoreResult:
    load_runs: int
    load_median_ms: float
    load_min_ms: float
    combinations: int
    resolve_total_s: float
    resolve_per_combination_us: float


def canonical_combinations() -> list[dict[str, object]]:
    """Each incident alone and every pair, × danger × police × 16 states (further questions: defaults)."""
    singles = [[incident] for incident in INCIDENTS]
    pairs = [list(pair) for pair in itertools.combinations([i for i in INCIDENTS if i != NOTHING_YET], 2)]
    return [
        {"incident": incidents, "danger": danger, "police": police, "state": state}
        for incidents in singles + pairs
        for danger in DANGER
        for police in POLICE
        for state in STATES
    ]


def time_load(root: Path, runs: int, budget_s: float) -> tuple[list[float], Content]:
    """Load and validate all content `runs` times (each a fresh load), within `budget_s`."""
    times: list[float] = []
    deadline = time.monotonic() + budget_s
    content = load_content(root)  # warm-up: imports and first-use costs are not part of the figure
    for _ in range(runs):
        started = time.perf_counter()
        content = load_content(root)
        times.append((time.perf_counter() - started) * 1000)
        if time.monotonic() > deadline:
            break
    return times, content


def time_resolve(content: Content) -> tuple[int, float]:
    """Resolve every canonical combination once; returns (count, total seconds)."""
    combinations = canonical_combinations()
    started = time.perf_counter()
    for answers in combinations:
        result = compute_result(content, answers)
        if not result.steps:
            raise RuntimeError(f"no steps for {answers}")
    return len(combinations), time.perf_counter() - started


def run(root: Path, runs: int = 10, budget_s: float = 30) -> CoreResult:
    times, content = time_load(root, runs, budget_s)
    count, total = time_resolve(content)
    return CoreResult(len(times), median(times), min(times), count, total, total / count * 1e6)
