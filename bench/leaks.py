"""Benchmark part "leaks" (issue: close the leaks): fuzzing the one check, the cost of a client's
clear_cache, and the media check. Run by bench/run.py; loops are bounded in count and time.

- fuzz: N mutated content trees (tests/mutations.py) through `lotse.check.validate`; every one must
  end in a report (never a traceback); reports the count, failures and the slowest mutation.
- clear_cache: server CPU for reruns of one session, with and without a `clear_cache` message before
  each; the ratio must stay near 1 (content is held outside Streamlit's caches).
- media: a session walks to its result and saves it; no document may appear under /media/ and the
  address `st.download_button` would have used (a hash of the content) must be empty.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from common import StreamlitServer  # bench/ is on sys.path when bench/run.py runs
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.memory_media_file_storage import _calculate_file_id
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol
from ws_load import Session

from lotse.check import validate
from lotse.explain.summary import result_markdown, to_plain_text
from lotse.guide.result import compute_result
from tests.mutations import HOSTILE, KINDS, Mutation
from tests.trees import MINIMAL_STEPS, build_tree, minimal_guide, minimal_providers

FILES = {"guide": minimal_guide(), "steps": MINIMAL_STEPS, "providers": minimal_providers()}
RESULT_FILE = "lotse-plan.txt"


@dataclass
class FuzzFigures:
    mutations: int
    failures: int
    slowest_s: float
    failure_samples: list[str]


def fuzz(count: int, budget_s: float, seed: int = 20261130) -> FuzzFigures:
    rng = random.Random(seed)
    failures, samples, slowest, done = 0, [], 0.0, 0
    deadline = time.monotonic() + budget_s
    with tempfile.TemporaryDirectory() as folder:
        validate(build_tree(Path(folder) / "warm-up", **FILES))  # first use loads the hyphenation dictionary
        for number in range(count):
            if time.monotonic() > deadline:
                break
            texts = dict(FILES)
            for _ in range(rng.randint(1, 3)):
                file = rng.choice(sorted(texts))
                noise = "".join(rng.choice("ä:-[{'\"#\n ") for _ in range(5))
                token = rng.choice(HOSTILE) if rng.random() < 0.8 else noise
                texts[file] = Mutation(rng.choice(KINDS), rng.random(), token, rng.random()).apply(texts[file])
            root = build_tree(Path(folder) / str(number), **texts)
            started = time.perf_counter()
            try:
                report = validate(root, date(2026, 11, 30))
                if any(problem.line < 1 for problem in report.problems):
                    raise AssertionError("a problem without a line")
            except Exception as exc:
                failures += 1
                samples.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            slowest = max(slowest, time.perf_counter() - started)
            done += 1
    return FuzzFigures(done, failures, slowest, samples[:5])


async def _reruns(url: str, count: int, clear_cache: bool) -> None:
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(1), 60, [])
        await session.rerun({})
        message = BackMsg()
        message.clear_cache = True
        for _ in range(count):
            if clear_cache:
                await ws.send(message.SerializeToString())
            await session.rerun({})


def clear_cache_cost(server: StreamlitServer, count: int) -> dict[str, float]:
    """Server CPU per rerun, plain and with a client's clear_cache before each (same session shape)."""
    figures: dict[str, float] = {}
    asyncio.run(_reruns(server.ws_url, 5, clear_cache=False))  # warm-up
    for label, clear in (("plain_ms", False), ("with_clear_cache_ms", True)):
        before = server.cpu_seconds() or 0.0
        asyncio.run(_reruns(server.ws_url, count, clear_cache=clear))
        figures[label] = ((server.cpu_seconds() or 0.0) - before) * 1000 / count
    figures["ratio"] = figures["with_clear_cache_ms"] / figures["plain_ms"]
    return figures


async def _walk_and_save(url: str) -> tuple[list[str], list[str]]:
    """Walk to a result over the websocket, press every button that saves something; every /media/ path
    the server sent, and the labels of the buttons pressed."""
    seen: list[str] = []
    pressed: list[str] = []
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(7), 60, [])
        original_recv = ws.recv

        async def recording_recv() -> bytes:
            data = await original_recv()
            message = ForwardMsg()
            message.ParseFromString(data)
            text = str(message)
            seen.extend(part.split('"')[0] for part in text.split("/media/")[1:])
            return data

        ws.recv = recording_recv  # type: ignore[method-assign]
        await session.walk((0.0, 0.0))
        screen = await session.rerun({})
        for button in [b for b in screen.buttons if "speichern" in b.label.lower()]:
            pressed.append(button.label)
            await session.rerun({}, button)
    return seen, pressed


def media_check(server: StreamlitServer, content_root: Path) -> dict[str, object]:
    media, pressed = asyncio.run(_walk_and_save(server.ws_url))
    documents = [path for path in media if not path.endswith(".png")]
    content = validate(content_root).content
    guessed_status = None
    if content is not None:
        result = compute_result(content, {"incident": ["threat"], "danger": "no", "state": "BY", "police": "yes"})
        data = to_plain_text(result_markdown(content, result)).encode("utf-8")
        guessed = _calculate_file_id(data, "text/plain", RESULT_FILE)
        try:
            with urllib.request.urlopen(f"{server.url}/media/{guessed}.txt", timeout=10) as response:
                guessed_status = response.status
        except urllib.error.HTTPError as error:
            guessed_status = error.code
    return {
        "save_buttons_pressed": pressed,
        "document_urls_sent": len(documents),
        "media_paths_sent": sorted(set(media)),
        "guessed_url_status": guessed_status,
    }
