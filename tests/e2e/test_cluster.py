"""Several Lotse processes behind nginx (`make serve`): stickiness, failover without harm, clean stops.

The cluster is started as `make serve` starts it (`python -m deploy.supervise`, two replicas) on free
loopback ports, with the outbound guard of the other browser tests in every replica. In Chromium, a
person walks into the wizard through nginx; the test kills the replica that holds the session. The next
click shows the calm page ("Die Verbindung wurde unterbrochen – bitte neu beginnen"), with none of the
earlier answers and no traceback; "Neu beginnen" leads to a fresh walk that reaches a result, while the
supervisor restarts the dead replica. Without nginx the tests skip and say how to install it; with
CI=true that is a failure.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from websockets.asyncio.client import connect
from websockets.typing import Subprotocol

from bench.ws_load import NEXT_LABELS, START_LABEL, Screen, Session, Widget
from deploy.supervise import find_nginx, port_is_free
from lotse.content.loader import Content
from tests.e2e.conftest import Server, free_port, guarded_env, require
from tests.e2e.lotse_ui import (
    ACTION_TIMEOUT_MS,
    ARTIFACTS,
    DESKTOP,
    NAVIGATION_TIMEOUT_MS,
    REPO,
    Wizard,
    main_text,
    wait_idle,
)

pytestmark = pytest.mark.e2e

START_TIMEOUT_S = 90
ANSWERS: dict[str, str | list[str]] = {
    "incident": ["stalking"],
    "danger": "no",
    "channel": ["in_person"],
    "state": "HB",
    "police": "yes",
    "author_known": "no",
}
TRACEBACK_WORDS = ("Traceback", "Error", "Exception", 'File "')

LOST_TITLE = "Die Verbindung wurde unterbrochen – bitte neu beginnen"  # texts/de.yaml: app.lost_title
RESTART_LABEL = "Neu beginnen"  # app.lost_restart


@dataclass(frozen=True)
class Cluster:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    state_file: Path
    log: Path
    outbound_log: Path
    armed: Path

    def state(self) -> dict[str, Any]:
        return json.loads(self.state_file.read_text(encoding="utf-8"))

    def replica(self, route: str) -> dict[str, Any]:
        """The replica whose route value (the `lotse_route` cookie) is `route`."""
        return next(r for r in self.state()["replicas"] if r["route"] == route)


def wait_for(condition: Any, what: str, timeout_s: float = START_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, f"timed out after {timeout_s:.0f} s waiting for {what}"
        time.sleep(0.1)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"


def start_cluster(workdir: Path, replicas: int = 2) -> Cluster:
    require(
        find_nginx() is not None,
        "nginx not found: install it with `sudo apt-get install nginx` (or run `make test` as root)",
    )
    log = ARTIFACTS / "cluster" / "supervise.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    outbound_log, armed, state_file = workdir / "outbound.jsonl", workdir / "armed.txt", workdir / "state.json"
    outbound_log.touch()
    env = guarded_env(workdir / "env", outbound_log, armed)
    port = free_port()
    command = [sys.executable, "-m", "deploy.supervise", "--replicas", str(replicas), "--port", str(port)]
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [*command, "--state", str(state_file)], cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    cluster = Cluster(f"http://127.0.0.1:{port}", port, process, state_file, log, outbound_log, armed)
    wait_for(lambda: process.poll() is not None or "Lotse läuft auf" in log.read_text(), "the cluster to start")
    assert process.poll() is None, f"the supervisor exited:\n{log.read_text()}"
    return cluster


def stop_cluster(cluster: Cluster) -> int:
    if cluster.process.poll() is None:
        cluster.process.send_signal(signal.SIGINT)  # as Ctrl+C in the terminal
        try:
            cluster.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            cluster.process.kill()
            cluster.process.wait(timeout=30)
    return int(cluster.process.returncode)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    running = start_cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield running
    finally:
        stop_cluster(running)


@pytest.fixture
def cluster_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP, locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def route_of(page: Page) -> str:
    cookies = {c["name"]: c for c in page.context.cookies()}
    cookie = cookies["lotse_route"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/", cookie
    assert cookie["expires"] == -1, "the route cookie must end with the browser session"
    return str(cookie["value"])


def walk_to_result(wizard: Wizard) -> None:
    wizard.start()
    for node_id, value in ANSWERS.items():
        wizard.answer(node_id, value)
    wizard.show_result()


# --- in the browser ---------------------------------------------------------------------------------


def test_a_killed_replica_costs_its_users_one_calm_page_and_nothing_else(
    cluster: Cluster, cluster_page: Page, content: Content
) -> None:
    page = cluster_page
    wizard = Wizard(page, content)
    wizard.open(cluster.url)
    wizard.start()
    wizard.answer("incident", ANSWERS["incident"])
    wizard.expect_screen("danger")
    wizard.choose("danger", "no")
    wait_idle(page)  # no click on its way: the calm page must come from the next one
    route = route_of(page)
    victim = cluster.replica(route)
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    os.kill(victim["pid"], signal.SIGKILL)
    wait_for(lambda: not alive(victim["pid"]), "the replica to die")
    # A click in the moment before the browser notices is sent into the closing websocket and lost (the
    # person clicks again). The test clicks once the browser has reconnected, through nginx, elsewhere.
    for _ in range(300):
        if sockets:
            break
        page.wait_for_timeout(100)
    assert sockets, "the browser did not reconnect within 30 s"
    wait_idle(page)

    # Sometimes the browser re-sends its last run after reconnecting, and the calm page comes by itself;
    # otherwise it comes with the person's next click.
    lost, forward = page.get_by_role("heading", level=1, name=LOST_TITLE), wizard.button(NEXT_LABELS[0])
    expect(lost.or_(forward)).to_be_visible()
    if forward.is_visible():
        with contextlib.suppress(PlaywrightTimeoutError):  # gone if the calm page came meanwhile
            forward.click(timeout=5_000)
    expect(lost).to_be_visible()
    wait_idle(page)  # the old screen's elements are gone once the run has finished
    text = main_text(page)
    questions = content.questions()
    for shown in (questions["incident"].label_of("stalking"), questions["danger"].text, "Frage 2 von"):
        assert shown not in text, f"the calm page still shows {shown!r}"
    assert not any(word in text for word in TRACEBACK_WORDS), text
    assert route_of(page) != route, "the browser must now be pinned to the replica that answered"

    page.get_by_role("button", name=RESTART_LABEL, exact=True).click()
    wizard.expect_start()
    walk_to_result(wizard)

    wait_for(lambda: cluster.replica(route)["restarts"] == 1 and cluster.replica(route)["healthy"], "the restart")
    assert "ist beendet (Code -9); Neustart." in cluster.log.read_text()


def test_through_nginx_every_response_keeps_the_security_headers_and_no_answer_leaves_a_trace(
    cluster: Cluster, cluster_page: Page, content: Content
) -> None:
    page = cluster_page
    documents = []
    page.on("response", lambda r: documents.append(r) if r.request.resource_type == "document" else None)
    wizard = Wizard(page, content)
    wizard.open(cluster.url)
    walk_to_result(wizard)
    headers = documents[0].headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY" and headers["referrer-policy"] == "no-referrer"
    assert headers["server"] == "nginx", "nginx names neither its version nor the replica's server"
    questions = content.questions()
    chosen = [questions["incident"].label_of("stalking"), questions["state"].label_of("HB")]
    log = cluster.log.read_text(encoding="utf-8")
    assert not [answer for answer in chosen if answer in log], "an answer reached the log of nginx or a replica"
    assert cluster.outbound_log.read_text() == "", "a replica tried to connect to another host"
    armed = set(cluster.armed.read_text().split())
    assert {str(r["pid"]) for r in cluster.state()["replicas"]} <= armed, "the outbound guard is not in every replica"


# --- over HTTP and the websocket ---------------------------------------------------------------------


def in_thread(coroutine: Any) -> Any:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result(timeout=120)


async def reconnect_with(url: str, values: dict[str, Any], click: str | None) -> Screen:
    """A new session (as after a failover) whose first run carries these widget values and a click."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(1), 60, [])
        return await session.rerun(values, None if click is None else Widget(click, NEXT_LABELS[0]))


async def first_screens(url: str) -> tuple[Screen, Screen, dict[str, Any], str]:
    """Walk one session to the second question; return its screens, widget values and the 'Weiter' id."""
    async with connect(url, subprotocols=[Subprotocol("streamlit")], max_size=None, open_timeout=30) as ws:
        session = Session(ws, random.Random(2), 60, [])
        start = await session.rerun({})
        start_button = start.button(START_LABEL)
        assert start_button is not None
        first = await session.rerun({}, start_button)  # "Start" answers the first question: for oneself
        values: dict[str, Any] = {first.checkboxes[0].id: True}
        first = await session.rerun(values)
        weiter = first.button(NEXT_LABELS[0])
        assert weiter is not None
        second = await session.rerun(values, weiter)
        radio = second.radios[0]
        values = {radio.id: radio.options[-1]}
        second = await session.rerun(values)
        forward = second.button(NEXT_LABELS[0])
        assert forward is not None
        return start, second, values, forward.id


def test_a_session_new_to_the_process_that_brings_widget_values_gets_the_calm_page(server: Server) -> None:
    """The detection itself, on one process: what a reconnect after a failover looks like to the server."""
    url = f"ws://127.0.0.1:{server.port}/_stcore/stream"
    start, second, values, forward = in_thread(first_screens(url))
    assert start.title != LOST_TITLE and second.title not in {LOST_TITLE, ""}
    lost = in_thread(reconnect_with(url, values, forward))
    assert lost.title == LOST_TITLE
    assert lost.button(RESTART_LABEL) is not None and lost.radios == [] and lost.checkboxes == []
    fresh = in_thread(reconnect_with(url, {}, None))
    assert fresh.title == start.title, "a fresh visit must start normally"


def test_a_second_start_on_a_busy_port_says_so(cluster: Cluster) -> None:
    done = subprocess.run(
        ["make", "--no-print-directory", "serve", f"PORT={cluster.port}", "REPLICAS=1"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert f"Port {cluster.port} ist schon belegt" in done.stderr, done.stdout + done.stderr


def test_ctrl_c_stops_everything_it_started(tmp_path: Path) -> None:
    cluster = start_cluster(tmp_path, replicas=1)
    state = cluster.state()
    pids = [state["nginx_pid"], *(r["pid"] for r in state["replicas"])]
    run_folder = tmp_path / "env" / "tmp"  # the supervisor's TMPDIR (guarded_env)
    assert [p.name[: len("lotse-serve-")] for p in run_folder.iterdir()] == ["lotse-serve-"]
    assert stop_cluster(cluster) == 0
    wait_for(lambda: not any(alive(pid) for pid in pids), "every process to end", 30)
    assert not cluster.state_file.exists()
    assert list(run_folder.iterdir()) == [], "the supervisor left its run folder behind"
    assert port_is_free("127.0.0.1", cluster.port)


# --- the route cookie and the per-client limits (plain HTTP through nginx) ------------------------------


def health(cluster: Cluster, headers: dict[str, str], path: str = "/_stcore/health") -> tuple[int, str, str]:
    """Status, the `lotse_route` Set-Cookie header ("" for none) and body of a GET through nginx."""
    request = urllib.request.Request(cluster.url + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            status, head, body = answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as refused:
        status, head, body = refused.code, refused.headers, refused.read().decode()
    route = [c for c in head.get_all("Set-Cookie") or [] if c.startswith("lotse_route=")]
    return status, (route or [""])[0], body


def test_the_route_cookie_names_no_replica_and_is_secure_behind_https(cluster: Cluster) -> None:
    _, cookie, _ = health(cluster, {})
    value = cookie.split(";", 1)[0].removeprefix("lotse_route=")
    assert re.fullmatch(r"[0-9a-f]{32}", value), cookie
    assert value in {replica["route"] for replica in cluster.state()["replicas"]}
    assert "Secure" not in cookie
    assert health(cluster, {"X-Forwarded-Proto": "https"})[1].endswith("; Secure")
    assert health(cluster, {"Cookie": f"lotse_route={value}"})[1] == "", "a valid route keeps its cookie"
    for name in ("r1", "r2", "lotse_r1"):
        renamed = health(cluster, {"Cookie": f"lotse_route={name}"})[1]
        assert renamed.startswith("lotse_route=") and name not in renamed, "a replica's name routes nowhere"


def test_one_client_opening_sessions_in_a_loop_is_slowed_and_no_one_else(cluster: Cluster) -> None:
    """200 requests for the websocket's address from one client, as fast as they go: the first 60 pass,
    most of the rest get nginx's calm 429 page; another client and a loopback client are not refused."""
    looping = {"X-Forwarded-For": "203.0.113.7"}
    statuses = [health(cluster, looping, "/_stcore/stream")[0] for _ in range(200)]
    assert 429 not in statuses[:60]
    assert statuses.count(429) >= 100, statuses
    status, _, body = health(cluster, looping, "/_stcore/stream")
    assert status == 429 and "Im Notfall: Polizei 110" in body
    assert health(cluster, {"X-Forwarded-For": "198.51.100.20"}, "/_stcore/stream")[0] != 429
    assert health(cluster, {}, "/_stcore/stream")[0] != 429
    assert health(cluster, looping)[0] == 200, "the session limit counts websockets only"
