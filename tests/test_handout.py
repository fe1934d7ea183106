"""The handout PDF (short by default, the long version on request), and the safety of every PDF: made in
memory, never fetching anything."""

from __future__ import annotations

import builtins
import io
import os
import queue
import re
import tempfile
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lotse.documents import pdf as pdf_module
from lotse.documents.deadlines import Deadline, compute_deadline, strafantrag_deadline
from lotse.documents.handout import best_contacts, handout_pdf
from lotse.documents.letters import letter_docx, letter_pdf
from lotse.documents.pdf import STYLESHEET, OfflineFetcher
from lotse.explain.glance import glance
from lotse.guide.result import compute_result
from tests.documents_helpers import flat, page_one, pdf_facts, shipped

TODAY = date(2026, 3, 12)
ANSWERS = {"incident": ["threat", "online_hate"], "danger": "yes", "state": "NW", "police": "already_reported"}
SHORT = {"incident": ["insult"], "danger": "no", "channel": ["letter"], "state": "HB", "police": "yes"}
DEADLINES = (strafantrag_deadline(date(2026, 3, 4), "NW"), compute_deadline("beschwerde", date(2026, 5, 21), "NW"))


@pytest.fixture(scope="module")
def urgency_labels() -> dict[str, str]:
    """The urgencies as the handout writes them (texts/de.yaml)."""
    return shipped()[0].texts.labels.urgencies


@pytest.fixture(scope="module")
def made() -> tuple[Any, Any]:
    """One rich short handout for the content tests: danger, an earlier report, both deadlines, North
    Rhine-Westphalia (Fronleichnam is a holiday there)."""
    content, catalog = shipped()
    result = compute_result(content, ANSWERS)
    return result, pdf_facts(handout_pdf(catalog, content, result, TODAY, DEADLINES).data)


@pytest.fixture(scope="module")
def full() -> tuple[Any, Any]:
    """The same handout in the long version (only on an explicit choice)."""
    content, catalog = shipped()
    result = compute_result(content, ANSWERS)
    document = handout_pdf(catalog, content, result, TODAY, DEADLINES, full=True)
    assert document.filename == "Lotse-naechste-Schritte-ausfuehrlich.pdf"
    return result, pdf_facts(document.data)


def test_page_one_is_the_glance_110_the_deadlines_the_actions_and_the_starke_stelle(made: tuple[Any, Any]) -> None:
    result, facts = made
    assert facts.tagged and facts.marked and facts.lang == "de" and facts.embedded
    assert facts.title == "Lotse: Ihre nächsten Schritte"
    first = flat(facts.pages[0])
    glance = first[: first.index("Jetzt tun – Schritt für Schritt")]
    assert glance.startswith("Lotse: Ihre nächsten Schritte Stand: 12. März 2026 Auf einen Blick")
    assert "Notfall: Polizei 110, Rettungsdienst 112." in glance
    assert "Frist für den Strafantrag: Ihre Frist endet am Freitag, 5. Juni 2026." in glance  # the nearest one
    actions = glance[glance.index("Das tun Sie jetzt") : glance.index("Hier bekommen Sie Hilfe")]
    three = [step.summary for step in result.plan[:3]]
    assert (
        actions.strip() == flat(f"Das tun Sie jetzt {' '.join(three)}")
        and three[0] == "Rufen Sie jetzt die Polizei an."
    )
    numbers = glance[glance.index("Hier bekommen Sie Hilfe") :]
    assert numbers.index("Polizei-Notruf 110 Telefon: 110 · rund um die Uhr") < numbers.index("starke Stelle")
    assert "Telefon: 0800 300 99 44 · Mo–Fr 9–16 Uhr" in numbers
    assert "Ich wurde bedroht." not in flat(facts.text)  # the answers stay off the paper


def test_the_short_handout_makes_the_cut_of_the_page_on_three_pages(
    made: tuple[Any, Any], urgency_labels: dict[str, str]
) -> None:
    result, facts = made
    text = flat(facts.text)
    assert len(facts.pages) <= 3
    now = text[text.index("Jetzt tun – Schritt für Schritt") : text.index("Die wichtigsten Ansprechstellen")]
    for number, step in enumerate(result.plan, start=1):
        assert flat(f"{number}. {step.title}") in now  # unfolded, in the page's order
    assert "Fronleichnam" in text and text.count("Ihre Frist endet am Freitag, 5. Juni 2026.") == 3
    contacts = text[text.index("Die wichtigsten Ansprechstellen") : _sources_at(result, text)]
    shown = sorted((p for p in result.contacts if p.name in contacts), key=lambda p: contacts.index(p.name))
    assert [p.id for p in shown] == [p.id for p in best_contacts(result)]
    assert len(shown) == 3 and shown[0].id == "de-starke-stelle" and all(p.kind != "emergency" for p in shown)
    for step in result.more:  # what has time: not unfolded
        assert flat(f"{step.title} Quellen (Liste am Ende)") not in text
    assert "Orientierung, keine Rechtsberatung." in text


def _sources_at(result: Any, text: str) -> int:
    """Where the list of sources starts: its heading, then the first source of the first step."""
    return text.index(f"Quellen {result.plan[0].sources[0].label}")


def test_the_sources_list_at_the_end_carries_the_addresses(made: tuple[Any, Any]) -> None:
    result, facts = made
    text = flat(facts.text)
    listed = text[_sources_at(result, text) :].replace(" ", "")
    first = result.plan[0]
    assert f"Quellen (Liste am Ende): {', '.join(str(n + 1) for n in range(len(first.sources)))}" in text
    for source in (s for step in result.plan for s in step.sources):
        assert f"{source.label}:{source.url}".replace(" ", "") in listed, source.url
    assert "https://www.gesetze-im-internet.de/stpo/__172.html" in listed  # the deadline's source
    content, _ = shipped()
    for provider in (*glance(content, result).numbers, *best_contacts(result)):  # page 1's numbers, the cards
        assert f"{provider.name}:{provider.source}".replace(" ", "") in listed, provider.id
    steps = text[text.index("Jetzt tun – Schritt für Schritt") : text.index("Die wichtigsten Ansprechstellen")]
    assert "https://" not in steps  # the steps name their sources by number; the addresses are in the list


def test_the_long_version_unfolds_every_step_and_every_contact(
    full: tuple[Any, Any], urgency_labels: dict[str, str]
) -> None:
    result, facts = full
    text = flat(facts.text)
    assert facts.tagged and facts.lang == "de" and len(facts.pages) > 3
    assert "Notfall: Polizei 110, Rettungsdienst 112." in flat(facts.pages[0])
    plan = text[text.index("Ihr Plan") : text.index("Die Schritte im Einzelnen")]
    positions = [plan.index(flat(f"{urgency_labels[s.urgency]}: {s.title}")) for s in result.steps]
    assert positions == sorted(positions)  # the plan, in the result's order
    assert plan.index("Sofort: Rufen Sie jetzt 110 an") < plan.index("Heute:") < plan.index("In den nächsten Tagen:")
    for number, step in enumerate(result.steps, start=1):
        assert flat(f"{number}. {step.title} – {urgency_labels[step.urgency]}") in text  # unfolded
    for contact in result.contacts:
        assert contact.name in text
        if contact.phone:
            assert contact.phone in text
    assert f"Abgeglichen am {result.contacts[-1].verified:%d.%m.%Y} mit einer gespeicherten Kopie der Quelle." in text
    assert "Angaben geprüft am" not in text and "Live geprüft" not in text  # no contact was checked live


def test_a_page_break_never_splits_a_contact(full: tuple[Any, Any]) -> None:
    assert re.search(r"\.card\s*\{[^}]*break-inside:\s*avoid", STYLESHEET.read_text(encoding="utf-8"))
    result, facts = full
    pages = [flat(page) for page in facts.pages]
    assert len(pages) > 1
    for contact in result.contacts:
        label, value = ("Telefon", contact.phone) if contact.phone else ("E-Mail", contact.email)
        if not value:
            continue
        card_start = flat(f"{contact.name} {label}: {value}")  # a split card has these on two pages
        assert any(card_start in page for page in pages), card_start


def _deadlines(answers: dict[str, Any]) -> list[Deadline]:
    """The deadlines a caller may have given: the Strafantrag's always, the complaint's when dropped."""
    state = str(answers["state"])
    found = [strafantrag_deadline(date(2026, 3, 4), state)]
    if answers.get("report_status") == "dropped":
        found.append(compute_deadline("beschwerde", date(2026, 3, 5), state))
    return found


SHARDS = 9
"""The scenarios in nine parts (every ninth, ~1 s each), so the ~27 layouts spread over the test processes
and neither waits for the other at the end."""


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_scenario_has_a_short_handout_of_at_most_three_pages_with_the_numbers_on_page_one(shard: int) -> None:
    content, catalog = shipped()
    assert len(content.scenarios) >= 10
    for scenario in content.scenarios[shard::SHARDS]:
        result = compute_result(content, scenario.answers)
        pages, first = page_one(handout_pdf(catalog, content, result, TODAY, _deadlines(scenario.answers)).data)
        first = flat(first)
        assert pages <= 3, f"{scenario.id}: {pages} Seiten"
        assert "0800 300 99 44" in first[: first.index("Jetzt tun")], scenario.id
        incidents = set(scenario.answers.get("incident") or ())
        if scenario.answers.get("danger") in {"yes", "unsure"} or incidents & {"threat", "attack"}:
            assert "Telefon: 110" in first[: first.index("Jetzt tun")], scenario.id
        if scenario.answers.get("danger") == "unsure":
            assert "Im Zweifel: Rufen Sie die 110." in first[: first.index("Das tun Sie jetzt")], scenario.id


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
    content, catalog = shipped()
    result = compute_result(content, SHORT)  # a short handout: what matters is where it is made
    example = dict(catalog.letter("strafantrag").example)
    monkeypatch.setattr(pdf_module, "_pool", queue.SimpleQueue())  # so the font configuration is built here too
    attempts = _refuse_writes(monkeypatch, tmp_path)
    made: list[bytes] = []

    def make_all() -> None:  # in a fresh thread, as the server makes documents
        made.append(handout_pdf(catalog, content, result, TODAY).data)
        made.append(letter_pdf(catalog, "strafantrag", example, state="BY", today=TODAY).data)
        made.append(letter_docx(catalog, "strafantrag", example, state="BY", today=TODAY).data)

    thread = threading.Thread(target=make_all)
    thread.start()
    thread.join(timeout=120)
    assert attempts == []
    assert len(made) == 3 and made[0].startswith(b"%PDF") and made[2].startswith(b"PK")
    assert list(tmp_path.iterdir()) == []


def test_the_fetcher_refuses_everything() -> None:
    fetcher = OfflineFetcher()
    for url in ("https://example.org/x.css", "http://127.0.0.1:9/", "file:///etc/passwd", "data:text/css,p{}"):
        with pytest.raises(ValueError, match="Lotse fetches nothing"):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 4
