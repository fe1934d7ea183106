"""Downloads in AppTest: a click makes the document in memory and hands it to the courier component
exactly once; nothing goes to Streamlit's media store (whose addresses anyone could fetch)."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import ui.download

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any] | None]:
    """What the courier component was given in each run (AppTest runs the app in this process)."""
    deliveries: list[dict[str, Any] | None] = []

    def record(**kwargs: Any) -> None:
        deliveries.append(kwargs["data"]["document"])

    monkeypatch.setattr(ui.download, "_courier", record)
    return deliveries


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, at.exception
    return at


def walk_to_result() -> AppTest:
    at = run(AppTest.from_file(APP, default_timeout=30))
    at.button(key="start").click()
    run(at).checkbox(key="q_incident_threat").check()
    run(at).button(key="next_incident").click()
    for node, value in (("danger", "no"), ("state", "BY"), ("police", "yes"), ("author_known", "no")):
        run(at).radio(key=f"q_{node}").set_value(value)
        run(at).button(key=f"next_{node}").click()
    run(at).button(key="show_result").click()
    return run(at)


def test_the_result_is_sent_once_and_only_after_the_click(sent: list[dict[str, Any] | None]) -> None:
    at = walk_to_result()
    assert not any(sent), "no document may travel before the user asks for it"
    at.button(key="download").click()
    run(at)
    document = sent[-1]
    assert document is not None
    assert document["filename"] == "lotse-naechste-schritte.md"
    assert document["mime"] == "text/markdown; charset=utf-8"
    text = base64.b64decode(document["base64"]).decode("utf-8")
    assert text.startswith("# Lotse: Ihre nächsten Schritte") and "Bayern" in text
    run(at)  # any later run: the document is gone from the session
    assert sent[-1] is None


def test_each_click_gets_a_new_nonce(sent: list[dict[str, Any] | None]) -> None:
    at = walk_to_result()
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
    at = walk_to_result()
    at.button(key="download").click()
    run(at)
    assert sent[-1] is not None
    assert stored and set(stored) == {"image/png"}, "only the page icon may use the media store"
