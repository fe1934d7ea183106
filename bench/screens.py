"""Benchmark part "screens" (issue 21): the server's CPU per screen type, so every change shows where it
moved. One client at a time talks to one server process over the websocket, as the browser does; the
server's CPU time (/proc) is read before and after `reruns` runs of each screen:

- walk: whole walks (start → questions → check → result), CPU per step: the figure the load levels need;
- start, question (ticking an answer), check, result (a rerun of the plan), letter open (the
  "Strafanzeige und Strafantrag" form open: a rerun of the letters' fragment, as the browser asks for it);
- each document: a click on its button (the page's rerun included; "result" above is that rerun alone).
  Each document gets its own session, since a session may make only a few a minute (ui/download.py).

Every figure is the median of `rounds` rounds of `reruns` runs each, with the lowest and highest round
beside it (the CPU clock ticks at 10 ms, so one run alone cannot be timed; a shared machine moves a round
by ±15 %).

Run alone: `.venv/bin/python bench/screens.py` (starts its own server), or `bench/run.py --only screens`.
A before/after comparison in one run: `.venv/bin/python bench/screens.py --against /tmp/old-lotse` starts
a server on each tree and takes turns round by round, so the machine's load falls on both alike.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import ROOT, StreamlitServer, proc_cpu_seconds
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect
from websockets.typing import Subprotocol
from ws_load import _TEXTS, CHECK_TITLE, MAX_STEPS, RESULT_TITLE, SHOW_RESULT_LABEL, START_LABEL, Session

LETTER = "Strafanzeige und Strafantrag"
"""The letter whose form is opened and filled (offered when the police are to be involved)."""
FILLED = {
    "Ihr Vor- und Nachname": "Erika Quendelmoor",
    "Ihre Anschrift": "Rathausplatz 1\n99999 Musterdorf",
    "Was ist passiert?": "Ein Kommentar drohte mir Prügel an.",
}
"""The letter's required fields (by the start of their label) and what the benchmark types into them."""
DOCUMENTS = {
    "handout PDF": _TEXTS["documents"]["handout"],
    "plan as text": None,  # the first button whose label starts with "Als Textdatei"
    "letter PDF": _TEXTS["documents"]["pdf"],
    "letter Word": _TEXTS["documents"]["word"],
}


@dataclass
class Page:
    """Every widget of one run: buttons, text fields and expanders by label (their ids), and the title."""

    title: str = ""
    buttons: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    expanders: dict[str, str] = field(default_factory=dict)
    fragments: dict[str, str] = field(default_factory=dict)
    """The fragment an expander belongs to (by its label), if any: a browser reruns only that part."""
    finished: bool = False
    documents: int = 0
    """Documents handed to a courier in this run."""


def _fold(data: bytes, page: Page) -> bool:
    message = ForwardMsg()
    message.ParseFromString(data)
    kind = message.WhichOneof("type")
    if kind == "delta":
        delta = message.delta
        if delta.WhichOneof("type") == "add_block" and delta.add_block.WhichOneof("type") == "expandable":
            block = delta.add_block.expandable
            if block.id:
                page.expanders[block.label] = block.id
                if delta.fragment_id:
                    page.fragments[block.label] = delta.fragment_id
        elif delta.WhichOneof("type") == "new_element":
            element = delta.new_element
            which = element.WhichOneof("type")
            if which == "heading" and not page.title:
                page.title = element.heading.body
            elif which == "button":
                page.buttons[element.button.label] = element.button.id
            elif which == "bidi_component" and '"base64"' in element.bidi_component.json:
                page.documents += 1
            elif which in {"text_input", "text_area"}:
                widget = getattr(element, which)
                page.fields[widget.label] = widget.id
    elif kind == "script_finished":
        if message.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return False
        page.finished = message.script_finished in {
            ForwardMsg.FINISHED_SUCCESSFULLY,
            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
        }
        return True
    return False


class Client:
    """One session that can send any widget values and read every widget back."""

    def __init__(self, ws: ClientConnection, page_hash: str) -> None:
        self.ws, self.page_hash = ws, page_hash

    async def run(self, values: dict[str, Any], click: str | None = None, fragment: str = "") -> Page:
        message = BackMsg()
        request = message.rerun_script
        request.SetInParent()
        request.page_script_hash = self.page_hash
        request.fragment_id = fragment
        for widget_id, value in values.items():
            state = request.widget_states.widgets.add(id=widget_id)
            if isinstance(value, bool):
                state.bool_value = value
            else:
                state.string_value = value
        if click is not None:
            request.widget_states.widgets.add(id=click, trigger_value=True)
        await self.ws.send(message.SerializeToString())
        page = Page()
        async with asyncio.timeout(60):
            while not _fold(await self.ws.recv(), page):
                pass
        if not page.finished:
            raise RuntimeError(f"a run on '{page.title}' did not finish")
        return page


async def _to_check(url: str, seed: int) -> tuple[ClientConnection, Client]:
    """A new session walked (random answers) to the check page."""
    ws = await _session(url)
    session = Session(ws, random.Random(seed), 60, [])
    screen = await session.rerun({})
    for _ in range(MAX_STEPS):
        if screen.title == CHECK_TITLE:
            return ws, Client(ws, session.page_hash)
        if (start := screen.button(START_LABEL)) is not None:
            screen = await session.rerun({}, start)
        else:
            screen = await session._answer(screen, (0.0, 0.0))
    raise RuntimeError("no check page")


async def _to_result(url: str, seeds: range = range(40)) -> tuple[ClientConnection, Client, int]:
    """A new session on a plan that offers LETTER (random walks, seeds tried in turn), and its seed."""
    for seed in seeds:
        ws, client = await _to_check(url, seed)
        check = await client.run({})
        if LETTER in (await client.run({}, check.buttons[SHOW_RESULT_LABEL])).expanders:
            return ws, client, seed
        await ws.close()
    raise RuntimeError(f"no walk reached a plan with '{LETTER}'")


async def _session(url: str) -> ClientConnection:
    return await connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30)


def _cpu_ms(pid: int, runs: int, action: Callable[[], Awaitable[Any]]) -> float:
    async def repeat() -> None:
        for _ in range(runs):
            await action()

    before = proc_cpu_seconds(pid) or 0.0
    asyncio.get_event_loop().run_until_complete(repeat())
    return ((proc_cpu_seconds(pid) or 0.0) - before) * 1000 / runs


@dataclass
class ScreenFigures:
    reruns: int
    walk_steps: int
    ms: dict[str, float] = field(default_factory=dict)
    """Server CPU in ms per run of each screen type (per step for "walk"): the median of the rounds."""
    rounds: dict[str, list[float]] = field(default_factory=dict)
    """Each round's figure, per screen type."""


def run(server: StreamlitServer, reruns: int = 40, walks: int = 6, rounds: int = 3) -> ScreenFigures:
    return run_turns({"": server}, reruns, walks, rounds)[""]


def run_turns(
    servers: dict[str, StreamlitServer], reruns: int = 40, walks: int = 6, rounds: int = 3
) -> dict[str, ScreenFigures]:
    """`rounds` rounds on each server, taking turns (one round on each, then the next round)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    found: dict[str, list[ScreenFigures]] = {name: [] for name in servers}
    try:
        for _ in range(rounds):
            for name, server in servers.items():
                found[name].append(_measure(server, reruns, walks, loop))
    finally:
        loop.close()
    return {name: _merge(each) for name, each in found.items()}


def _merge(each: list[ScreenFigures]) -> ScreenFigures:
    merged = ScreenFigures(each[0].reruns, each[0].walk_steps)
    for name in each[0].ms:
        merged.rounds[name] = [figures.ms[name] for figures in each]
        merged.ms[name] = statistics.median(merged.rounds[name])
    return merged


def _measure(server: StreamlitServer, reruns: int, walks: int, loop: asyncio.AbstractEventLoop) -> ScreenFigures:
    pid, url = server.pid, server.ws_url
    wait = loop.run_until_complete
    figures = ScreenFigures(reruns, 0)
    ws, _, seed = wait(_to_result(url))  # warm-up: content, fonts of the page, first imports
    wait(ws.close())

    latencies: list[float] = []

    async def one_walk() -> None:
        async with await _session(url) as walker:
            await Session(walker, random.Random(len(latencies)), 60, latencies).walk((0.0, 0.0))

    before = proc_cpu_seconds(pid) or 0.0
    for _ in range(walks):
        wait(one_walk())
    figures.walk_steps = len(latencies)
    figures.ms["walk (per step)"] = ((proc_cpu_seconds(pid) or 0.0) - before) * 1000 / max(1, len(latencies))

    ws = wait(_session(url))
    start = Client(ws, "")
    wait(start.run({}))
    figures.ms["start"] = _cpu_ms(pid, reruns, lambda: start.run({}))
    session = Session(ws, random.Random(0), 60, [])
    screen = wait(session.rerun({}))
    screen = wait(session.rerun({}, screen.button(START_LABEL)))
    while not screen.checkboxes:  # the questions before the incidents (for whom) take their first answer
        screen = wait(session._answer(screen, (0.0, 0.0)))
    question = Client(ws, session.page_hash)
    boxes = [box.id for box in screen.checkboxes]
    ticks = iter(range(10**6))
    figures.ms["question (an answer)"] = _cpu_ms(pid, reruns, lambda: question.run({boxes[0]: next(ticks) % 2 == 0}))
    wait(ws.close())

    ws, client = wait(_to_check(url, seed))
    check = wait(client.run({}))
    figures.ms["check"] = _cpu_ms(pid, reruns, lambda: client.run({}))
    page = wait(client.run({}, check.buttons[SHOW_RESULT_LABEL]))
    assert page.title == RESULT_TITLE, page.title
    figures.ms["result"] = _cpu_ms(pid, reruns, lambda: client.run({}))
    letter, fragment = {page.expanders[LETTER]: True}, page.fragments.get(LETTER, "")
    wait(client.run(letter, fragment=fragment))
    figures.ms["letter open"] = _cpu_ms(pid, reruns, lambda: client.run(letter, fragment=fragment))
    wait(ws.close())

    for name, label in DOCUMENTS.items():
        figures.ms[name] = _document_ms(pid, url, seed, name, label, wait)
    return figures


def _document_ms(pid: int, url: str, seed: int, name: str, label: str | None, wait: Any) -> float:
    """CPU of clicks on one document's button, in a session of their own (three clicks: within the budget)."""
    ws, client, _ = wait(_to_result(url, range(seed, seed + 1)))
    page = wait(client.run({}))
    values: dict[str, Any] = {}
    fragment = ""
    if name.startswith("letter"):
        values, fragment = {page.expanders[LETTER]: True}, page.fragments.get(LETTER, "")
        page = wait(client.run(values, fragment=fragment))
        for shown, field_id in page.fields.items():
            text = next((text for start, text in FILLED.items() if shown.startswith(start)), None)
            if text is not None:
                values[field_id] = text
        if len(values) != len(FILLED) + 1:
            raise RuntimeError(f"the form's required fields changed: {list(page.fields)}")
        page = wait(client.run(values, fragment=fragment))
    if label is None:
        button = next(i for text, i in page.buttons.items() if text.startswith("Als Textdatei"))
    else:
        button = page.buttons[label]
    pages: list[Page] = []

    async def click() -> None:
        pages.append(await client.run(values, button, fragment))

    cost = _cpu_ms(pid, 3, click)
    wait(ws.close())
    if sum(p.documents for p in pages) != len(pages):
        raise RuntimeError(f"{name}: {sum(p.documents for p in pages)} documents for {len(pages)} clicks")
    return cost


def _spread(values: list[float]) -> str:
    return f"{min(values):6.1f} – {max(values):6.1f}"


def lines(figures: ScreenFigures) -> list[str]:
    rows = [f"  {name:22} {ms:7.1f} ms   ({_spread(figures.rounds[name])})" for name, ms in figures.ms.items()]
    head = (
        f"  server CPU per run, median of {len(next(iter(figures.rounds.values()), []))} rounds (lowest – highest)"
        f" of {figures.reruns} runs each; walk: {figures.walk_steps} steps a round; documents: 3 clicks"
    )
    return [head, *rows]


def compare(before: ScreenFigures, after: ScreenFigures) -> list[str]:
    rows = [f"  {'screen':22} {'before':>7} {'after':>7}   before (lowest – highest)   after"]
    for name, ms in after.ms.items():
        rows.append(
            f"  {name:22} {before.ms[name]:7.1f} {ms:7.1f}   {_spread(before.rounds[name])}"
            f"   {_spread(after.rounds[name])}"
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="another tree of Lotse to compare with (before)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reruns", type=int, default=40)
    args = parser.parse_args()
    if args.against is None:
        with StreamlitServer(ROOT / "serve.py", cwd=ROOT) as server:
            figures = run(server, args.reruns, rounds=args.rounds)
        print("\n".join(lines(figures)))
        return 0
    before_root = args.against.resolve()
    with (
        StreamlitServer(before_root / "serve.py", cwd=before_root) as before,
        StreamlitServer(ROOT / "serve.py", cwd=ROOT) as after,
    ):
        turns = run_turns({"before": before, "after": after}, args.reruns, rounds=args.rounds)
    print(f"  before: {before_root}; after: {ROOT}; {args.rounds} rounds of {args.reruns} runs each, taking turns")
    print("\n".join(compare(turns["before"], turns["after"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
