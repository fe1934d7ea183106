"""What a hostile visitor could reach: another person's documents, and the server's shared content.

- Downloads (the result, the advisor's summaries) never get an address on the server: they reach the
  browser inside the session's own websocket and become a `blob:` file there. A plain HTTP client that
  knows or guesses the content finds nothing under `/media/`, where `st.download_button` used to put
  them under a hash of the content alone.
- A client's `clear_cache` message cannot make the server load the content again: it is held once per
  process outside Streamlit's caches and reloaded only when a file changes.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Download, Page
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench.ws_load import Session
from lotse.check.live import LiveContent
from lotse.content.loader import Content
from lotse.explain.summary import result_markdown, to_plain_text
from lotse.explain.trace import trace
from lotse.guide.result import compute_result
from tests.e2e.conftest import Server, free_port, guarded_env, start_streamlit, stop, wait_for_health
from tests.e2e.lotse_ui import DESKTOP, PHONE, REPO, Wizard, wait_idle

pytestmark = pytest.mark.e2e

ANSWERS: dict[str, str | list[str]] = {
    "incident": ["threat"],
    "danger": "no",
    "channel": ["letter"],
    "state": "BY",
    "police": "yes",
    "author_known": "no",
}
RESULT_FILE = "lotse-plan.txt"
SAVE_BUTTON = "Als Textdatei speichern (.txt)"
FAVICON_SUFFIX = ".png"


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def walk_and_download(page: Page, server: Server, content: Content) -> tuple[Download, list[str]]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    wizard = Wizard(page, content)
    wizard.open(server.url)
    wizard.start()
    for step in trace(content, ANSWERS)[1:-1]:  # the screens after the first (start answers it), in order
        wizard.answer(step.node_id, ANSWERS[step.node_id])
    wizard.show_result()
    with page.expect_download() as info:
        page.get_by_role("button", name=SAVE_BUTTON).click()
    wait_idle(page)
    return info.value, requests


def media_requests(requests: list[str]) -> list[str]:
    """Requests to Streamlit's media store, apart from the page icon (the only media Lotse uses)."""
    return [url for url in requests if urlsplit(url).path.startswith("/media/") and not url.endswith(FAVICON_SUFFIX)]


def test_the_result_reaches_only_the_own_browser(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    download, requests = walk_and_download(open_page(PHONE), server, content)
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert download.suggested_filename == RESULT_FILE
    assert download.url.startswith(f"blob:{server.origin}/")
    assert "Ich wurde bedroht." in saved and "Bayern" in saved and saved.startswith("Lotse: Ihr Plan")
    assert media_requests(requests) == []


def test_a_plain_http_client_finds_no_result_under_media(server: Server, content: Content) -> None:
    """The address `st.download_button` gave this very result (a hash of the content) is empty."""
    result = compute_result(content, ANSWERS)
    saved = to_plain_text(result_markdown(content, result)).encode("utf-8")
    for mime in ("text/plain", "text/plain; charset=utf-8"):
        guessed = _calculate_file_id(saved, mime, RESULT_FILE)
        assert status_of(f"{server.url}/media/{guessed}.txt") == 404
    assert status_of(f"{server.url}/media/{'0' * 32}.txt") == 404


def test_two_sessions_with_the_same_answers_share_nothing(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    first, first_requests = walk_and_download(open_page(DESKTOP), server, content)
    second, second_requests = walk_and_download(open_page(PHONE), server, content)
    assert first.url != second.url
    assert Path(first.path()).read_bytes() == Path(second.path()).read_bytes()
    assert media_requests(first_requests + second_requests) == []
    for url in (first.url, second.url):  # a blob: address exists only inside the page that made it
        with urllib.request.urlopen(url.removeprefix("blob:"), timeout=10) as response:
            assert b"Ihr Plan" not in response.read()  # the server answers with its start page only


def test_advisor_summaries_reach_only_the_own_browser(
    open_page: Callable[..., Page], server: Server, content: Content
) -> None:
    page = open_page(DESKTOP)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url)  # the very first deep link after a server start can show "Page not found"
    wait_idle(page)
    page.goto(f"{server.url}/beratung")
    wait_idle(page)
    for role, name in (
        ("checkbox", "Ich wurde bedroht."),
        ("radio", "Nein, im Moment nicht."),
        ("radio", "Ja, ich möchte Anzeige erstatten."),
    ):
        page.get_by_role(role, name=re.compile("^" + re.escape(name))).check(force=True)
        wait_idle(page)
    page.get_by_role("combobox", name=re.compile("Bundesland")).click()
    page.keyboard.type("Sachsen")
    page.keyboard.press("Enter")
    wait_idle(page)
    saved = []
    for tab, extension in (("Als Text", "txt"), ("Als Markdown", "md")):
        page.get_by_role("tab", name=tab).click()
        with page.expect_download() as info:
            page.get_by_role("button", name=f"Herunterladen (.{extension})").click()
        wait_idle(page)
        assert info.value.suggested_filename == f"lotse-gespraech.{extension}"
        assert info.value.url.startswith("blob:")
        saved.append(Path(info.value.path()).read_text(encoding="utf-8"))
    assert all("Sachsen" in text for text in saved)
    assert media_requests(requests) == []


# --- clear_cache ----------------------------------------------------------------------------------

APP_PARTS = (
    "app.py",
    "serve.py",
    "app_pages",
    "ui",
    "lotse",
    "deploy",
    "flows",
    "texts",
    "providers.yaml",
    ".streamlit",
    "assets",
    "static",
)
FIRST_QUESTION = "Was ist passiert?"
EDITED_QUESTION = "Was ist los?!!!!!"  # the same length, so only the modification time tells the change


@pytest.fixture
def app_copy(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A server running a copy of the app, whose content the test may edit; yields (root, ws url)."""
    root = tmp_path / "app"
    root.mkdir()
    for part in APP_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, root / part)
    port, log = free_port(), tmp_path / "streamlit.log"
    env = guarded_env(tmp_path / "work", tmp_path / "outbound.jsonl", tmp_path / "armed.txt")
    process = start_streamlit("serve.py", root, env, log, port, ["--server.headless", "true"])
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process, log, 45)
        yield root, f"ws://127.0.0.1:{port}/_stcore/stream"
    finally:
        stop(process)


def edit_keeping_size_and_time(path: Path, old: str, new: str) -> None:
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


async def first_question_after(url: str, send_first: list[BackMsg]) -> str:
    """Open a session, send `send_first`, then press "Start": the first question's heading."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, None, 60, [])  # type: ignore[arg-type]
        start_screen = await session.rerun({})
        for message in send_first:
            await ws.send(message.SerializeToString())
        start = start_screen.button("Start")
        assert start is not None
        return (await session.rerun({}, start)).title


def in_thread(coroutine: Coroutine[Any, Any, str]) -> str:
    """Run `coroutine` in its own thread: Playwright's sync API already runs an event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


def clear_cache_message() -> BackMsg:
    message = BackMsg()
    message.clear_cache = True
    return message


def test_a_clients_clear_cache_does_not_reload_the_content(app_copy: tuple[Path, str]) -> None:
    root, url = app_copy
    assert in_thread(first_question_after(url, [])) == FIRST_QUESTION
    guide = root / "flows" / "guide.yaml"
    edit_keeping_size_and_time(guide, f"text: {FIRST_QUESTION}", f"text: {EDITED_QUESTION}")
    assert in_thread(first_question_after(url, [clear_cache_message()] * 5)) == FIRST_QUESTION
    os.utime(guide)  # control: a real change of the file is picked up, so the test can see a reload
    time.sleep(LiveContent(root).recheck_seconds + 0.2)  # the server looks at the files once a second
    assert in_thread(first_question_after(url, [])) == EDITED_QUESTION
