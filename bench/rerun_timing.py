"""AppTest (streamlit.testing.v1): rerun time of a wizard step against a one-radio app.

Both are timed the same way: the widget value is set (or the button clicked) outside the clock, and only
`at.run()` is timed, i.e. one script run through app.py with st.navigation, the safety bar and the page.
The manifest-scan cache from tech-spike pitfall 8 (the same as tests/conftest.py) is applied in this
process, so a fresh AppTest does not re-read every installed package's metadata.
"""

from __future__ import annotations

import contextlib
import cProfile
import functools
import io
import pstats
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from common import median

try:  # tech-spike pitfall 8: cache the components-v2 manifest scan once per process
    import streamlit.components.v2.manifest_scanner as _manifest_scanner

    _manifest_scanner.scan_component_manifests = functools.lru_cache(maxsize=None)(
        _manifest_scanner.scan_component_manifests
    )
    MANIFEST_CACHE = True
except (ImportError, AttributeError):
    MANIFEST_CACHE = False

import streamlit.testing.v1.app_test as _app_test
import streamlit.testing.v1.local_script_runner as _local_script_runner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

ONE_RADIO_APP = """import streamlit as st

st.radio("Wie geht es Ihnen?", ["Gut", "Nicht gut"], index=None, key="q")
"""
CHECK_TITLE = "Ihre Angaben prüfen"
TIMEOUT_S = 30


@dataclass
class RerunResult:
    answer_ms: list[float] = field(default_factory=list)
    """Wizard: choose a radio option, then rerun."""
    next_ms: list[float] = field(default_factory=list)
    """Wizard: click "Weiter", then rerun (state transition and the next question)."""
    one_radio_ms: list[float] = field(default_factory=list)
    """One-radio app: set the value, then rerun."""
    cpu_ms: dict[str, list[float]] = field(default_factory=dict)
    """The same reruns in CPU time of this process (steadier than wall time on a shared machine), by the
    list they belong to ("answer", "next", "one_radio")."""
    manifest_cache: bool = MANIFEST_CACHE
    profile: str = ""

    @property
    def ratio(self) -> float:
        """The wizard's slower kind of step rerun against the one-radio rerun (medians)."""
        return max(median(self.answer_ms), median(self.next_ms)) / median(self.one_radio_ms)

    @property
    def cpu_ratio(self) -> float:
        """`ratio` in CPU time."""
        cpu = self.cpu_ms
        return max(median(cpu["answer"]), median(cpu["next"])) / median(cpu["one_radio"])

    def timed(self, at: AppTest, kind: str) -> None:
        """Rerun `at`, adding its wall and CPU time to the samples of `kind`."""
        started, cpu = time.perf_counter(), time.process_time()
        at.run()
        self.cpu_ms.setdefault(kind, []).append((time.process_time() - cpu) * 1000)
        getattr(self, f"{kind}_ms").append((time.perf_counter() - started) * 1000)
        if at.exception:
            raise RuntimeError(f"AppTest exception: {at.exception[0].value}")


def _answers(walk: int) -> dict[str, str]:
    states = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST", "SH", "TH")
    police = ("yes", "no", "undecided", "already_reported")
    return {
        "danger": "no",
        "state": states[walk % len(states)],
        "police": police[walk % len(police)],
        "report_status": "waiting",
        "author_known": ("yes", "no", "unsure")[walk % 3],
        "learned": "under_1_month",
    }


def wizard_walk(app: Path, walk: int, result: RerunResult) -> None:
    """Start → incident → every radio question on the path (each answer and "Weiter" timed) → check."""
    at = AppTest.from_file(str(app), default_timeout=TIMEOUT_S).run()
    at.button(key="start").click().run()
    at.checkbox(key="q_incident_threat").check().run()
    at.button(key="next_incident").click().run()
    answers = _answers(walk)
    for _ in range(10):
        if at.title and at.title[0].value == CHECK_TITLE:
            return
        if not at.radio:  # a multiple-choice question (the channel): its first option
            at.checkbox[0].check()
            result.timed(at, "answer")
            next(button for button in at.button if str(button.key).startswith("next_")).click()
            result.timed(at, "next")
            continue
        radio = at.radio[0]
        node = str(radio.key).removeprefix("q_")
        radio.set_value(answers[node])
        result.timed(at, "answer")
        at.button(key=f"next_{node}").click()
        result.timed(at, "next")
    raise RuntimeError("the wizard did not reach the check page")


def one_radio_reruns(app: Path, count: int, result: RerunResult) -> None:
    at = AppTest.from_file(str(app), default_timeout=TIMEOUT_S).run()
    for i in range(count):
        at.radio(key="q").set_value(("Gut", "Nicht gut")[i % 2])
        result.timed(at, "one_radio")


@contextlib.contextmanager
def shared_script_cache() -> Iterator[None]:
    """Diagnosis only: AppTest builds a new ScriptCache for every run, so it re-reads, magic-transforms
    and compiles app.py and the page on each rerun. The server keeps one cache for all reruns; this
    gives AppTest the same."""
    shared = ScriptCache()
    originals = (_app_test.ScriptCache, _local_script_runner.ScriptCache)
    _app_test.ScriptCache = _local_script_runner.ScriptCache = lambda: shared  # type: ignore[assignment,misc]
    try:
        yield
    finally:
        _app_test.ScriptCache, _local_script_runner.ScriptCache = originals  # type: ignore[misc]


def run(app: Path, tmp: Path, walks: int = 12, budget_s: float = 60, profile: bool = False) -> RerunResult:
    """Interleave wizard walks and one-radio reruns (so machine load hits both alike)."""
    one_radio = tmp / "one_radio.py"
    one_radio.write_text(ONE_RADIO_APP, encoding="utf-8")
    result = RerunResult()
    wizard_walk(app, 0, RerunResult())  # warm-up: imports, content cache, first compile
    one_radio_reruns(one_radio, 3, RerunResult())
    deadline = time.monotonic() + budget_s
    for walk in range(walks):
        before = len(result.answer_ms)
        wizard_walk(app, walk, result)
        one_radio_reruns(one_radio, len(result.answer_ms) - before, result)
        if time.monotonic() > deadline:
            break
    if profile:
        result.profile = profile_wizard(lambda: wizard_walk(app, 1, RerunResult()))
    return result


def profile_wizard(walk: Callable[[], None], walks: int = 5, top: int = 60) -> str:
    """cProfile of the script runs of a few wizard walks (they run in ScriptRunner threads, so each run
    is profiled in its own thread and the statistics are merged): the most cumulative time first."""
    from streamlit.runtime.scriptrunner.script_runner import ScriptRunner

    profiles: list[cProfile.Profile] = []
    original = ScriptRunner._run_script

    def profiled(self: ScriptRunner, *args: object, **kwargs: object) -> None:
        profiler = cProfile.Profile()
        profiler.enable()
        try:
            original(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            profiler.disable()
            profiles.append(profiler)

    ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    try:
        for _ in range(walks):
            walk()
    finally:
        ScriptRunner._run_script = original  # type: ignore[method-assign]
    out = io.StringIO()
    stats = pstats.Stats(profiles[0], stream=out)
    for profiler in profiles[1:]:
        stats.add(profiler)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()
