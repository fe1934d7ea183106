"""Documents: time to make each letter (PDF and Word), the handout (short and long) and the calendar
file in-process.

The server makes a document when the user taps its button, in the session's thread; this measures the
same call, after one warm-up per kind (imports, the fonts and the parsed stylesheet are paid once per
process). The target is for every letter and the short handout; the long one ("Ausführlich", --full)
is shown for comparison. Standalone: `PYTHONPATH=. .venv/bin/python bench/documents_timing.py`.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from common import median
from pypdf import PdfReader

from lotse.content.loader import load_content
from lotse.documents.calendar import calendar_document
from lotse.documents.catalog import load_catalog
from lotse.documents.deadlines import strafantrag_deadline
from lotse.documents.handout import handout_pdf
from lotse.documents.letters import letter_docx, letter_pdf
from lotse.guide.result import compute_result

ROOT = Path(__file__).resolve().parent.parent

TARGET_MS = 300.0
LONG_HANDOUT = "handout, long (PDF)"
TODAY = date(2026, 3, 12)
# A rich result: several incidents, so the handout has many steps and contacts (the long one: about 14 pages).
HANDOUT_ANSWERS = {"incident": ["threat", "online_hate"], "danger": "yes", "state": "BY", "police": "yes"}


@dataclass
class DocumentsResult:
    runs: int
    median_ms: dict[str, float] = field(default_factory=dict)
    """Wall time of every document the target is for."""
    max_ms: dict[str, float] = field(default_factory=dict)
    cpu_ms: dict[str, float] = field(default_factory=dict)
    """Median CPU time of this thread: steadier than wall time on a machine shared with other work."""
    pages: dict[str, int] = field(default_factory=dict)
    compared_ms: dict[str, float] = field(default_factory=dict)
    """Shown, not targeted: the long handout ("Ausführlich")."""

    @property
    def slowest(self) -> tuple[str, float]:
        name = max(self.median_ms, key=self.median_ms.__getitem__)
        return name, self.median_ms[name]


def _makers(root: Path) -> dict[str, Callable[[], bytes]]:
    content = load_content(root)
    catalog = load_catalog(root, content)
    result = compute_result(content, HANDOUT_ANSWERS)
    deadline = strafantrag_deadline(date(2026, 3, 4), "BY")
    makers: dict[str, Callable[[], bytes]] = {}
    for letter_id in catalog.letter_ids():
        example = dict(catalog.letter(letter_id).example)
        makers[f"letter {letter_id} (PDF)"] = lambda i=letter_id, e=example: (
            letter_pdf(catalog, i, e, state="BY", today=TODAY).data
        )
        makers[f"letter {letter_id} (Word)"] = lambda i=letter_id, e=example: (
            letter_docx(catalog, i, e, state="BY", today=TODAY).data
        )
    makers["handout (PDF)"] = lambda: handout_pdf(catalog, content, result, TODAY, [deadline]).data
    makers[LONG_HANDOUT] = lambda: handout_pdf(catalog, content, result, TODAY, [deadline], full=True).data
    makers["calendar (.ics)"] = lambda: calendar_document(catalog, [deadline], reported_on=TODAY).data
    return makers


def run(root: Path = ROOT, runs: int = 7) -> DocumentsResult:
    report = DocumentsResult(runs)
    for name, make in _makers(root).items():
        data = make()  # warm-up
        report.pages[name] = len(PdfReader(io.BytesIO(data)).pages) if data.startswith(b"%PDF") else 0
        times, cpu = [], []
        for _ in range(runs):
            started, started_cpu = time.perf_counter(), time.thread_time()
            make()
            cpu.append((time.thread_time() - started_cpu) * 1000)
            times.append((time.perf_counter() - started) * 1000)
        target = report.compared_ms if name == LONG_HANDOUT else report.median_ms
        target[name], report.max_ms[name], report.cpu_ms[name] = median(times), max(times), median(cpu)
    return report


def lines(report: DocumentsResult) -> list[str]:
    found = []
    for name, value in {**report.median_ms, **report.compared_ms}.items():
        line = (
            f"  {name:34} median {value:6.0f} ms  max {report.max_ms[name]:6.0f} ms  cpu {report.cpu_ms[name]:5.0f} ms"
        )
        found.append(f"{line}  ({report.pages[name]} pages)" if report.pages[name] else line)
    return found


def main() -> int:
    report = run()
    for line in lines(report):
        print(line)
    name, value = report.slowest
    verdict = "PASS" if value <= TARGET_MS else "MISS"
    print(f"{verdict}  slowest: {name} {value:.0f} ms (target <= {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
