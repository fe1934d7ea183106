"""Websocket handshakes against the real server (`streamlit run serve.py`) whose name lookups never answer.

The server runs with the outbound guard (outbound_guard.py) in hang mode: a lookup of any name that is
not loopback records itself and then waits HANG_S seconds, as a resolver that never answers would; and,
where `strace` is installed, under `strace -f -e trace=connect`, which sees every connect() of every
thread, also those that do not go through Python's socket module. Issue 19: Streamlit's own Origin check
asked checkip.amazonaws.com on every foreign handshake and froze the process for 12 s with such a resolver.

- A foreign Origin (another site, another port on localhost, `null`, two Origin headers) is refused with
  403 before Streamlit sees it: the answer comes long before a single lookup could have ended, and the
  guard's log of outbound attempts stays empty.
- The page's own origin opens; a broken handshake gets 400 at once; a visitor who leaves writes no log line.
- No connect() of the whole run went anywhere but loopback (or a Unix socket).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from tests.e2e.conftest import (
    HEALTH_TIMEOUT_S,
    REPO,
    SERVER_ARTIFACTS,
    free_port,
    guarded_env,
    stop,
    wait_for_health,
)

pytestmark = pytest.mark.e2e

HANG_S = 60
"""How long a lookup waits in this server: far beyond ANSWER_WITHIN_S."""
ANSWER_WITHIN_S = 10
"""A handshake answered later than this waited for something (Streamlit's own check took 12.3 s)."""
KEY = "dGhlIHNhbXBsZSBub25jZQ=="


@dataclass(frozen=True)
class Hung:
    port: int
    log: Path
    outbound_log: Path
    trace: Path | None


@pytest.fixture(scope="module")
def hung(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hung]:
    workdir = tmp_path_factory.mktemp("origin")
    folder = SERVER_ARTIFACTS / "origin"
    folder.mkdir(parents=True, exist_ok=True)
    outbound_log, log, trace = folder / "outbound.jsonl", folder / "streamlit.log", folder / "connect.strace"
    for stale in (outbound_log, trace):
        stale.unlink(missing_ok=True)
    outbound_log.touch()
    env = guarded_env(workdir, outbound_log, folder / "guard-armed.txt") | {"LOTSE_OUTBOUND_HANG": str(HANG_S)}
    strace = shutil.which("strace")
    prefix = [strace, "-f", "-qq", "-e", "trace=connect", "-e", "signal=none", "-o", str(trace)] if strace else []
    port = free_port()
    command = [*prefix, *streamlit_command(port)]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            command, cwd=REPO, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True
        )
    try:
        wait_for_health(f"http://127.0.0.1:{port}", process, log, HEALTH_TIMEOUT_S * 2)
        yield Hung(port, log, outbound_log, trace if strace else None)
    finally:
        # The whole group: stopping strace alone detaches it and leaves the traced server running.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        stop(process)


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "serve.py",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
    ]


def handshake(port: int, *headers: str, request: str | None = None) -> str:
    """The status line the server answers a raw websocket handshake with ('' if it closed silently)."""
    lines = [
        "GET /_stcore/stream HTTP/1.1",
        f"Host: 127.0.0.1:{port}",
        "Upgrade: websocket",
        "Connection: Upgrade",
        "Sec-WebSocket-Version: 13",
        f"Sec-WebSocket-Key: {KEY}",
        "Sec-WebSocket-Protocol: streamlit",
        *headers,
    ]
    with socket.create_connection(("127.0.0.1", port), timeout=ANSWER_WITHIN_S) as sock:
        sock.sendall((request or "\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        try:
            answer = sock.recv(200)
        except TimeoutError:
            return f"no answer within {ANSWER_WITHIN_S} s"
    return answer.split(b"\r\n")[0].decode("latin-1")


FOREIGN = {
    "another site": ["Origin: https://evil.example"],
    "localhost, another port": ["Origin: http://localhost:9999"],
    "loopback, another port": ["Origin: http://127.0.0.1:1"],
    "a path, not an origin": ["Origin: http://127.0.0.1:{port}/x"],
    "user info": ["Origin: http://evil@127.0.0.1:{port}"],
    "null": ["Origin: null"],
}


@pytest.mark.parametrize("headers", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_foreign_origin_is_refused_at_once_without_a_lookup(hung: Hung, headers: list[str]) -> None:
    status = handshake(hung.port, *(header.format(port=hung.port) for header in headers))
    assert status == "HTTP/1.1 403 Forbidden"
    assert hung.outbound_log.read_text(encoding="utf-8") == "", "the server tried to reach a third party"


@pytest.mark.parametrize("origin", ["Origin: http://127.0.0.1:{port}", None], ids=["own origin", "no origin"])
def test_the_pages_own_origin_opens(hung: Hung, origin: str | None) -> None:
    headers = [origin.format(port=hung.port)] if origin else []
    assert handshake(hung.port, *headers) == "HTTP/1.1 101 Switching Protocols"


def test_a_broken_handshake_is_answered_at_once(hung: Hung) -> None:
    two_origins = ("Origin: https://evil.example", f"Origin: http://127.0.0.1:{hung.port}")
    assert handshake(hung.port, *two_origins) == "HTTP/1.1 400 Bad Request"  # the websockets library
    assert handshake(hung.port, "Content-Length: 10") == "HTTP/1.1 400 Bad Request"
    no_key = "GET /_stcore/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    assert handshake(hung.port, request=no_key) == "HTTP/1.1 400 Bad Request"


async def visit_and_leave(port: int) -> None:
    url, origin = f"ws://127.0.0.1:{port}/_stcore/stream", f"http://127.0.0.1:{port}"
    async with connect(url, subprotocols=[Subprotocol("streamlit")], origin=origin, open_timeout=30) as ws:  # type: ignore[arg-type]
        await asyncio.sleep(1)
        await ws.close()
    await asyncio.sleep(1)


def test_a_visitor_who_leaves_writes_no_log_line(hung: Hung) -> None:
    before = hung.log.read_text(encoding="utf-8", errors="replace")
    # Its own thread: the browser tests' sync Playwright keeps an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, visit_and_leave(hung.port)).result()
    new = hung.log.read_text(encoding="utf-8", errors="replace")[len(before) :]
    assert "not a Streamlit message" not in new, new


LOOPBACK = re.compile(r'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"|inet_pton\(AF_INET6, "::ffff:127\.')


def test_no_connection_leaves_the_machine(hung: Hung) -> None:
    """Runs after the handshakes above (same module): every connect() so far went to loopback."""
    if hung.trace is None:
        pytest.skip("strace is not installed: the outbound guard's log (empty, see above) is the only witness")
    handshake(hung.port, "Origin: https://evil.example")
    assert hung.trace.exists(), "strace wrote no file: it did not trace the server"
    calls = [line for line in hung.trace.read_text(encoding="utf-8").splitlines() if "connect(" in line]
    assert [line for line in calls if "AF_INET" in line and not LOOPBACK.search(line)] == []
