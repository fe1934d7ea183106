"""The README is read top to bottom by someone new: each section once, so no stale copy can contradict
the current one (a second, older half with the figures of 2026-11-30 stood below the current one)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_each_section_of_the_readme_stands_once() -> None:
    headings = [line for line in README.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert [heading for heading, count in Counter(headings).items() if count > 1] == []
