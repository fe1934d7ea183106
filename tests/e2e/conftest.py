"""Fixtures for the browser tests: one Streamlit server and one Chromium per session.

- `server` starts `streamlit run serve.py` (app.py behind Lotse's guard, the command `make run` and
  `make serve` use) on a free loopback port with the production config from .streamlit/config.toml,
  its stdout/stderr in test-artifacts/server/streamlit.log, its HOME and TMPDIR in fresh temporary
  folders and the outbound-connection guard (outbound_guard.py) loaded as `sitecustomize`. It waits
  (bounded) for /_stcore/health and stops the server at the end.
- pytest-playwright launches Debian's chromium (never `playwright install`).
- Missing chromium or axe-core: the tests skip and say how to install it, except with CI=true, where
  they fail, so CI never goes green by skipping the browser.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from bench.common import CHROMIUM_ARGS
from lotse.content.loader import Content, load_content
from tests.e2e.lotse_ui import (
    ACTION_TIMEOUT_MS,
    ARTIFACTS,
    AXE_JS,
    NAVIGATION_TIMEOUT_MS,
    REPO,
    Shots,
    sanitize,
)
from tests.prerequisites import require

HEALTH_TIMEOUT_S = 45
STOP_TIMEOUT_S = 10
SERVER_ARTIFACTS = ARTIFACTS / "server"

expect.set_options(timeout=ACTION_TIMEOUT_MS)


def chromium_path() -> str:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


# --- browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright hook: Debian's chromium, without sandbox, GPU or background traffic."""
    executable = chromium_path()
    require(
        Path(executable).is_file() and os.access(executable, os.X_OK),
        f"chromium not found at {executable}: install it with `sudo apt-get install chromium` "
        "(or `make test` as root), or point $CHROMIUM at a Chromium binary. Never `playwright install`.",
    )
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(
        AXE_JS.is_file(),
        f"axe-core missing ({AXE_JS.relative_to(REPO)}): run `npm ci` in the repository (or `make test`).",
    )
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture
def open_page(browser: Browser, server: Server) -> Iterator[Callable[..., Page]]:
    """Factory for a fresh page (own context: own cookies, own Streamlit session) at a viewport."""
    contexts: list[BrowserContext] = []

    def _open(viewport: dict[str, int] | None = None) -> Page:
        context = browser.new_context(
            viewport=viewport or {"width": 1280, "height": 800}, locale="de-DE", timezone_id="Europe/Berlin"
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def shots_dir(request: pytest.FixtureRequest) -> Path:
    folder = ARTIFACTS / "screenshots" / sanitize(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    return folder


@pytest.fixture
def make_shots(shots_dir: Path) -> Callable[[Page], Shots]:
    return lambda page: Shots(page, shots_dir)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(REPO)


# --- server ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    pid: int
    log: Path
    """stdout and stderr of the server."""
    outbound_log: Path
    """One JSON line per refused non-loopback connection or lookup (see outbound_guard.py)."""
    guard_armed: Path
    """Process ids in which the guard was installed."""
    home: Path
    tmpdir: Path
    home_before: dict[str, tuple[int, int]]
    tmpdir_before: dict[str, tuple[int, int]]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def snapshot(root: Path, exclude: tuple[str, ...] = ()) -> dict[str, tuple[int, int]]:
    """Relative path -> (size, mtime_ns) of every file under root, skipping top-level names in exclude."""
    files: dict[str, tuple[int, int]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d not in exclude]
        for name in filenames:
            path = Path(dirpath) / name
            relative = str(path.relative_to(root))
            if relative in exclude:
                continue
            try:
                stat = path.lstat()
            except FileNotFoundError:  # removed while walking
                continue
            files[relative] = (stat.st_size, stat.st_mtime_ns)
    return files


def wait_for_health(url: str, process: subprocess.Popen, log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer from {url}/_stcore/health within {timeout_s} s:\n{log.read_text()}")
        time.sleep(0.1)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


def guarded_env(workdir: Path, outbound_log: Path, armed: Path) -> dict[str, str]:
    """Environment for a server under test: own HOME and TMPDIR, the outbound guard as sitecustomize."""
    site, home, tmp = workdir / "site", workdir / "home", workdir / "tmp"
    for folder in (site, home, tmp):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).with_name("outbound_guard.py"), site / "sitecustomize.py")
    env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}  # only config.toml counts
    env.update(
        HOME=str(home),
        TMPDIR=str(tmp),
        PYTHONPATH=os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])),
        PYTHONUNBUFFERED="1",
        LOTSE_OUTBOUND_LOG=str(outbound_log),
        LOTSE_GUARD_ARMED=str(armed),
    )
    return env


def start_streamlit(
    script: str, cwd: Path, env: dict[str, str], log: Path, port: int, extra: list[str]
) -> subprocess.Popen:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), *extra],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`streamlit run serve.py` as in production (config.toml), headless on a free loopback port."""
    workdir = tmp_path_factory.mktemp("server")
    outbound_log, armed, log = (SERVER_ARTIFACTS / n for n in ("outbound.jsonl", "guard-armed.txt", "streamlit.log"))
    SERVER_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in (outbound_log, armed):
        stale.unlink(missing_ok=True)
    outbound_log.touch()
    env = guarded_env(workdir, outbound_log, armed)
    home_before, tmpdir_before = snapshot(workdir / "home"), snapshot(workdir / "tmp")
    port = free_port()
    process = start_streamlit(
        "serve.py", REPO, env, log, port, ["--server.headless", "true", "--server.address", "127.0.0.1"]
    )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for_health(url, process, log, HEALTH_TIMEOUT_S)
        yield Server(
            url=url,
            port=port,
            pid=process.pid,
            log=log,
            outbound_log=outbound_log,
            guard_armed=armed,
            home=workdir / "home",
            tmpdir=workdir / "tmp",
            home_before=home_before,
            tmpdir_before=tmpdir_before,
        )
    finally:
        stop(process)
