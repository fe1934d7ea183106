"""Protocol-level load: many sessions walk the self-guided wizard over Streamlit's websocket.

Each session speaks the browser's protocol (BackMsg/ForwardMsg protobufs over /_stcore/stream): it asks
for a script run with the current widget values, then reads ForwardMsgs until `script_finished`. Like
the browser, it reruns once per interaction: ticking a checkbox or choosing a radio option is one step,
clicking "Weiter" is the next. Widget ids and options come from the deltas of the previous run. A radio's
value is the option string the server sent (our radios format canonical values with format_func).

A session counts as successful only if it reaches the result page (the plan) with its steps. Anything
else is an error: a timeout, an exception element, a run that does not finish successfully, a screen that
does not move on after "Weiter", an unknown screen, or more steps than the flow can have. The words it
looks for (buttons, titles) are read from texts/de.yaml, as the app reads them.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol

_TEXTS = yaml.safe_load((Path(__file__).resolve().parents[1] / "texts" / "de.yaml").read_text(encoding="utf-8"))
START_LABEL = _TEXTS["start"]["start"]
NEXT_LABELS = (_TEXTS["wizard"]["next"], _TEXTS["emergency"]["safe"])
"""The forward button of a screen: "Weiter", on the emergency screen "Ich bin in Sicherheit – weiter"."""
CHECK_TITLE = _TEXTS["wizard"]["check_title"]
SHOW_RESULT_LABEL = _TEXTS["wizard"]["show_result"]
RESULT_TITLE = _TEXTS["result"]["title"]
RESULT_STEPS_HEADINGS = (_TEXTS["result"]["plan"], _TEXTS["result"]["more"])
MAX_STEPS = 40  # the longest walk is 2 + 2 × 7 questions + 1 info + 1 check = 18 reruns
UNFINISHED = "unfinished when the level's time budget ran out"


@dataclass
class Widget:
    id: str
    label: str
    options: list[str] = field(default_factory=list)


@dataclass
class Screen:
    """What one script run rendered, as far as the walk needs it."""

    headings: list[str] = field(default_factory=list)
    radios: list[Widget] = field(default_factory=list)
    checkboxes: list[Widget] = field(default_factory=list)
    buttons: list[Widget] = field(default_factory=list)
    expanders: list[str] = field(default_factory=list)
    exception: str | None = None
    finished_ok: bool = False
    page_hash: str | None = None

    @property
    def title(self) -> str:
        return self.headings[0] if self.headings else ""

    def button(self, label: str) -> Widget | None:
        return next((b for b in self.buttons if b.label == label), None)


class WalkError(Exception):
    pass


def _parse(message: bytes, screen: Screen) -> bool:
    """Fold one ForwardMsg into `screen`; True once the script run has finished."""
    forward = ForwardMsg()
    forward.ParseFromString(message)
    kind = forward.WhichOneof("type")
    if kind == "navigation":
        screen.page_hash = forward.navigation.page_script_hash or None
    elif kind == "delta":
        delta = forward.delta
        if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "expandable":
            screen.expanders.append(delta.add_block.expandable.label)
        elif delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            which = element.WhichOneof("type")
            if which == "heading":
                screen.headings.append(element.heading.body)
            elif which == "radio":
                screen.radios.append(Widget(element.radio.id, element.radio.label, list(element.radio.options)))
            elif which == "checkbox":
                screen.checkboxes.append(Widget(element.checkbox.id, element.checkbox.label))
            elif which == "button":
                screen.buttons.append(Widget(element.button.id, element.button.label))
            elif which == "exception":
                screen.exception = f"{element.exception.type}: {element.exception.message}"[:200]
    elif kind == "script_finished":
        if forward.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return False  # a newer run follows; keep reading
        screen.finished_ok = forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
        return True
    return False


class Session:
    def __init__(self, ws: ClientConnection, rng: random.Random, step_timeout: float, latencies: list[float]) -> None:
        self.ws, self.rng, self.step_timeout, self.latencies = ws, rng, step_timeout, latencies
        self.page_hash = ""

    async def rerun(self, values: dict[str, Any], click: Widget | None = None) -> Screen:
        """One script run with the given widget values (and a button click); returns what it rendered."""
        message = BackMsg()
        request = message.rerun_script
        request.SetInParent()
        request.page_script_hash = self.page_hash
        for widget_id, value in values.items():
            state = request.widget_states.widgets.add(id=widget_id)
            if isinstance(value, bool):
                state.bool_value = value
            else:
                state.string_value = value
        if click is not None:
            request.widget_states.widgets.add(id=click.id, trigger_value=True)
        screen = Screen()
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        async with asyncio.timeout(self.step_timeout):
            while not _parse(await self.ws.recv(), screen):
                pass
        self.latencies.append((time.perf_counter() - started) * 1000)
        if screen.page_hash:
            self.page_hash = screen.page_hash
        if screen.exception:
            raise WalkError(f"exception on '{screen.title}': {screen.exception}")
        if not screen.finished_ok:
            raise WalkError(f"run on '{screen.title}' did not finish successfully")
        return screen

    async def walk(self, think: tuple[float, float]) -> None:
        """Start → every question on the path → check → result; raises WalkError on any failure."""
        if think[1] > 0:  # paced sessions arrive spread over one think time, not all in the same instant
            await asyncio.sleep(self.rng.uniform(0, think[1]))
        screen = await self.rerun({})
        for _ in range(MAX_STEPS):
            if screen.title == RESULT_TITLE:
                if not set(RESULT_STEPS_HEADINGS) & set(screen.headings) or not screen.expanders:
                    raise WalkError("result page without steps")
                return
            await self._think(think)
            if (start := screen.button(START_LABEL)) is not None:
                screen = await self.rerun({}, start)
            elif screen.title == CHECK_TITLE and (show := screen.button(SHOW_RESULT_LABEL)) is not None:
                screen = await self.rerun({}, show)
            else:
                screen = await self._answer(screen, think)
        raise WalkError(f"no result after {MAX_STEPS} steps (stuck at '{screen.title}')")

    async def _answer(self, screen: Screen, think: tuple[float, float]) -> Screen:
        values: dict[str, Any] = {}
        if screen.checkboxes:  # the multiple-choice incident question: tick one or two, or "nothing yet"
            boxes = screen.checkboxes
            chosen = [boxes[-1]] if self.rng.random() < 0.1 else self.rng.sample(boxes[:-1], self.rng.choice((1, 2)))
            for box in chosen:  # one rerun per tick, as in the browser
                values[box.id] = True
                screen = await self.rerun(values)
                await self._think(think)
        elif screen.radios:
            radio = screen.radios[0]
            values[radio.id] = self.rng.choice(radio.options)
            screen = await self.rerun(values)
            await self._think(think)
        forward = next((b for label in NEXT_LABELS if (b := screen.button(label)) is not None), None)
        if forward is None:
            raise WalkError(f"unknown screen '{screen.title}'")
        before = screen.title
        screen = await self.rerun(values, forward)
        if screen.title == before:
            raise WalkError(f"'Weiter' did not move on from '{before}'")
        return screen

    async def _think(self, think: tuple[float, float]) -> None:
        if think[1] > 0:
            await asyncio.sleep(self.rng.uniform(*think))


async def route_cookie(proxy: tuple[str, int], cookie: str = "", timeout: float = 30) -> str:
    """Ask nginx (`make serve`) for /_stcore/health, as the browser does with the page and before it
    reconnects; returns the Cookie header to send on: nginx's `lotse_route`, which keeps the session on
    its replica. Without a new Set-Cookie the given cookie stays."""
    host, port = proxy
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        extra = f"Cookie: {cookie}\r\n" if cookie else ""
        request = f"GET /_stcore/health HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}Connection: close\r\n\r\n"
        writer.write(request.encode("ascii"))
        head = (await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)).decode("latin-1")
    finally:
        writer.close()
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie" and value.strip().startswith("lotse_route="):
            return value.strip().split(";", 1)[0]
    return cookie


async def open_session(url: str, proxy: tuple[str, int] | None, cookie: str = "") -> tuple[ClientConnection, str]:
    """A websocket to Streamlit's stream; through nginx with its route cookie (fetched first if none)."""
    headers = {}
    if proxy is not None:
        cookie = await route_cookie(proxy, cookie)
        headers["Cookie"] = cookie
    ws = await connect(
        url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30, additional_headers=headers
    )
    return ws, cookie


async def _one_session(
    url: str,
    index: int,
    start: asyncio.Event,
    connected: list[int],
    think: tuple[float, float],
    step_timeout: float,
    latencies: list[float],
    proxy: tuple[str, int] | None = None,
) -> str | None:
    """Run one session; returns None on success, else a short error description."""
    try:
        ws, _ = await open_session(url, proxy)
        async with ws:
            connected.append(index)
            await start.wait()
            await Session(ws, random.Random(index), step_timeout, latencies).walk(think)
            return None
    except WalkError as exc:
        return str(exc)
    except TimeoutError:
        return "timeout"
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"[:200]


async def run_level(
    url: str,
    sessions: int,
    think: tuple[float, float] = (0.0, 0.0),
    step_timeout: float = 60,
    budget: float = 300,
    proxy: tuple[str, int] | None = None,
) -> tuple[list[float], list[str | None], float]:
    """Connect `sessions` clients, start their walks together, wait (at most `budget` s) for all of them.
    With `proxy` (nginx's host and port) every client first gets its route cookie, as a browser does."""
    start, connected, latencies = asyncio.Event(), [], []
    tasks = [
        asyncio.create_task(_one_session(url, i, start, connected, think, step_timeout, latencies, proxy))
        for i in range(sessions)
    ]
    deadline = time.monotonic() + 30
    while len(connected) < sessions and time.monotonic() < deadline and not all(t.done() for t in tasks):
        await asyncio.sleep(0.05)
    began = time.perf_counter()
    start.set()
    done, pending = await asyncio.wait(tasks, timeout=budget)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    outcomes: list[str | None] = [t.result() if t in done else UNFINISHED for t in tasks]
    return latencies, outcomes, time.perf_counter() - began
