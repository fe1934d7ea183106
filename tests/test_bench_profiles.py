"""`make bench` names, under each target it misses, the section of docs/performance.md with that target's
profile (issue 21: "states plainly which one misses, with its profile"); the section must exist."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # the benchmark's modules import each other by plain name

import run  # noqa: E402

HEADINGS = [
    line.lstrip("#").strip()
    for line in (ROOT / "docs" / "performance.md").read_text(encoding="utf-8").splitlines()
    if line.startswith("#")
]


@pytest.mark.parametrize(("key", "sections"), run.WHERE_THE_TIME_GOES)
def test_each_profile_named_is_a_section_of_the_performance_notes(key: str, sections: str) -> None:
    named = sections.split(" (", maxsplit=1)[0].split("; ")
    for section in named:
        assert any(heading.startswith(section) for heading in HEADINGS), f"{key}: no section '{section}'"


@pytest.mark.parametrize(
    ("target", "section"),
    [
        ("server CPU per step of the walk <= 5 ms", "Server CPU per screen"),
        ("300 sessions via nginx, 2 replicas: 0 errors, p95 <= 250 ms", "Server CPU per screen"),
        ("first question in Chromium <= 1.1x hello-world", "At the noise limit"),
        ("AppTest rerun <= 2x one-radio app", "The next cuts, one at a time"),
        ("a client's clear_cache costs no more than a plain rerun (<= 1.25x)", "Leaks:"),
        ("Mein Fall: police PDF of all 1000 incidents (10 parts) <= 2 s", "Mein Fall: save and open"),
        ("a target nobody profiled", ""),
    ],
)
def test_the_targets_the_bench_prints_find_their_profile(target: str, section: str) -> None:
    assert run.where_the_time_goes(target).startswith(section)


def test_a_missed_target_is_followed_by_its_profile_and_a_met_one_is_not(capsys: pytest.CaptureFixture[str]) -> None:
    run.print_targets(
        [
            {"target": "server CPU per step of the walk <= 5 ms", "measured": "7.5 ms", "pass": False},
            {"target": "each document made in <= 300 ms (median)", "measured": "handout: 281 ms", "pass": True},
        ]
    )
    lines = capsys.readouterr().out.splitlines()[1:]  # an empty line, then "Targets"
    assert lines[1].split() == [
        "MISS",
        "server",
        "CPU",
        "per",
        "step",
        "of",
        "the",
        "walk",
        "<=",
        "5",
        "ms",
        "7.5",
        "ms",
    ]
    assert lines[2].strip().startswith("profile: docs/performance.md, 'Server CPU per screen")
    assert lines[3].strip().startswith("PASS") and len(lines) == 4
    assert lines[0] == "Targets"
