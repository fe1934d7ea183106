"""Documents: time to make each letter (PDF and Word), the handout and the calendar file in-process.

The server makes a document when the user taps its button, in the session's thread; this measures the
same call, after one warm-up per kind (imports and the thread's font configuration are paid once).
Standalone: `PYTHONPATH=. .venv/bin/python bench/documents_timing.py`.
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
from lotse.documents.book import load_book
from lotse.documents.calendar import calendar_document
from lotse.documents.deadlines import strafantrag_deadline
from lotse.documents.handout import handout_pdf
from lotse.documents.letters import letter_docx, letter_pdf
from lotse.guide.result import compute_result

ROOT = Path(__file__).resolve().parent.parent

TARGET_MS = 300.0
TODAY = date(2026, 3, 12)
# A rich result: several incidents, so the handout has many steps and contacts (about 11 pages).
HANDOUT_ANSWERS = {"incident": ["threat", "online_hate"], "danger": "yes", "state": "BY", "police": "yes"}


@dataclass
class DocumentsResult:
    runs: int
    median_ms: dict[str, float] = field(default_factory=dict)
    max_ms: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)

    @property
    def slowest(self) -> tuple[str, float]:
        name = max(self.median_ms, key=self.median_ms.__getitem__)
        return name, self.median_ms[name]


def _makers(root: Path) -> dict[str, Callable[[], bytes]]:
    content = load_content(root)
    book = load_book(root, content)
    result = compute_result(content, HANDOUT_ANSWERS)
    deadline = strafantrag_deadline(date(2026, 3, 4), "BY")
    makers: dict[str, Callable[[], bytes]] = {}
    for letter_id in book.letter_ids():
        example = dict(book.letter(letter_id).example)
        makers[f"letter {letter_id} (PDF)"] = lambda i=letter_id, e=example: (
            letter_pdf(book, i, e, state="BY", today=TODAY).data
        )
        makers[f"letter {letter_id} (Word)"] = lambda i=letter_id, e=example: (
            letter_docx(book, i, e, state="BY", today=TODAY).data
        )
    makers["handout (PDF)"] = lambda: handout_pdf(book, content, result, TODAY, [deadline]).data
    makers["calendar (.ics)"] = lambda: calendar_document(book, [deadline], reported_on=TODAY).data
    return makers


def run(root: Path = ROOT, runs: int = 7) -> DocumentsResult:
    report = DocumentsResult(runs)
    for name, make in _makers(root).items():
        data = make()  # warm-up
        report.pages[name] = len(PdfReader(io.BytesIO(data)).pages) if data.startswith(b"%PDF") else 0
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            make()
            times.append((time.perf_counter() - started) * 1000)
        report.median_ms[name], report.max_ms[name] = median(times), max(times)
    return report


def lines(report: DocumentsResult) -> list[str]:
    return [
        f"  {name:34} median {value:6.0f} ms  max {report.max_ms[name]:6.0f} ms  ({report.pages[name]} pages)"
        if report.pages[name]
        else f"  {name:34} median {value:6.0f} ms  max {report.max_ms[name]:6.0f} ms"
        for name, value in report.median_ms.items()
    ]


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
