"""Downloads in AppTest: a click makes the document in memory and hands it to the courier component
exactly once; nothing goes to Streamlit's media store (whose addresses anyone could fetch)."""

from __future__ import annotations

import base64
import time
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import ui.download
from tests import apptest


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    """What each run handed to the courier (None: nothing, and no courier on the page; AppTest runs the app
    in this process)."""
    deliveries: list[dict[str, Any] | None] = []

    def record(key: str, document: dict[str, Any] | None) -> None:
        deliveries.append(document)

    monkeypatch.setattr(ui.download, "_send", record)
    return deliveries


ANSWERS = {"incident": ["threat"], "danger": "no", "channel": ["letter"], "state": "BY", "police": "no"}


def result_page() -> AppTest:
    return apptest.result_page({**ANSWERS, "author_known": "no"})


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_result_is_sent_once_and_only_after_the_click(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    assert not any(sent), "no document may travel before the user asks for it"
    assert at.button(key="download").label == "Als Textdatei speichern (.txt)"
    at.button(key="download").click()
    run(at)
    document = sent[-1]
    assert document is not None
    assert document["filename"] == "lotse-plan.txt"
    assert document["mime"] == "text/plain; charset=utf-8"
    text = base64.b64decode(document["base64"]).decode("utf-8")
    assert text.startswith("Lotse: Ihr Plan\n\nJetzt tun\n")
    run(at)  # any later run: the document is gone from the session
    assert sent[-1] is None


def test_the_saved_file_lists_only_the_answers_given_in_their_order(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    at.button(key="download").click()
    run(at)
    text = base64.b64decode(sent[-1]["base64"]).decode("utf-8")  # type: ignore[index]
    answers = text.split("\nIhre Angaben\n")[1].split("\n\n")[0]
    assert answers.splitlines() == [
        "- Für wen nutzen Sie Lotse? Für mich selbst",
        "- Was ist passiert? Ich wurde bedroht.",
        "- Sind Sie gerade in Gefahr? Nein, im Moment nicht.",
        "- Wie kam es bei Ihnen an? Auf Papier",
        "- In welchem Bundesland sind Sie tätig? Bayern",
        "- Möchten Sie die Polizei einschalten? Nein, ich möchte keine Polizei.",
        "- Wissen Sie, wer es war? Nein, die Person ist unbekannt.",
    ]
    assert "Was ist seit Ihrer Anzeige passiert?" not in text and "Wann haben Sie" not in text


def test_the_notes_template_is_saved_from_the_plan(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    at.button(key="result_notes_template").click()
    run(at)
    document = sent[-1]
    assert document is not None and document["filename"] == "lotse-notizen.txt"
    assert base64.b64decode(document["base64"]).decode("utf-8").startswith("Was passiert ist – meine Notizen\n")


def test_each_click_gets_a_new_nonce(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    nonces = []
    for _ in range(2):
        at.button(key="download").click()
        run(at)
        nonces.append(sent[-1]["nonce"])  # type: ignore[index]
    assert nonces[0] != nonces[1] and len(nonces[0]) == 32


def test_nothing_reaches_the_media_store(sent: list[dict[str, Any] | None], monkeypatch: pytest.MonkeyPatch) -> None:
    stored: list[str] = []
    original = MediaFileManager.add

    def add(self: MediaFileManager, data: Any, mimetype: str, *args: Any, **kwargs: Any) -> str:
        stored.append(mimetype)
        return original(self, data, mimetype, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add", add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", lambda *args, **kwargs: stored.append("deferred"))
    at = result_page()
    at.button(key="download").click()
    run(at)
    assert sent[-1] is not None
    assert stored == [], "nothing may use the media store (the page icon comes from static/ since 1def77b)"


def test_a_click_while_a_document_is_being_made_makes_no_second_one(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    busy = ui.download.Work()
    busy.lock.acquire()  # as if another run of this session were making a document right now
    at.session_state["_lotse_document_work"] = busy
    at.button(key="download").click()
    run(at)
    assert sent[-1] is None and not busy.began, "the click must not start a second render"
    busy.lock.release()
    at.button(key="download").click()
    run(at)
    assert sent[-1] is not None and len(busy.began) == 1


def test_a_document_waiting_to_be_sent_is_not_made_again(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    at.session_state["_lotse_document_pending"] = {
        "filename": "x.txt",
        "mime": "text/plain",
        "base64": "",
        "nonce": "1",
    }
    at.button(key="download").click()
    run(at)
    assert sent[-1] == {"filename": "x.txt", "mime": "text/plain", "base64": "", "nonce": "1"}
    assert not at.session_state["_lotse_document_work"].began, "nothing was made for this click"


def test_past_the_budget_a_click_gets_a_calm_message_instead_of_a_document(sent: list[dict[str, Any] | None]) -> None:
    at = result_page()
    work = ui.download.Work()
    for _ in range(ui.download.BUDGET):
        work.began.append(time.monotonic())  # BUDGET documents just now
    at.session_state["_lotse_document_work"] = work
    at.button(key="download").click()
    run(at)
    assert sent[-1] is None
    assert [info.value for info in at.info] == [
        "Sie haben gerade mehrere Dokumente erstellt. Bitte warten Sie eine Minute, dann können Sie wieder "
        "speichern. Ihre Angaben bleiben erhalten."
    ]
    run(at)
    assert not at.info, "the message belongs to the click, not to every later run"
    work.began[0] -= ui.download.WINDOW  # the oldest of them is now a minute old
    at.button(key="download").click()
    run(at)
    assert sent[-1] is not None and not at.info
