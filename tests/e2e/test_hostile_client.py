"""A client without a browser, against `streamlit run serve.py` with the production config: the server
keeps every limit itself.

- A websocket message larger than the limit is refused (close code 1009, "message too big") before
  Streamlit reads it, and other sessions go on.
- An answer that is none of the question's options does not move the wizard on.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

from bench.ws_load import _TEXTS, NEXT_LABELS, RESULT_TITLE, START_LABEL, Screen, Session, Widget
from tests.e2e.conftest import Server


def in_thread(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run `coroutine` in its own thread: Playwright's sync API may already run an event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


def ws_url(server: Server) -> str:
    return f"ws://127.0.0.1:{server.port}/_stcore/stream"


async def close_code_after(url: str, frame: bytes) -> int | None:
    """Send `frame` on a fresh session; the close code the server answers with (None: still open)."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        try:
            await ws.send(frame)
            async with asyncio.timeout(30):
                while True:
                    await ws.recv()
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else None


async def walk_to_result(url: str) -> str:
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(7), 60, [])
        await session.walk((0.0, 0.0))
        return RESULT_TITLE


def story(size: int) -> bytes:
    """A rerun whose one widget value, "Was ist passiert?" of a letter form, has `size` characters."""
    message = BackMsg()
    widget = message.rerun_script.widget_states.widgets.add(id="$$ID-0-result_letter0_strafantrag_what_happened")
    widget.string_value = "Drohung. " * (size // 9)
    return message.SerializeToString()


@pytest.mark.parametrize("size", [20_000_000, 3_000_000])
def test_a_message_past_the_limit_is_refused_and_others_go_on(server: Server, size: int) -> None:
    assert in_thread(close_code_after(ws_url(server), story(size))) == 1009
    assert in_thread(walk_to_result(ws_url(server))) == RESULT_TITLE


def forward_button(screen: Screen) -> Widget:
    return next(b for label in NEXT_LABELS if (b := screen.button(label)) is not None)


async def answer_danger_with(url: str, made_up: str) -> tuple[str, str]:
    """Start, tick "bedroht", go on, then send `made_up` as the answer to the danger question with
    "Weiter"; the titles of the danger screen and of the screen that follows."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(1), 60, [])
        screen = await session.rerun({})
        screen = await session.rerun({}, screen.button(START_LABEL))  # "Start": for oneself
        ticked = {screen.checkboxes[0].id: True}
        screen = await session.rerun(ticked)
        screen = await session.rerun(ticked, screen.button(_TEXTS["wizard"]["next"]))
        danger, radio = screen.title, screen.radios[0]
        after = await session.rerun({radio.id: made_up}, forward_button(screen))
        return danger, after.title


def test_an_answer_that_is_no_option_does_not_move_the_wizard_on(server: Server) -> None:
    danger, after = in_thread(answer_danger_with(ws_url(server), "nein" * 100_000))
    assert danger == "Sind Sie gerade in Gefahr?"
    assert after == danger
