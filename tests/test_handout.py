"""The handout PDF, and the safety of every PDF: made in memory, never fetching anything."""

from __future__ import annotations

import builtins
import io
import os
import queue
import re
import socket
import tempfile
import threading
import urllib.request
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lotse.documents import pdf as pdf_module
from lotse.documents.deadlines import beschwerde_deadline, strafantrag_deadline
from lotse.documents.handout import handout_pdf
from lotse.documents.letters import letter_docx, letter_pdf
from lotse.documents.pdf import STYLESHEET, OfflineFetcher, html_to_pdf
from lotse.guide.result import compute_result
from tests.documents_helpers import flat, pdf_facts, shipped

TODAY = date(2026, 3, 12)
ANSWERS = {"incident": ["threat", "online_hate"], "danger": "yes", "state": "NW", "police": "already_reported"}
SHORT = {"incident": ["insult"], "danger": "no", "channel": ["letter"], "state": "HB", "police": "yes"}


@pytest.fixture(scope="module")
def urgency_labels() -> dict[str, str]:
    """The urgencies as the handout writes them (texts/de.yaml)."""
    return shipped()[0].texts.labels.urgencies


@pytest.fixture(scope="module")
def made() -> tuple[Any, Any]:
    """One rich handout for the content tests (a handout takes about a second): danger, an earlier
    report, both deadlines, North Rhine-Westphalia (Fronleichnam is a holiday there)."""
    content, book = shipped()
    result = compute_result(content, ANSWERS)
    deadlines = (strafantrag_deadline(date(2026, 3, 4), "NW"), beschwerde_deadline(date(2026, 5, 21), "NW"))
    return result, pdf_facts(handout_pdf(book, content, result, TODAY, deadlines).data)


def test_handout_holds_date_plan_steps_deadlines_and_contacts(
    made: tuple[Any, Any], urgency_labels: dict[str, str]
) -> None:
    result, facts = made
    text = flat(facts.text)
    assert facts.tagged and facts.marked and facts.lang == "de" and facts.embedded
    assert facts.title == "Lotse: Ihre nächsten Schritte"
    assert "Stand: 12. März 2026" in text
    assert "Frist für den Strafantrag" in text and "Frist für die Beschwerde gegen die Einstellung" in text
    assert text.count("Ihre Frist endet am Freitag, 5. Juni 2026.") == 2 and "Fronleichnam" in text
    plan = text[text.index("Ihr Plan") : text.index("Die Schritte im Einzelnen")]
    positions = [plan.index(flat(f"{urgency_labels[s.urgency]}: {s.title}")) for s in result.steps]
    assert positions == sorted(positions)  # the plan, in the result's order
    for number, step in enumerate(result.steps, start=1):
        assert flat(f"{number}. {step.title} – {urgency_labels[step.urgency]}") in text  # unfolded
    for contact in result.contacts:
        assert contact.name in text
        if contact.phone:
            assert contact.phone in text
    assert f"Angaben geprüft am {result.contacts[-1].verified:%d.%m.%Y}." in text
    assert "Orientierung, keine Rechtsberatung." in text
    assert "Ich wurde bedroht." not in text  # the answers stay off the paper


def test_urgent_steps_come_first_and_the_emergency_is_framed(
    made: tuple[Any, Any], urgency_labels: dict[str, str]
) -> None:
    result, facts = made
    text = flat(facts.text)
    assert text.index("Notfall: Polizei 110, Rettungsdienst 112.") < text.index("Ihr Plan")
    plan = text[text.index("Ihr Plan") : text.index("Die Schritte im Einzelnen")]
    assert plan.index("Sofort: Rufen Sie jetzt 110 an") < plan.index("Heute:") < plan.index("In den nächsten Tagen:")
    assert [s.urgency for s in result.steps] == sorted(
        (s.urgency for s in result.steps), key=list(urgency_labels).index
    )


def test_a_page_break_never_splits_a_contact(made: tuple[Any, Any]) -> None:
    assert re.search(r"\.card\s*\{[^}]*break-inside:\s*avoid", STYLESHEET.read_text(encoding="utf-8"))
    result, facts = made
    pages = [flat(page) for page in facts.pages]
    assert len(pages) > 1
    for contact in result.contacts:
        label, value = ("Telefon", contact.phone) if contact.phone else ("E-Mail", contact.email)
        if not value:
            continue
        card_start = flat(f"{contact.name} {label}: {value}")  # a split card has these on two pages
        assert any(card_start in page for page in pages), card_start


# --- safety: in memory, offline -----------------------------------------------------------------


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, tmp: Path) -> list[str]:
    """Make every way to write a file fail loudly; return the list of attempts."""
    attempts: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def guarded_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if any(flag in mode for flag in "wax+"):
            attempts.append(f"open({file!r}, {mode!r})")
            raise PermissionError("no files, please")
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            attempts.append(f"os.open({path!r})")
            raise PermissionError("no files, please")
        return real_os_open(path, flags, *args, **kwargs)

    def refuse(name: str) -> Callable[..., Any]:
        def fail(*args: Any, **kwargs: Any) -> Any:
            attempts.append(name)
            raise PermissionError("no temporary files, please")

        return fail

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    for name in ("mkstemp", "mkdtemp", "NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse(name))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return attempts


def test_documents_are_made_in_memory_without_any_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    content, book = shipped()
    result = compute_result(content, SHORT)  # a short handout: what matters is where it is made
    example = dict(book.letter("strafantrag").example)
    monkeypatch.setattr(pdf_module, "_pool", queue.SimpleQueue())  # so the font configuration is built here too
    attempts = _refuse_writes(monkeypatch, tmp_path)
    made: list[bytes] = []

    def make_all() -> None:  # in a fresh thread, as the server makes documents
        made.append(handout_pdf(book, content, result, TODAY).data)
        made.append(letter_pdf(book, "strafantrag", example, state="BY", today=TODAY).data)
        made.append(letter_docx(book, "strafantrag", example, state="BY", today=TODAY).data)

    thread = threading.Thread(target=make_all)
    thread.start()
    thread.join(timeout=120)
    assert attempts == []
    assert len(made) == 3 and made[0].startswith(b"%PDF") and made[2].startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


def test_the_fetcher_refuses_everything() -> None:
    fetcher = OfflineFetcher()
    for url in ("https://example.org/x.css", "http://127.0.0.1:9/", "file:///etc/passwd", "data:text/css,p{}"):
        with pytest.raises(ValueError, match="Lotse lädt nichts nach"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4


def test_a_pdf_never_reaches_the_network_even_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    fetcher = OfflineFetcher()
    html = (
        '<html lang="de"><head><title>t</title><link rel="stylesheet" href="https://example.org/a.css">'
        '<style>@import url("http://127.0.0.1:9/b.css"); p { background: url(file:///etc/passwd) }</style></head>'
        '<body><p>Text</p><img src="http://127.0.0.1:9/c.png" alt="x"></body></html>'
    )
    pdf = html_to_pdf(html, fetcher)
    assert pdf.startswith(b"%PDF") and "Text" in pdf_facts(pdf).text
    assert {"https://example.org/a.css", "http://127.0.0.1:9/b.css", "http://127.0.0.1:9/c.png"} <= set(fetcher.refused)
