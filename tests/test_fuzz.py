"""Fuzzing the one check: any saved file gives a report with file and line, never a traceback, and
content that passes the check gives every visitor a result. The unit suite tries 60 edits (about
ten seconds); `make bench` runs 1,000 (part "leaks")."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.check import validate
from lotse.content.loader import CONTENT_FILES
from lotse.guide.result import compute_result
from tests.mutations import HOSTILE, KINDS, Mutation
from tests.trees import MINIMAL_STEPS, build_tree, minimal_guide, minimal_providers

TODAY = date(2026, 11, 30)
FILES = {"guide": minimal_guide(), "steps": MINIMAL_STEPS, "providers": minimal_providers()}

mutations = st.builds(
    Mutation,
    kind=st.sampled_from(KINDS),
    position=st.floats(0, 1),
    token=st.sampled_from(HOSTILE) | st.text(max_size=12),
    other=st.floats(0, 1),
)


def check_mutated(edits: list[tuple[str, Mutation]]) -> None:
    texts = dict(FILES)
    for file, mutation in edits:
        texts[file] = mutation.apply(texts[file])
    with tempfile.TemporaryDirectory() as folder:
        root = build_tree(Path(folder), **texts)
        report = validate(root, TODAY)  # must not raise, whatever the files say
        for problem in report.problems:
            assert problem.file in CONTENT_FILES and problem.line >= 1 and problem.message, problem
        if report.content is not None:
            questions = report.content.questions()
            answers = {key: questions[key].option_values()[0] for key in ("danger", "state", "police")}
            compute_result(report.content, {**answers, "incident": [questions["incident"].option_values()[0]]})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(sorted(FILES)), mutations), min_size=1, max_size=3))
def test_no_mutation_of_the_content_breaks_the_check(edits: list[tuple[str, Mutation]]) -> None:
    check_mutated(edits)
