"""Benchmark part "flood" (issue 21): one client with no browser replays the "Als PDF speichern" click.

A client walks to a result over the websocket, then sends the click's BackMsg `clicks` times within
`span` seconds (reading nothing back until the end) and leaves. A second visitor keeps taking steps
(a rerun every `pace` seconds) all the while. Reported: the server's threads and memory (RSS) before,
at their peak and after the client left, how long until both are back at their level, how many
documents reached the flooding client, and the second visitor's p95 step latency before, during and
after. Run alone: `.venv/bin/python bench/flood.py` (starts its own server on a free loopback port).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import sys
import time
from dataclasses import dataclass, field

from common import ROOT, StreamlitServer, percentile, proc_cpu_seconds, proc_status_kib
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol
from ws_load import _TEXTS, Session

HANDOUT_LABEL = _TEXTS["documents"]["handout"]
THREADS_SLACK = 2
"""Threads "back at their level": at most this many above the level before the flood."""
RSS_SLACK_MIB = 40.0
"""Memory "back at its level": at most this much above the level before the flood."""


@dataclass
class FloodFigures:
    clicks: int
    span_s: float
    threads_before: int
    threads_peak: int
    threads_after: int
    rss_before_mib: float
    rss_peak_mib: float
    rss_after_mib: float
    back_after_s: float | None
    """Seconds after the client left until threads and memory were back at their level (None: not within settle)."""
    documents_received: int
    server_cpu_s: float
    visitor_p95_ms: dict[str, float] = field(default_factory=dict)
    visitor_steps: dict[str, int] = field(default_factory=dict)


def threads(pid: int) -> int:
    return proc_status_kib(pid, "Threads") or 0


def rss_mib(pid: int) -> float:
    return (proc_status_kib(pid, "VmRSS") or 0) / 1024


def _documents_in(data: bytes) -> int:
    """1 if this ForwardMsg hands a document to the courier (its data holds base64), else 0."""
    message = ForwardMsg()
    message.ParseFromString(data)
    return int(message.WhichOneof("type") == "delta" and b'"base64"' in data)


async def _visitor(url: str, pace: float, log: list[tuple[float, float]], stop: asyncio.Event) -> None:
    """A second person on the start page: one rerun every `pace` s; (time, latency ms) into `log`."""
    latencies: list[float] = []
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(2), 60, latencies)
        while not stop.is_set():
            await session.rerun({})
            log.append((time.monotonic(), latencies[-1]))
            await asyncio.sleep(pace)


async def _flood(url: str, clicks: int, span: float, linger: float = 3.0) -> int:
    """Walk to a result, replay the handout click `clicks` times in `span` s, read for a moment, leave."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(7), 60, [])
        await session.walk((0.0, 0.0))
        screen = await session.rerun({})
        button = screen.button(HANDOUT_LABEL)
        if button is None:
            raise RuntimeError(f"no '{HANDOUT_LABEL}' on the result page")
        message = BackMsg()
        message.rerun_script.page_script_hash = session.page_hash
        message.rerun_script.widget_states.widgets.add(id=button.id, trigger_value=True)
        data = message.SerializeToString()
        received = 0

        async def read() -> None:
            nonlocal received
            while True:
                received += _documents_in(await ws.recv())

        reader = asyncio.create_task(read())
        for _ in range(clicks):
            await ws.send(data)
            await asyncio.sleep(span / clicks)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(reader), timeout=linger)
        reader.cancel()
        return received


async def _run(pid: int, url: str, clicks: int, span: float, settle: float, pace: float) -> FloodFigures:
    log: list[tuple[float, float]] = []
    stop = asyncio.Event()
    visitor = asyncio.create_task(_visitor(url, pace, log, stop))
    await asyncio.sleep(5)  # the visitor's level
    threads_before, rss_before = threads(pid), rss_mib(pid)
    cpu_before = _cpu(pid)
    began = time.monotonic()
    flood = asyncio.create_task(_flood(url, clicks, span))
    peak_threads, peak_rss = threads_before, rss_before
    while not flood.done():
        peak_threads, peak_rss = max(peak_threads, threads(pid)), max(peak_rss, rss_mib(pid))
        await asyncio.sleep(0.05)
    received = flood.result()
    left = time.monotonic()
    back_after = None
    while time.monotonic() - left < settle:
        now_threads, now_rss = threads(pid), rss_mib(pid)
        peak_threads, peak_rss = max(peak_threads, now_threads), max(peak_rss, now_rss)
        back = now_threads <= threads_before + THREADS_SLACK and now_rss <= rss_before + RSS_SLACK_MIB
        if back and back_after is None:
            back_after = time.monotonic() - left
        elif not back:
            back_after = None
        await asyncio.sleep(0.1)
    stop.set()
    await visitor
    windows = {"before": (0.0, began), "during": (began, left), "after": (left + 5, float("inf"))}
    p95 = {name: percentile([ms for t, ms in log if lo <= t < hi], 0.95) for name, (lo, hi) in windows.items()}
    steps = {name: sum(1 for t, _ in log if lo <= t < hi) for name, (lo, hi) in windows.items()}
    return FloodFigures(
        clicks,
        span,
        threads_before,
        peak_threads,
        threads(pid),
        round(rss_before, 1),
        round(peak_rss, 1),
        round(rss_mib(pid), 1),
        None if back_after is None else round(back_after, 1),
        received,
        round(_cpu(pid) - cpu_before, 2),
        p95,
        steps,
    )


def _cpu(pid: int) -> float:
    return proc_cpu_seconds(pid) or 0.0


def run(
    server: StreamlitServer, clicks: int = 30, span: float = 2.5, settle: float = 20, pace: float = 0.2
) -> FloodFigures:
    """The flood against a running server (its process id is measured)."""
    asyncio.run(_warm_up(server.ws_url))
    return asyncio.run(_run(server.pid, server.ws_url, clicks, span, settle, pace))


async def _warm_up(url: str) -> None:
    """One walk with one handout, so fonts and first-use costs are not counted as the flood's."""
    await _flood(url, 1, 0.1, linger=3.0)


def lines(figures: FloodFigures) -> list[str]:
    p95 = figures.visitor_p95_ms
    return [
        f"  {figures.clicks} clicks in {figures.span_s:g} s: {figures.documents_received} document(s) reached the "
        f"client; server CPU {figures.server_cpu_s:.1f} s",
        f"  threads {figures.threads_before} before, {figures.threads_peak} at the peak, "
        f"{figures.threads_after} after; "
        f"RSS {figures.rss_before_mib:.0f} / {figures.rss_peak_mib:.0f} / {figures.rss_after_mib:.0f} MiB; "
        f"back at their level {figures.back_after_s if figures.back_after_s is not None else 'not'} s after the "
        "client left",
        f"  second visitor p95: before {p95['before']:.0f} ms, during {p95['during']:.0f} ms, "
        f"after {p95['after']:.0f} ms (steps {figures.visitor_steps})",
    ]


def main() -> int:
    with StreamlitServer(ROOT / "serve.py", cwd=ROOT) as server:
        figures = run(server)
    print("\n".join(lines(figures)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
