"""The cluster part of the benchmark: replicas behind nginx (`make serve`), under load and through a failover.

- `ClusterServer` starts the supervisor exactly as `make serve` does (`python -m deploy.supervise`) on a
  free loopback port and stops it at the end (Ctrl+C), with its replicas and nginx.
- Load: `ws_load.run_level` with nginx as proxy, so every session first gets its route cookie.
- Failover: sessions that behave like Streamlit's frontend when their server goes away (`FailoverSession`):
  reconnect through nginx, send the interaction again and expect the calm page
  (ui/reconnect.py), then start again from the start page and walk to a result, as the page asks.
  One replica is killed while they walk; `run_failover` reports who was affected and how it ended.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from common import HOST, free_port, percentile, proc_cpu_seconds, proc_status_kib
from websockets.exceptions import ConnectionClosed
from ws_load import UNFINISHED, Screen, Session, WalkError, Widget, open_session

# The calm page's words, from ui/reconnect.py (read, not imported: the benchmark measures a snapshot).
LOST_TITLE = "Die Verbindung wurde unterbrochen – bitte neu beginnen"
RESTART_LABEL = "Neu beginnen"
RECONNECT_BUDGET_S = 30.0


class ClusterServer:
    """`python -m deploy.supervise --replicas N --port P` in `root`; stopped like Ctrl+C on exit."""

    def __init__(self, root: Path, replicas: int, start_timeout: float = 90) -> None:
        self.root, self.replicas, self.start_timeout = root, replicas, start_timeout
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.ws_url = f"ws://{HOST}:{self.port}/_stcore/stream"
        self.proxy = (HOST, self.port)
        self._dir = Path(tempfile.mkdtemp(prefix="lotse-bench-cluster-"))
        self.state_file = self._dir / "state.json"
        self.log = self._dir / "supervise.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> ClusterServer:
        command = [sys.executable, "-m", "deploy.supervise", "--replicas", str(self.replicas), "--port", str(self.port)]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [*command, "--state", str(self.state_file)], cwd=self.root, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + self.start_timeout
        while "Lotse läuft auf" not in self.log_text():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the cluster did not start:\n{self.log_text()}")
            time.sleep(0.1)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=30)
        for path in (self.log, self.state_file):
            path.unlink(missing_ok=True)
        self._dir.rmdir()

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:] if self.log.exists() else ""

    def state(self) -> dict[str, Any]:
        return json.loads(self.state_file.read_text(encoding="utf-8"))

    def pids(self) -> list[int]:
        state = self.state()
        return [state["nginx_pid"], *(r["pid"] for r in state["replicas"] if r["pid"])]

    def restarts(self) -> int:
        return sum(int(r["restarts"]) for r in self.state()["replicas"])

    def cpu_seconds(self) -> float | None:
        """Server CPU of the whole cluster: every replica and nginx's master (its workers are not counted)."""
        values = [proc_cpu_seconds(pid) for pid in self.pids()]
        return None if None in values else sum(v for v in values if v is not None)

    def rss_mib(self) -> float | None:
        values = [proc_status_kib(r["pid"], "VmRSS") for r in self.state()["replicas"] if r["pid"]]
        return None if not values or None in values else sum(v for v in values if v is not None) / 1024


# --- failover ---------------------------------------------------------------------------------------


class SessionLostError(Exception):
    """The session's server went away; the calm page was shown and "Neu beginnen" pressed."""


@dataclass
class FailoverOutcome:
    replica: str = ""
    """The route value (opaque, one per replica) the session's cookie held when it connected."""
    affected: bool = False
    calm_page: bool = False
    finished: bool = False
    error: str | None = None


class FailoverSession(Session):
    """Like Streamlit's frontend: when the websocket closes, reconnect (through nginx, with the cookie) and
    send the interaction again. A process that has never seen the session must answer with the calm page."""

    def __init__(
        self, url: str, proxy: tuple[str, int], cookie: str, rng: random.Random, latencies: list[float]
    ) -> None:
        self.url, self.proxy, self.cookie = url, proxy, cookie
        self.outcome = FailoverOutcome(replica=cookie.partition("=")[2])
        super().__init__(None, rng, 60, latencies)  # type: ignore[arg-type]  # connected in connect()

    async def connect(self) -> None:
        self.ws, self.cookie = await open_session(self.url, self.proxy, self.cookie)
        self.outcome.replica = self.outcome.replica or self.cookie.partition("=")[2]

    async def rerun(self, values: dict[str, Any], click: Widget | None = None) -> Screen:
        try:
            return await super().rerun(values, click)
        except ConnectionClosed:
            self.outcome.affected = True
        await self.reconnect()
        screen = await super().rerun(values, click)  # the same interaction, now on another replica
        if screen.title != LOST_TITLE:
            raise WalkError(f"after the reconnect: '{screen.title}' instead of the calm page")
        self.outcome.calm_page = True
        restart = screen.button(RESTART_LABEL)
        if restart is None:
            raise WalkError("the calm page has no restart button")
        await super().rerun({}, restart)
        raise SessionLostError

    async def reconnect(self) -> None:
        deadline = time.monotonic() + RECONNECT_BUDGET_S
        await asyncio.sleep(0.5)  # the frontend also waits a moment before it reconnects
        while True:
            try:
                await self.connect()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)

    async def walk(self, think: tuple[float, float]) -> None:
        try:
            await super().walk(think)
        except SessionLostError:
            await super().walk((0.0, 0.0) if think[1] == 0 else think)  # start again, as the calm page asks
        self.outcome.finished = True


@dataclass
class FailoverReport:
    sessions: int
    killed: str
    on_killed_replica: int = 0
    affected: int = 0
    calm_page: int = 0
    affected_finished_after_restart: int = 0
    unaffected_errors: int = 0
    other_errors: list[str] = field(default_factory=list)
    back_after_s: float | None = None
    p95_ms: float = float("nan")


async def _health_back(port: int, killed_at: float, budget: float) -> float | None:
    """Seconds from the kill until the replica's own /_stcore/health answers again (None: not in budget)."""
    while time.monotonic() - killed_at < budget:
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, port), 2)
            writer.write(f"GET /_stcore/health HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
            status = await asyncio.wait_for(reader.readline(), 2)
            writer.close()
            if b" 200 " in status:
                return time.monotonic() - killed_at
        except (OSError, TimeoutError):
            pass
        await asyncio.sleep(0.1)
    return None


async def _failover_session(
    cluster: ClusterServer, index: int, think: tuple[float, float], latencies: list[float], start: asyncio.Event
) -> FailoverOutcome:
    session = FailoverSession(cluster.ws_url, cluster.proxy, "", random.Random(index), latencies)
    try:
        await session.connect()
        await start.wait()
        await session.walk(think)
    except WalkError as exc:
        session.outcome.error = str(exc)
    except Exception as exc:
        session.outcome.error = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        if session.ws is not None:
            await session.ws.close()
    return session.outcome


async def run_failover(
    cluster: ClusterServer, sessions: int, think: tuple[float, float], kill_after: float, budget: float
) -> FailoverReport:
    """`sessions` paced walks through nginx; `kill_after` s into the walks one replica is killed (SIGKILL)."""
    latencies: list[float] = []
    start = asyncio.Event()
    tasks = [asyncio.create_task(_failover_session(cluster, i, think, latencies, start)) for i in range(sessions)]
    await asyncio.sleep(1.0)  # every client connects and gets its route cookie first
    start.set()
    await asyncio.sleep(kill_after)
    victim = next(r for r in cluster.state()["replicas"] if r["name"] == "r1")
    os.kill(victim["pid"], signal.SIGKILL)
    killed_at = time.monotonic()
    back = asyncio.create_task(_health_back(victim["port"], killed_at, budget))
    done, pending = await asyncio.wait(tasks, timeout=budget)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    outcomes = [t.result() if t in done else FailoverOutcome(error=UNFINISHED) for t in tasks]
    report = FailoverReport(sessions=sessions, killed=f"r1 (port {victim['port']})", back_after_s=await back)
    report.on_killed_replica = sum(1 for o in outcomes if o.replica == victim["route"])
    report.affected = sum(1 for o in outcomes if o.affected)
    report.calm_page = sum(1 for o in outcomes if o.affected and o.calm_page)
    report.affected_finished_after_restart = sum(1 for o in outcomes if o.affected and o.finished)
    report.unaffected_errors = sum(1 for o in outcomes if not o.affected and o.error)
    report.other_errors = sorted({o.error for o in outcomes if o.error})[:5]
    report.p95_ms = percentile(latencies, 0.95)
    return report
