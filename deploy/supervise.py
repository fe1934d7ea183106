"""`make serve`: N Lotse processes behind nginx, watched and restarted. Usage:

    python -m deploy.supervise --replicas 2 --port 8501 [--host 127.0.0.1] [--state FILE] [--trusted-proxy NET]

Each replica is `streamlit run serve.py` (the same command as `make run`, the tests and the container)
on a free loopback port, with the production settings of .streamlit/config.toml. nginx listens on
host:port, sends each browser back to the replica that holds its session (a cookie naming the replica,
see deploy/nginx.conf.template and docs/operations.md) and passes requests on to another replica when
one does not answer. The supervisor checks every replica's /_stcore/health once a second; a replica that
exits, has not answered for 30 s, or does not answer within a minute of its start is killed and started
again on its port. Ctrl+C (or SIGTERM)
stops everything it started. Everything nginx needs lives in a fresh temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import ipaddress
import json
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
LOOPBACK = "127.0.0.1"

CHECK_INTERVAL_S = 1.0
CHECK_TIMEOUT_S = 5.0
# A replica under heavy load answers its health check late, but it answers. Killing it then would turn a
# slow minute into lost sessions (the benchmark did exactly that with a 3-check rule), so only a replica
# that has not answered once for this long counts as hung.
UNRESPONSIVE_S = 30.0
START_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
MAX_BACKOFF_S = 30.0
PASSIVE_CHECK = "max_fails=1 fail_timeout=5s"
STREAMLIT_BANNER = ("You can now view your Streamlit app in your browser.", "URL: http")


# --- nginx configuration ---------------------------------------------------------------------------


def new_route() -> str:
    """An opaque route value: a browser learns the one of its replica, never how to name another."""
    return secrets.token_hex(16)


@dataclass
class Replica:
    name: str
    port: int
    process: subprocess.Popen[bytes] | None = None
    restarts: int = 0
    healthy: bool = False
    started_at: float = 0.0
    answered_at: float = 0.0
    next_start: float = 0.0
    backoff_s: float = 1.0
    route: str = field(default_factory=new_route)
    """The `lotse_route` cookie's value for this replica, new with every start of the supervisor."""

    @property
    def address(self) -> str:
        return f"{LOOPBACK}:{self.port}"


def render_nginx_conf(
    replicas: Sequence[Replica],
    listen: str,
    run_dir: Path,
    template: Path = TEMPLATE,
    trusted_proxies: Sequence[str] = (),
) -> str:
    """The template with its placeholders filled for these replicas (see the template's header)."""
    pinned = []
    for replica in replicas:
        others = [r for r in replicas if r is not replica]
        lines = [f"    upstream lotse_{replica.name} {{", f"        server {replica.address} {PASSIVE_CHECK};"]
        lines += [f"        server {other.address} {PASSIVE_CHECK} backup;" for other in others]
        lines += ["        keepalive 8;", "    }"]
        pinned.append("\n".join(lines))
    fill = {
        "@@RUN_DIR@@": str(run_dir),
        "@@LISTEN@@": listen,
        "@@ROUTES@@": "\n".join(f"        {r.route} lotse_{r.name};" for r in replicas),
        "@@SERVED_BY@@": "\n".join(f'        "~{r.address.replace(".", chr(92) + ".")}$" {r.route};' for r in replicas),
        "@@REAL_IP_FROM@@": "\n".join(f"    set_real_ip_from {proxy};" for proxy in trusted_proxies),
        "@@UNLIMITED@@": "\n".join(f"        {proxy} 1;" for proxy in trusted_proxies),
        "@@SERVERS@@": "\n".join(f"        server {r.address} {PASSIVE_CHECK};" for r in replicas),
        "@@PINNED_UPSTREAMS@@": "\n\n".join(pinned),
    }
    text = template.read_text(encoding="utf-8")
    for placeholder, value in fill.items():
        text = text.replace(placeholder, value)
    return text


def find_nginx() -> str | None:
    """Debian installs nginx in /usr/sbin, which is not on every user's PATH."""
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")


# --- ports and processes ---------------------------------------------------------------------------


def port_is_free(host: str, port: int) -> bool:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx binds: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in {errno.EADDRINUSE, errno.EACCES}:
                return False
            raise
    return True


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


_PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent() -> None:
    """Runs in the child before exec: if the supervisor is killed outright, its children go with it."""
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def spawn(command: list[str], name: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=_die_with_parent,  # noqa: PLW1509 - it only calls prctl, which takes no lock a thread could hold
        start_new_session=True,  # Ctrl+C reaches the supervisor only, which then stops everything in order
    )
    assert process.stdout is not None
    threading.Thread(target=_relay, args=(process.stdout, name), daemon=True).start()
    return process


def _relay(stream: IO[bytes], name: str) -> None:
    """Copy a child's output to ours, each line marked with the child's name; Streamlit's banner (which
    names the replica's own port, not the one to open) is left out."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", errors="replace").rstrip()
        if line and not line.strip().startswith(STREAMLIT_BANNER):
            print(f"[{name}] {line}", flush=True)


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{LOOPBACK}:{port}/_stcore/health", timeout=CHECK_TIMEOUT_S) as answer:
            return answer.status == 200 and answer.read().strip() == b"ok"
    except OSError:
        return False


def stop_process(process: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_TIMEOUT_S)


# --- the supervisor --------------------------------------------------------------------------------


class StartError(Exception):
    """Lotse could not be started; the message says why (German, for the person at the terminal)."""


@dataclass
class Supervisor:
    replicas: list[Replica]
    host: str
    port: int
    nginx: str
    state_file: Path | None = None
    trusted_proxies: Sequence[str] = ()
    """Networks of TLS proxies whose X-Forwarded-For names the client for nginx's limits (loopback always)."""
    run_dir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="lotse-serve-")))
    nginx_process: subprocess.Popen[bytes] | None = None
    stopping: bool = False

    @property
    def url(self) -> str:
        return f"http://{'localhost' if self.host == LOOPBACK else self.host}:{self.port}"

    def replica_command(self, replica: Replica) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(replica.port)]

    def start_replica(self, replica: Replica) -> None:
        replica.process = spawn(self.replica_command(replica), replica.name)
        replica.healthy, replica.started_at = False, time.monotonic()
        self.write_state()

    def start(self) -> None:
        # nginx's workers run as an unprivileged user when the supervisor is root: they must be able to
        # pass through this folder to the temporary files nginx keeps there, but not to list it.
        self.run_dir.chmod(0o711)
        for replica in self.replicas:
            self.start_replica(replica)
        deadline = time.monotonic() + START_TIMEOUT_S
        for replica in self.replicas:
            self.wait_until_healthy(replica.port, replica.process, f"Prozess {replica.name}", deadline)
            replica.healthy, replica.answered_at = True, time.monotonic()
        conf = self.run_dir / "nginx.conf"
        conf.write_text(
            render_nginx_conf(
                self.replicas, f"{self.host}:{self.port}", self.run_dir, trusted_proxies=self.trusted_proxies
            ),
            encoding="utf-8",
        )
        command = [self.nginx, "-e", "stderr", "-p", str(self.run_dir), "-c", str(conf)]
        self.nginx_process = spawn(command, "nginx")
        self.wait_until_healthy(self.port, self.nginx_process, "nginx", deadline)
        self.write_state()
        print(
            f"Lotse läuft auf {self.url}: {len(self.replicas)} Prozesse hinter nginx (beenden mit Strg+C).",
            flush=True,
        )

    def wait_until_healthy(
        self, port: int, process: subprocess.Popen[bytes] | None, name: str, deadline: float
    ) -> None:
        while not healthy(port):
            if process is not None and process.poll() is not None:
                raise StartError(f"{name} ist beim Start beendet (Code {process.returncode}).")
            if self.stopping:
                raise StartError("Start abgebrochen.")
            if time.monotonic() > deadline:
                raise StartError(f"{name} antwortet auf Port {port} nach {START_TIMEOUT_S:.0f} s noch nicht.")
            time.sleep(0.1)

    def watch_once(self) -> None:
        """One round: restart replicas that exited or stopped answering; note the ones that answer again."""
        now = time.monotonic()
        for replica in self.replicas:
            process = replica.process
            if process is None:
                if now >= replica.next_start:
                    self.start_replica(replica)
                continue
            code = process.poll()
            if code is None and healthy(replica.port):
                replica.answered_at = time.monotonic()
                if not replica.healthy:
                    print(f"Prozess {replica.name} (Port {replica.port}) antwortet wieder.", flush=True)
                    replica.healthy, replica.backoff_s = True, 1.0
                    self.write_state()
                continue
            if code is None:
                starting = not replica.healthy and now - replica.started_at < START_TIMEOUT_S
                if starting or (replica.healthy and now - replica.answered_at < UNRESPONSIVE_S):
                    continue
                print(f"Prozess {replica.name} (Port {replica.port}) antwortet nicht mehr; Neustart.", flush=True)
                stop_process(process, signal.SIGKILL)
            else:
                print(f"Prozess {replica.name} (Port {replica.port}) ist beendet (Code {code}); Neustart.", flush=True)
            replica.process, replica.healthy = None, False
            replica.restarts += 1
            replica.next_start = now + (0 if replica.restarts == 1 else replica.backoff_s)
            replica.backoff_s = min(replica.backoff_s * 2, MAX_BACKOFF_S)
            self.write_state()

    def run(self) -> int:
        self.start()
        while not self.stopping:
            if self.nginx_process is not None and self.nginx_process.poll() is not None:
                print(f"nginx ist beendet (Code {self.nginx_process.returncode}); Lotse wird gestoppt.", flush=True)
                return 1
            self.watch_once()
            time.sleep(CHECK_INTERVAL_S)
        return 0

    def stop(self) -> None:
        self.stopping = True
        stop_process(self.nginx_process)
        for replica in self.replicas:
            stop_process(replica.process)
        shutil.rmtree(self.run_dir, ignore_errors=True)
        if self.state_file is not None:
            self.state_file.unlink(missing_ok=True)

    def write_state(self) -> None:
        """Who runs where, for tests and the benchmark (which kill a replica on purpose)."""
        if self.state_file is None:
            return
        state = {
            "url": self.url,
            "nginx_pid": self.nginx_process.pid if self.nginx_process else None,
            "replicas": [
                {
                    "name": r.name,
                    "route": r.route,
                    "port": r.port,
                    "pid": r.process.pid if r.process else None,
                    "healthy": r.healthy,
                    "restarts": r.restarts,
                }
                for r in self.replicas
            ],
        }
        partial = self.state_file.with_suffix(".partial")
        partial.write_text(json.dumps(state, indent=2), encoding="utf-8")
        partial.replace(self.state_file)


def network(text: str) -> str:
    """A network in CIDR notation as nginx writes it (anything else is refused before it reaches nginx)."""
    try:
        return str(ipaddress.ip_network(text, strict=False))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' ist kein Netz wie 172.16.0.0/12.") from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=2, help="number of Streamlit processes (default 2)")
    parser.add_argument("--port", type=int, default=8501, help="port nginx listens on (default 8501)")
    parser.add_argument("--host", default=LOOPBACK, help="address nginx listens on (default 127.0.0.1)")
    parser.add_argument("--state", type=Path, help="write who runs where to this JSON file (for tests)")
    parser.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        type=network,
        help="network of a TLS proxy that names the client in X-Forwarded-For (loopback is always trusted)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.replicas < 1:
        print("Es braucht mindestens einen Prozess: REPLICAS=1 oder mehr.", file=sys.stderr)
        return 2
    nginx = find_nginx()
    if nginx is None:
        print(
            "nginx fehlt: bitte installieren (sudo apt-get install nginx) oder make serve als root aufrufen.",
            file=sys.stderr,
        )
        return 1
    if not port_is_free(args.host, args.port):
        print(
            f"Port {args.port} ist schon belegt (läuft Lotse dort schon?). "
            f"Bitte einen freien Port wählen, z. B. make serve PORT={args.port + 1}.",
            file=sys.stderr,
        )
        return 1
    replicas = [Replica(f"r{i}", free_loopback_port()) for i in range(1, args.replicas + 1)]
    supervisor = Supervisor(replicas, args.host, args.port, nginx, args.state, args.trusted_proxy)

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        supervisor.stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        return supervisor.run()
    except StartError as failure:
        print(failure, file=sys.stderr)
        return 1
    finally:
        print("Lotse wird gestoppt …", flush=True)
        supervisor.stop()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
