"""The README is read top to bottom by someone new: each section once, so no stale copy can contradict
the current one (a second, older half with the figures of 2026-11-30 stood below the current one)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_each_section_of_the_readme_stands_once() -> None:
    headings, in_code = [], False
    for line in README.read_text(encoding="utf-8").splitlines():
        in_code = in_code != line.startswith("```")
        if line.startswith("#") and not in_code:
            headings.append(line)
    assert "## Two commands" in headings
    assert [heading for heading, count in Counter(headings).items() if count > 1] == []
