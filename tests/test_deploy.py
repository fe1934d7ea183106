"""The deployment files: the nginx template (every directive explained in docs/operations.md, valid for
nginx, private: no access log, no client addresses, loopback only), the guard's headers, and the
container files, which must start what `make serve` starts."""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from pathlib import Path

import pytest
import yaml

from deploy.guard import HEADERS, reachable
from deploy.supervise import (
    LOOPBACK,
    START_TIMEOUT_S,
    UNRESPONSIVE_S,
    Replica,
    Supervisor,
    find_nginx,
    free_loopback_port,
    parse_args,
    render_nginx_conf,
)
from tests.prerequisites import require

ROOT = Path(__file__).resolve().parent.parent
OPERATIONS = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
DOCKERFILE = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text(encoding="utf-8"))
REPLICAS = [Replica("r1", 41001), Replica("r2", 41002), Replica("r3", 41003)]


def rendered(run_dir: Path = Path("/tmp/lotse-serve-test"), proxies: tuple[str, ...] = ("172.16.0.0/12",)) -> str:
    return render_nginx_conf(REPLICAS, "127.0.0.1:8501", run_dir, trusted_proxies=proxies)  # run_dir: a name only


def statements(conf: str) -> list[tuple[list[str], str, list[str]]]:
    """(enclosing blocks, directive, arguments) of every statement; entries inside `map` and `geo` blocks
    are data."""
    tokens = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[{};]|[^\s{};"\']+', re.sub(r"(?m)^\s*#.*$", "", conf))
    found, blocks, current = [], [], []
    for token in tokens:
        if token in {";", "{"}:
            if current and (not blocks or blocks[-1] not in {"map", "geo"}):
                found.append((list(blocks), current[0], current[1:]))
            if token == "{":
                blocks.append(current[0] if current else "")
            current = []
        elif token == "}":
            blocks.pop()
        else:
            current.append(token)
    return found


def directives(conf: str) -> set[str]:
    return {name for _, name, _ in statements(conf)}


# --- nginx ------------------------------------------------------------------------------------------


def test_the_template_is_filled_completely() -> None:
    conf = rendered()
    assert re.search(r"@@[A-Z_]+@@", conf) is None
    for replica in REPLICAS:
        assert f"upstream lotse_{replica.name} {{" in conf
        assert f"        {replica.route} lotse_{replica.name};" in conf


def test_every_nginx_directive_is_documented() -> None:
    section = OPERATIONS.split("## nginx in front of the replicas", 1)[1].split("\n## ", 1)[0]
    missing = sorted(d for d in directives(rendered()) if f"`{d}`" not in section)
    assert missing == [], f"nginx directives without an explanation in docs/operations.md: {missing}"


def test_nginx_accepts_the_configuration(tmp_path: Path) -> None:
    nginx = find_nginx()
    require(nginx is not None, "nginx not found: `sudo apt-get install nginx` (or `make test` as root)")
    assert nginx is not None
    conf = tmp_path / "nginx.conf"
    conf.write_text(rendered(tmp_path), encoding="utf-8")
    done = subprocess.run(
        [nginx, "-t", "-e", "stderr", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_nginx_logs_nothing_about_visitors() -> None:
    conf = rendered()
    found = statements(conf)
    assert [args for _, name, args in found if name == "access_log"] == [["off"]]
    assert "log_format" not in directives(conf)
    error_logs = [args for _, name, args in found if name == "error_log"]
    assert error_logs == [["stderr", "crit"]], "nginx's error lines name the client's address and request"
    for variable in ("$remote_addr", "$request_uri", "$args", "$query_string", "$request_body", "$http_referer"):
        assert variable not in conf
    passed_on = [args for _, name, args in found if name == "proxy_set_header"]
    assert passed_on and all(args[0] in {"Host", "Upgrade", "Connection"} for args in passed_on)
    assert "X-Forwarded-For" not in str(passed_on), "the replicas need not know who is asking"


def test_nginx_talks_to_loopback_replicas_only() -> None:
    found = statements(rendered())
    upstream_servers = [args[0] for blocks, name, args in found if name == "server" and blocks[-1:] != ["http"]]
    assert upstream_servers and all(address.startswith(f"{LOOPBACK}:") for address in upstream_servers)
    assert "resolver" not in directives(rendered()), "nginx must never look a name up"
    assert [args for _, name, args in found if name == "proxy_pass"] == [["http://$lotse_upstream"]]


def test_the_route_cookie_names_a_replica_and_lives_only_for_the_browser_session() -> None:
    conf = rendered()
    cookie = re.search(r'default "(lotse_route=[^"]*)";', conf)
    assert cookie is not None
    attributes = [part.strip() for part in cookie.group(1).split(";")]
    assert attributes == ["lotse_route=$lotse_served_by", "Path=/", "HttpOnly", "SameSite=Strict$lotse_cookie_secure"]
    secure = re.search(r"map \$http_x_forwarded_proto \$lotse_cookie_secure \{(.*?)\}", conf, re.DOTALL)
    assert secure is not None and secure.group(1).split() == ["default", '"";', "https", '";', 'Secure";']


def test_the_route_cookie_is_opaque_so_no_one_can_name_a_replica() -> None:
    conf = rendered()
    routes = [replica.route for replica in REPLICAS]
    assert all(re.fullmatch(r"[0-9a-f]{32}", route) for route in routes) and len(set(routes)) == len(routes)
    assert Replica("r1", 1).route != Replica("r1", 1).route, "new values with every start"
    upstreams = conf.split("map $cookie_lotse_route $lotse_upstream {", 1)[1].split("}", 1)[0]
    assert [line.split()[0] for line in upstreams.strip().splitlines()] == ["default", *routes]
    assert re.search(r"\br[0-9]+ lotse_", upstreams) is None, "a replica's name must not route"


def test_nginx_limits_each_client_generously_and_answers_calmly_past_the_limit() -> None:
    found = statements(rendered())
    server_level = {name: args for blocks, name, args in found if blocks == ["http", "server"]}
    assert server_level["limit_conn"] == ["lotse_connections", "100"]
    limits = [args for blocks, name, args in found if name == "limit_req" and blocks == ["http", "server"]]
    assert limits == [["zone=lotse_requests", "burst=400", "nodelay"], ["zone=lotse_sessions", "burst=60", "nodelay"]]
    zones = {args[1]: args for _, name, args in found if name == "limit_req_zone"}
    assert zones["zone=lotse_requests:10m"][2] == "rate=20r/s" and zones["zone=lotse_sessions:10m"][2] == "rate=2r/s"
    busy = rendered().split("location @busy {", 1)[1].split("}", 1)[0]
    assert "return 429" in busy and "Polizei 110" in busy
    for number in ("`100`", "20 requests a second", "400", "2 new sessions a second", "60"):
        assert number in OPERATIONS, f"docs/operations.md must state the limit {number}"


def test_only_loopback_and_the_named_proxies_may_name_the_client() -> None:
    found = statements(rendered(proxies=("172.16.0.0/12",)))
    assert [args for _, name, args in found if name == "set_real_ip_from"] == [["127.0.0.1"], ["172.16.0.0/12"]]
    geo = rendered(proxies=("172.16.0.0/12",)).split("geo $lotse_unlimited {", 1)[1].split("}", 1)[0]
    assert geo.split() == ["default", "0;", "127.0.0.1/32", "1;", "172.16.0.0/12", "1;"]
    client = rendered().split("map $lotse_unlimited $lotse_client {", 1)[1].split("}", 1)[0]
    assert client.split() == ["1", '"";', "default", "$binary_remote_addr;"], "geo cannot hold a variable: a map"
    assert [args for _, name, args in statements(rendered(proxies=())) if name == "set_real_ip_from"] == [["127.0.0.1"]]


@pytest.mark.parametrize("text", ["172.16.0.0/12; include /etc/passwd", "everyone", ""])
def test_a_trusted_proxy_must_be_a_network(text: str) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--trusted-proxy", text])
    assert parse_args(["--trusted-proxy", "10.0.0.1"]).trusted_proxy == ["10.0.0.1/32"]


def test_nginxs_own_page_sends_the_guards_headers() -> None:
    """When no replica answers, nginx itself answers; its headers say the same as the guard's."""
    block = rendered().split("location @unavailable {", 1)[1].split("}", 1)[0]
    own = dict(re.findall(r'add_header (\S+) "([^"]*)" always;', block))
    for name in ("X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert own[name] == HEADERS[name]
    assert "frame-ancestors 'none'" in own["Content-Security-Policy"]
    assert own["Cache-Control"] == "no-store"


# --- the supervisor's watch ---------------------------------------------------------------------------


def silent_replica(healthy: bool, started_s_ago: float = 0.0, answered_s_ago: float = 0.0) -> Replica:
    """A replica whose process runs but answers nothing (nobody listens on its port)."""
    now = time.monotonic()
    process = subprocess.Popen(["sleep", "60"])
    return Replica(
        "r1",
        free_loopback_port(),
        process,
        healthy=healthy,
        started_at=now - started_s_ago,
        answered_at=now - answered_s_ago,
    )


def watched(replica: Replica, tmp_path: Path) -> Supervisor:
    return Supervisor([replica], LOOPBACK, free_loopback_port(), "nginx", run_dir=tmp_path)


def test_a_slow_replica_is_left_alone_and_a_hung_one_restarted(tmp_path: Path) -> None:
    """Under load a replica answers late; only one that has not answered for UNRESPONSIVE_S is killed."""
    replica = silent_replica(healthy=True, answered_s_ago=UNRESPONSIVE_S - 5)
    process = replica.process
    assert process is not None
    supervisor = watched(replica, tmp_path)
    for _ in range(3):
        supervisor.watch_once()
    assert replica.process is process and process.poll() is None and replica.restarts == 0
    replica.answered_at -= 10
    supervisor.watch_once()
    assert process.poll() is not None and replica.process is None and replica.restarts == 1


def test_a_starting_replica_gets_a_minute_then_it_is_restarted(tmp_path: Path) -> None:
    starting = silent_replica(healthy=False, started_s_ago=1, answered_s_ago=UNRESPONSIVE_S * 2)
    supervisor = watched(starting, tmp_path)
    for _ in range(3):
        supervisor.watch_once()
    assert starting.process is not None and starting.process.poll() is None
    starting.started_at -= START_TIMEOUT_S
    process = starting.process
    supervisor.watch_once()
    assert process.poll() is not None and starting.process is None and starting.restarts == 1


# --- the guard's routes -----------------------------------------------------------------------------

ICON = "/media/" + "a" * 32 + ".png"


@pytest.mark.parametrize(
    ("path", "open_"),
    [
        ("/", True),
        ("/beratung", True),
        ("/static/js/index.js", True),
        ("/_stcore/health", True),
        ("/_stcore/host-config", True),
        ("/_stcore/bidi-components/lotse_courier/index.js", True),
        (ICON, True),
        ("/_stcore/metrics", False),
        ("/_stcore/stream", False),  # a websocket, never a plain HTTP request
        ("/beratung/_stcore/health", False),
        ("/media/" + "b" * 32 + ".png", False),
        ("/component/x", False),
        ("/app/static/x", False),
        ("/auth/login", False),
        ("/oauth2callback", False),
    ],
)
def test_reachable_routes(path: str, open_: bool) -> None:
    assert reachable(path, ICON) is open_


# --- the container ----------------------------------------------------------------------------------


def dockerfile_instruction(name: str) -> list[str]:
    joined = DOCKERFILE.replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def serve_command() -> list[str]:
    recipe = MAKEFILE.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    line = next(line.strip() for line in recipe.splitlines() if "deploy.supervise" in line)
    return shlex.split(line.replace("$(PY)", "python"))


def test_the_image_starts_what_make_serve_starts() -> None:
    make = serve_command()
    image = yaml.safe_load(dockerfile_instruction("CMD")[-1])
    assert make[:3] == image[:3] == ["python", "-m", "deploy.supervise"]
    assert {a for a in make[3:] if a.startswith("--")} <= {a for a in image[3:] if a.startswith("--")}
    assert COMPOSE["services"]["lotse"]["command"] == image


NOT_IN_THE_IMAGE = {
    ".ci",
    ".gitignore",
    "Makefile",
    "README.md",
    "bench",
    "docs",
    "package-lock.json",
    "package.json",
    "pyproject.toml",
    "requirements-dev.txt",
    "requirements.in",
    "requirements-dev.in",
    "requirements-mutate.in",
    "requirements-mutate.txt",
    "tests",
}
"""Tracked files and folders the running app does not need (tools, tests, documentation)."""


def test_the_image_is_slim_unprivileged_and_checks_its_health() -> None:
    assert re.fullmatch(r"python:3\.\d+-slim-\w+@sha256:[0-9a-f]{64}", dockerfile_instruction("FROM")[0].strip())
    user = dockerfile_instruction("USER")[-1].strip()
    assert user not in {"root", "0"}
    assert dockerfile_instruction("HEALTHCHECK") and "/_stcore/health" in dockerfile_instruction("HEALTHCHECK")[0]
    installs = " ".join(dockerfile_instruction("RUN"))
    assert "pip install --require-hashes -r requirements.txt" in installs and "requirements-dev" not in DOCKERFILE
    copied = {part.rstrip("/") for line in dockerfile_instruction("COPY") for part in line.split()[:-1]}
    assert not copied & NOT_IN_THE_IMAGE and "." not in copied
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top_level = {line.split("/", 1)[0] for line in tracked.splitlines()}
    missing = sorted(top_level - NOT_IN_THE_IMAGE - copied)
    assert missing == [], f"the image lacks {missing}: copy them in deploy/Dockerfile, or list them as not needed"


def test_the_build_context_lets_every_copied_path_through() -> None:
    """deploy/Dockerfile.dockerignore excludes everything, then lets named paths back in (BuildKit)."""
    ignore = (ROOT / "deploy" / "Dockerfile.dockerignore").read_text(encoding="utf-8").splitlines()
    allowed = {line[1:].removesuffix("/**") for line in ignore if line.startswith("!")}
    copied = {part.rstrip("/") for line in dockerfile_instruction("COPY") for part in line.split()[:-1]}
    assert "**" in ignore
    assert sorted(c for c in copied if c not in allowed and not any(a.startswith(c + "/") for a in allowed)) == []


def test_compose_keeps_the_container_locked_down() -> None:
    service = COMPOSE["services"]["lotse"]
    assert service["read_only"] is True and service["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in service["security_opt"]
    assert all(port.startswith("127.0.0.1:") for port in service["ports"]), "publish on loopback, behind TLS"
