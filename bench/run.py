"""Lotse benchmark: load, cluster, browser, AppTest, core, leak and document timings, server CPU per screen
and a replayed-click flood in one run. Usage: `make bench`; one part: `bench/run.py --only screens`.

Prints its sections and a summary table with the targets; see docs/performance.md and, for the cluster
(replicas behind nginx, failover), docs/operations.md.
Everything runs against a snapshot of the working tree taken at the start (app, pages, ui, lotse,
content, config), so edits made while the benchmark runs cannot mix in. Servers listen on free
loopback ports only and are stopped at the end; temporary apps are removed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "bench", "tests", "docs", "test-artifacts", "__pycache__", ".*_cache", "*.pyc"
)

# Default settings: our config.toml with its two tuning options switched back to Streamlit's defaults.
DEFAULT_FLAGS = ("--runner.postScriptGC", "true", "--server.fileWatcherType", "auto")
TUNED_FLAGS: tuple[str, ...] = ()  # .streamlit/config.toml as shipped: postScriptGC=false, fileWatcherType=none

TARGET_P95_MS = 250.0
TARGET_FIRST_QUESTION_RATIO = 1.1
TARGET_RERUN_RATIO = 2.0
TARGET_FUZZ_MUTATIONS = 1000
TARGET_CLEAR_CACHE_RATIO = 1.25
TARGET_CLUSTER_SESSIONS = 300
TARGET_STEP_CPU_MS = 5.0
TARGET_FLOOD_SETTLE_S = 20.0
PARTS = (
    "core",
    "rerun",
    "load",
    "cluster",
    "browser",
    "leaks",
    "documents",
    "screens",
    "flood",
    "longflow",
    "case",
    "check",
)
CHECK_RUNS = 5
TARGET_CHECK_S = 1.0


@dataclass
class LoadRow:
    config: str
    mode: str
    sessions: int
    steps: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    errors: int
    unfinished: int
    wall_s: float
    server_cpu_s: float | None
    rss_mib: float | None
    client_cpu_s: float
    error_samples: list[str] = field(default_factory=list)
    restarts: int = 0
    """Replicas the supervisor restarted during the level (cluster only; should be 0)."""


@dataclass
class Report:
    started: str
    machine: dict[str, Any]
    loadavg_before: str
    loadavg_after: str = ""
    think_s: str = ""
    duration_s: float = 0.0
    core: dict[str, Any] = field(default_factory=dict)
    rerun: dict[str, Any] = field(default_factory=dict)
    load: list[LoadRow] = field(default_factory=list)
    memory: dict[str, dict[str, float | None]] = field(default_factory=dict)
    browser: dict[str, Any] = field(default_factory=dict)
    leaks: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    cluster: dict[str, Any] = field(default_factory=dict)
    screens: dict[str, Any] = field(default_factory=dict)
    flood: dict[str, Any] = field(default_factory=dict)
    longflow: dict[str, Any] = field(default_factory=dict)
    check: dict[str, Any] = field(default_factory=dict)
    case: dict[str, Any] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", default="50,100", help="concurrent sessions per load level (default 50,100)")
    parser.add_argument("--think", default="1,3", help="paced mode: think time range in s between interactions")
    parser.add_argument("--no-burst", action="store_true", help="skip the burst mode (no think time)")
    parser.add_argument("--burst-default", action="store_true", help="also run burst mode with the default settings")
    parser.add_argument("--browser-runs", type=int, default=16, help="Chromium runs per app (default 16)")
    parser.add_argument("--rerun-walks", type=int, default=12, help="AppTest wizard walks (default 12)")
    parser.add_argument("--load-runs", type=int, default=10, help="content loads to time (default 10)")
    parser.add_argument("--level-budget", type=float, default=120, help="max seconds per load level (default 120)")
    parser.add_argument("--cluster-sessions", default="100,200,300", help="cluster load levels (default 100,200,300)")
    parser.add_argument("--replicas", type=int, default=2, help="replicas behind nginx in the cluster part (default 2)")
    parser.add_argument("--failover-sessions", type=int, default=100, help="sessions in the failover run (default 100)")
    parser.add_argument("--kill-after", type=float, default=8, help="seconds into the failover run to kill r1")
    parser.add_argument("--fuzz", type=int, default=1000, help="mutated content trees through the check (default 1000)")
    parser.add_argument("--fuzz-budget", type=float, default=300, help="max seconds for the fuzz part (default 300)")
    parser.add_argument("--clear-cache-reruns", type=int, default=60, help="reruns per clear_cache measurement")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to skip: {','.join(PARTS)}")
    parser.add_argument("--only", default="", help="comma-separated parts to run (all others skipped)")
    parser.add_argument("--screen-reruns", type=int, default=40, help="runs per screen type and round (default 40)")
    parser.add_argument("--screen-rounds", type=int, default=3, help="rounds of the screens part (default 3)")
    parser.add_argument("--document-runs", type=int, default=7, help="timed runs per document (default 7)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the AppTest wizard reruns")
    parser.add_argument("--json", default=str(BENCH / "results" / "latest.json"), help="where to write the JSON")
    return parser.parse_args()


def machine_info() -> dict[str, Any]:
    import streamlit

    model = ""
    with contextlib.suppress(OSError, StopIteration):
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
            if line.startswith("model name")
        )
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "memory_gib": round(memory_gib, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
    }


def snapshot(target: Path) -> Path:
    """Copy what the app needs (not .git, .venv, tests, docs, bench) into `target`."""
    shutil.copytree(ROOT, target, ignore=SNAPSHOT_IGNORE)
    return target


def fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.{digits}f}"


# --- the four parts ---------------------------------------------------------------------------------


def part_core(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import core_timing

    print("\n[1/4] Core: YAML load + validation, every canonical answer combination", flush=True)
    result = core_timing.run(app_root, runs=args.load_runs)
    report.core = asdict(result)
    print(
        f"  load_content: median {result.load_median_ms:.0f} ms (min {result.load_min_ms:.0f}) over "
        f"{result.load_runs} fresh loads"
    )
    print(
        f"  compute_result: {result.combinations} combinations in {result.resolve_total_s:.2f} s = "
        f"{result.resolve_per_combination_us / 1000:.2f} ms each"
    )


def part_rerun(app_root: Path, tmp: Path, args: argparse.Namespace, report: Report) -> None:
    import rerun_timing
    from common import median

    print("\n[2/4] AppTest reruns: wizard step vs one-radio app (in-process)", flush=True)
    result = rerun_timing.run(app_root / "app.py", tmp, walks=args.rerun_walks, profile=args.profile)
    report.rerun = {
        "manifest_scan_cache": result.manifest_cache,
        "wizard_answer_median_ms": median(result.answer_ms),
        "wizard_next_median_ms": median(result.next_ms),
        "one_radio_median_ms": median(result.one_radio_ms),
        "samples": [len(result.answer_ms), len(result.next_ms), len(result.one_radio_ms)],
        "ratio": result.ratio,
        "cpu_ratio": result.cpu_ratio,
    }
    print(f"  manifest-scan cache (tech-spike pitfall 8) applied in this process: {result.manifest_cache}")
    print(
        f"  wizard: answer + rerun {median(result.answer_ms):.1f} ms, 'Weiter' + rerun {median(result.next_ms):.1f} ms "
        f"(n={len(result.answer_ms)} each); one-radio: set value + rerun {median(result.one_radio_ms):.1f} ms "
        f"(n={len(result.one_radio_ms)}); ratio (slower wizard rerun / one-radio) {result.ratio:.2f}; in CPU time "
        f"{result.cpu_ratio:.2f}"
    )
    with rerun_timing.shared_script_cache():
        shared = rerun_timing.run(app_root / "app.py", tmp, walks=max(4, args.rerun_walks // 2))
    report.rerun["shared_script_cache"] = {
        "wizard_answer_median_ms": median(shared.answer_ms),
        "wizard_next_median_ms": median(shared.next_ms),
        "one_radio_median_ms": median(shared.one_radio_ms),
        "ratio": shared.ratio,
    }
    print(
        f"  diagnosis, with one script cache for all runs as the server has (AppTest compiles app.py and the page "
        f"on every run): wizard {median(shared.answer_ms):.1f} / {median(shared.next_ms):.1f} ms, one-radio "
        f"{median(shared.one_radio_ms):.1f} ms, ratio {shared.ratio:.2f}"
    )
    if result.profile:
        print(result.profile)


def measure_level(
    server: Any, config: str, mode: str, sessions: int, think: tuple[float, float], budget: float
) -> LoadRow:
    """One load level against `server` (a StreamlitServer, or a ClusterServer whose nginx is the proxy)."""
    import ws_load
    from common import median, percentile

    proxy = getattr(server, "proxy", None)
    restarts_before = server.restarts() if hasattr(server, "restarts") else 0
    cpu_before, client_before = server.cpu_seconds(), time.process_time()
    latencies, outcomes, wall = asyncio.run(
        ws_load.run_level(server.ws_url, sessions, think, step_timeout=60, budget=budget, proxy=proxy)
    )
    cpu_after, client_cpu = server.cpu_seconds(), time.process_time() - client_before
    errors = [o for o in outcomes if o]
    row = LoadRow(
        config,
        mode,
        sessions,
        len(latencies),
        median(latencies),
        percentile(latencies, 0.95),
        max(latencies, default=float("nan")),
        len(errors),
        sum(1 for e in errors if e == ws_load.UNFINISHED),
        wall,
        None if cpu_before is None or cpu_after is None else cpu_after - cpu_before,
        server.rss_mib(),
        client_cpu,
        sorted(set(errors))[:3],
        (server.restarts() - restarts_before) if hasattr(server, "restarts") else 0,
    )
    print(
        f"  {config:10} {mode:5} {sessions:3} sessions: {row.steps:5} steps  p50 {row.p50_ms:5.0f} ms  "
        f"p95 {row.p95_ms:5.0f} ms  max {row.max_ms:5.0f} ms  errors {row.errors} "
        f"(unfinished {row.unfinished})  wall {wall:.1f} s  CPU server {fmt(row.server_cpu_s, 1)} s, "
        f"client {client_cpu:.1f} s  RSS {fmt(row.rss_mib)} MiB",
        flush=True,
    )
    for sample in row.error_samples:
        print(f"      error: {sample}")
    if row.restarts:
        print(f"      {row.restarts} replica(s) restarted by the supervisor during this level (server CPU incomplete)")
    return row


def part_load(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import ws_load
    from common import StreamlitServer

    print("\n[3/4] Load: protocol-level websocket sessions walking the wizard", flush=True)
    levels = [int(n) for n in args.sessions.split(",") if n.strip()]
    low, high = (float(x) for x in args.think.split(","))
    report.think_s = f"{low:g}–{high:g} s"
    paced, burst = ("paced", (low, high)), ("burst", (0.0, 0.0))
    for config, flags in (("default", DEFAULT_FLAGS), ("tuned", TUNED_FLAGS)):
        with_burst = not args.no_burst and (config == "tuned" or args.burst_default)
        modes = [paced, burst] if with_burst else [paced]
        with StreamlitServer(app_root / "serve.py", flags, cwd=app_root) as server:
            memory: dict[str, float | None] = {"idle": server.rss_mib()}
            asyncio.run(ws_load.run_level(server.ws_url, 1, step_timeout=60, budget=60))  # warm-up walk
            memory["after warm-up"] = server.rss_mib()
            for mode, think in modes:
                for sessions in levels:
                    row = measure_level(server, config, mode, sessions, think, args.level_budget)
                    report.load.append(row)
                    memory[f"after {mode} {sessions}"] = row.rss_mib
                    time.sleep(2)  # let closed sessions be cleaned up before the next level
            memory["peak (VmHWM)"] = server.peak_rss_mib()
            report.memory[config] = memory
            print("  memory (RSS, MiB): " + ", ".join(f"{k} {fmt(v)}" for k, v in memory.items()))


def part_cluster(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import cluster
    import ws_load
    from common import StreamlitServer

    from deploy.supervise import find_nginx  # from the snapshot, like everything the parts measure

    print(f"\n== Cluster: {args.replicas} replicas behind nginx vs one process, same paced load; failover ==")
    if find_nginx() is None:
        print("  skipped: nginx not found (apt-get install nginx, or make bench as root)")
        report.cluster = {"skipped": "nginx not found"}
        return
    levels = [int(n) for n in args.cluster_sessions.split(",") if n.strip()]
    low, high = (float(x) for x in args.think.split(","))
    names = ("1 process", f"{args.replicas} replicas")
    rows: dict[str, list[LoadRow]] = {name: [] for name in names}
    with (
        StreamlitServer(app_root / "serve.py", TUNED_FLAGS, cwd=app_root) as single,
        cluster.ClusterServer(app_root, args.replicas) as replicas,
    ):
        for server in (single, replicas):  # one warm-up walk each (content loaded, caches filled)
            asyncio.run(ws_load.run_level(server.ws_url, 1, budget=60, proxy=getattr(server, "proxy", None)))
        for sessions in levels:  # the two take turns, so a change in machine load hits both alike
            for name, server in zip(names, (single, replicas), strict=True):
                rows[name].append(measure_level(server, name, "paced", sessions, (low, high), args.level_budget))
                time.sleep(2)
    report.cluster = {
        "replicas": args.replicas,
        "rows": [asdict(r) for name in names for r in rows[name]],
        "p95_ratio": {
            r.sessions: (c.p95_ms / r.p95_ms if r.p95_ms else float("nan"))
            for r, c in zip(rows[names[0]], rows[names[1]], strict=True)
        },
    }
    for sessions, ratio in report.cluster["p95_ratio"].items():
        print(f"  p95 {names[1]} / {names[0]} at {sessions} sessions: {ratio:.2f}")

    print(f"  failover: {args.failover_sessions} paced sessions, r1 killed {args.kill_after:g} s into the walks")
    with cluster.ClusterServer(app_root, args.replicas) as replicas:
        asyncio.run(ws_load.run_level(replicas.ws_url, 1, budget=60, proxy=replicas.proxy))
        failover = asyncio.run(
            cluster.run_failover(replicas, args.failover_sessions, (low, high), args.kill_after, args.level_budget)
        )
    report.cluster["failover"] = asdict(failover)
    print(
        f"  sessions {failover.sessions}: on {failover.killed} {failover.on_killed_replica}, affected (connection "
        f"lost mid-walk) {failover.affected}, calm page {failover.calm_page}, finished after 'Neu beginnen' "
        f"{failover.affected_finished_after_restart}; errors of unaffected sessions {failover.unaffected_errors}; "
        f"r1 served again after {fmt(failover.back_after_s, 1)} s"
    )
    for error in failover.other_errors:
        print(f"      error: {error}")


def part_browser(app_root: Path, tmp: Path, args: argparse.Namespace, report: Report) -> None:
    import browser_timing
    from common import StreamlitServer, median

    print("\n[4/4] Chromium: time to the first question, Lotse vs hello-world", flush=True)
    if not browser_timing.chromium_available():
        print(f"  skipped: {browser_timing.CHROMIUM} not found (apt-get install chromium)")
        report.browser = {"skipped": "chromium not found"}
        return
    hello_dir = tmp / "hello"
    hello_dir.mkdir()
    (hello_dir / "hello.py").write_text(browser_timing.HELLO_APP, encoding="utf-8")
    with (
        StreamlitServer(app_root / "serve.py", TUNED_FLAGS, cwd=app_root) as lotse_server,
        StreamlitServer(hello_dir / "hello.py", browser_timing.HELLO_FLAGS, cwd=hello_dir) as hello_server,
    ):
        lotse, hello = browser_timing.run(lotse_server.url, hello_server.url, runs=args.browser_runs)
    for name, times in (("lotse", lotse), ("hello", hello)):
        fcp, start, question = median(times.fcp_s), median(times.start_page_s), median(times.first_question_s)
        report.browser[name] = {
            "runs": len(times.first_question_s),
            "fcp_median_s": fcp,
            "start_page_median_s": start,
            "first_question_median_s": question,
            "first_question_min_s": min(times.first_question_s, default=float("nan")),
            "first_question_all_s": [round(x, 3) for x in times.first_question_s],
            "errors": times.errors,
        }
        print(
            f"  {name:5}: first paint (FCP) {fcp:.2f} s  start page {start:.2f} s  first question {question:.2f} s "
            f"(min {report.browser[name]['first_question_min_s']:.2f})  median of {len(times.first_question_s)}, "
            f"errors {len(times.errors)}"
        )
        for error in times.errors[:3]:
            print(f"      error: {error}")
    ratio = median(lotse.first_question_s) / median(hello.first_question_s)
    report.browser["ratio_first_question"] = ratio
    report.browser["ratio_start_page"] = median(lotse.start_page_s) / median(hello.start_page_s)
    report.browser["ratio_fcp"] = median(lotse.fcp_s) / median(hello.fcp_s)
    start_ratio = report.browser["ratio_start_page"]
    print(f"  ratio Lotse / hello-world: first question {ratio:.2f}, start page {start_ratio:.2f}")


def part_documents(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import documents_timing

    print("\n== Documents: letters (PDF, Word), handout, calendar file, made in-process ==", flush=True)
    result = documents_timing.run(app_root, runs=args.document_runs)
    report.documents = asdict(result)
    for line in documents_timing.lines(result):
        print(line)


def part_case(app_root: Path, report: Report, skip: set[str]) -> None:
    if "case" in skip:
        return
    import case_timing

    print("\n== Mein Fall: 1,000 incidents saved and opened (age, scrypt), the police PDF ==", flush=True)
    result = case_timing.run(app_root)
    report.case = asdict(result)
    for line in case_timing.lines(result):
        print(line)
    for target, measured, passed in case_timing.targets(result):
        _add_target(report, target, measured, passed)


# --- summary -------------------------------------------------------------------------------------


def part_leaks(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import leaks
    from common import StreamlitServer

    print("\n== Leaks: fuzzing the check, a client's clear_cache, the media store ==")
    figures = leaks.fuzz(args.fuzz, budget_s=args.fuzz_budget)
    report.leaks["fuzz"] = asdict(figures)
    print(f"  fuzz: {figures.mutations} mutations, {figures.failures} failures, slowest {figures.slowest_s:.2f} s")
    with StreamlitServer(app_root / "serve.py", TUNED_FLAGS, cwd=app_root) as server:
        cost = leaks.clear_cache_cost(server, args.clear_cache_reruns)
        report.leaks["clear_cache"] = cost
        print(
            f"  clear_cache: server CPU per rerun {cost['plain_ms']:.1f} ms plain, "
            f"{cost['with_clear_cache_ms']:.1f} ms with clear_cache, ratio {cost['ratio']:.2f}"
        )
        media = leaks.media_check(server, app_root)
        report.leaks["media"] = media
        print(
            f"  media: pressed {media['save_buttons_pressed']}; {media['document_urls_sent']} document URLs sent; "
            f"the address st.download_button would have used answers HTTP {media['guessed_url_status']}"
        )


def part_screens(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import screens
    from common import StreamlitServer

    print("\n== Screens: server CPU per screen type, one client at a time ==", flush=True)
    with StreamlitServer(app_root / "serve.py", TUNED_FLAGS, cwd=app_root) as server:
        figures = screens.run(server, reruns=args.screen_reruns, rounds=args.screen_rounds)
    report.screens = asdict(figures)
    for line in screens.lines(figures):
        print(line)


def part_flood(app_root: Path, args: argparse.Namespace, report: Report) -> None:
    import flood
    from common import StreamlitServer

    print("\n== Flood: one client replays 'Als PDF speichern' 30 times in 2.5 s, a second visitor walks on ==")
    with StreamlitServer(app_root / "serve.py", TUNED_FLAGS, cwd=app_root) as server:
        figures = flood.run(server, settle=TARGET_FLOOD_SETTLE_S)
    report.flood = asdict(figures)
    for line in flood.lines(figures):
        print(line)


def part_check(app_root: Path, report: Report) -> None:
    """`python -m lotse check` as an editor runs it: a new process each time, imports included, with the
    bytecode an installed checkout has (one run first writes it, not counted)."""
    print(f"\n== lotse check: the whole command, {CHECK_RUNS} runs in new processes ==", flush=True)
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "lotse", "check"]
    subprocess.run(command, cwd=app_root, env=env, capture_output=True, check=False)
    walls, cpus = [], []
    for _ in range(CHECK_RUNS):
        started, before = time.perf_counter(), os.times()
        subprocess.run(command, cwd=app_root, env=env, capture_output=True, check=False)
        after = os.times()
        walls.append(time.perf_counter() - started)
        cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
    report.check = {"median_s": sorted(walls)[CHECK_RUNS // 2], "cpu_median_s": sorted(cpus)[CHECK_RUNS // 2]}
    print(f"  median {report.check['median_s']:.2f} s (CPU {report.check['cpu_median_s']:.2f} s)")


def part_longflow(report: Report) -> None:
    import long_flow  # bench/long_flow.py (issue 19): the check's walk stays linear

    print("\n== Long flow: the check of 2,000 info screens in a row ==", flush=True)
    report.longflow = asdict(long_flow.run())
    print(f"  {report.longflow['seconds']:.1f} s, {report.longflow['errors']} errors")


def evaluate_targets(report: Report) -> None:
    for mode, target in (
        ("paced", f"100 sessions, tuned, paced (think {report.think_s}): 0 errors, p95 <= 250 ms"),
        ("burst", "stress, for information: the same with no think time (burst)"),
    ):
        rows = [r for r in report.load if r.config == "tuned" and r.mode == mode and r.sessions == 100]
        if rows:
            row = rows[0]
            passed = row.errors == 0 and row.p95_ms <= TARGET_P95_MS
            _add_target(report, target, f"{row.errors} errors, p95 {row.p95_ms:.0f} ms", passed)
    cluster_rows = [r for r in report.cluster.get("rows", []) if r["config"] != "1 process"]
    top = [r for r in cluster_rows if r["sessions"] == TARGET_CLUSTER_SESSIONS]
    if top:
        row = top[0]
        passed = row["errors"] == 0 and row["p95_ms"] <= TARGET_P95_MS
        replicas = report.cluster["replicas"]
        target = f"{TARGET_CLUSTER_SESSIONS} sessions via nginx, {replicas} replicas: 0 errors, p95 <= 250 ms"
        _add_target(report, target, f"{row['errors']} errors, p95 {row['p95_ms']:.0f} ms", passed)
    if "failover" in report.cluster:
        f = report.cluster["failover"]
        passed = f["affected"] > 0 and f["calm_page"] == f["affected"] and f["unaffected_errors"] == 0
        measured = f"{f['calm_page']}/{f['affected']} calm page, {f['unaffected_errors']} unaffected errors"
        _add_target(report, "failover: every affected session gets the calm page, no other errors", measured, passed)
    if "ratio_first_question" in report.browser:
        ratio = report.browser["ratio_first_question"]
        passed = ratio <= TARGET_FIRST_QUESTION_RATIO
        _add_target(report, "first question in Chromium <= 1.1x hello-world", f"{ratio:.2f}x", passed)
    if report.documents:
        medians = report.documents["median_ms"]
        slowest = max(medians, key=medians.__getitem__)
        passed = medians[slowest] <= 300.0
        _add_target(report, "each document made in <= 300 ms (median)", f"{slowest}: {medians[slowest]:.0f} ms", passed)
    if "ratio" in report.rerun:
        ratio = report.rerun["ratio"]
        _add_target(report, "AppTest rerun <= 2x one-radio app", f"{ratio:.2f}x", ratio <= TARGET_RERUN_RATIO)
    _leak_targets(report)
    _hostile_targets(report)
    if report.check:
        median = report.check["median_s"]
        target = "lotse check, the whole command, <= 1 s (median)"
        _add_target(report, target, f"{median:.2f} s", median <= TARGET_CHECK_S)
    if report.longflow:
        import long_flow

        _add_target(report, *long_flow.target(long_flow.LongFlow(**report.longflow)))


def _hostile_targets(report: Report) -> None:
    if report.screens:
        step = report.screens["ms"]["walk (per step)"]
        _add_target(report, "server CPU per step of the walk <= 5 ms", f"{step:.1f} ms", step <= TARGET_STEP_CPU_MS)
    if report.flood:
        f = report.flood
        back, p95 = f["back_after_s"], f["visitor_p95_ms"]
        passed = back is not None and p95["after"] <= max(TARGET_P95_MS, 1.5 * p95["before"])
        measured = (
            f"threads {f['threads_before']}/{f['threads_peak']}/{f['threads_after']}, back after {back} s; "
            f"visitor p95 {p95['before']:.0f}/{p95['after']:.0f} ms"
        )
        target = "30 replayed document clicks: threads, memory, a visitor's p95 back within 20 s"
        _add_target(report, target, measured, passed)


def _leak_targets(report: Report) -> None:
    if "fuzz" in report.leaks:
        fuzz = report.leaks["fuzz"]
        passed = fuzz["mutations"] >= TARGET_FUZZ_MUTATIONS and fuzz["failures"] == 0
        measured = f"{fuzz['mutations']} mutations, {fuzz['failures']} failures, slowest {fuzz['slowest_s']:.2f} s"
        _add_target(report, ">= 1000 mutated content trees: a report each, never a traceback", measured, passed)
    if "clear_cache" in report.leaks:
        ratio = report.leaks["clear_cache"]["ratio"]
        target = "a client's clear_cache costs no more than a plain rerun (<= 1.25x)"
        _add_target(report, target, f"{ratio:.2f}x", ratio <= TARGET_CLEAR_CACHE_RATIO)
    if "media" in report.leaks:
        media = report.leaks["media"]
        pressed = len(media["save_buttons_pressed"])
        passed = pressed > 0 and media["document_urls_sent"] == 0 and media["guessed_url_status"] == 404
        measured = (
            f"{pressed} save buttons pressed, {media['document_urls_sent']} URLs, "
            f"guessed address HTTP {media['guessed_url_status']}"
        )
        _add_target(report, "no document under /media/, guessed address empty", measured, passed)


WHERE_THE_TIME_GOES = (
    ("server CPU per step", "Server CPU per screen, and a client that floods; The next cuts, one at a time"),
    ("via nginx", "Server CPU per screen, and a client that floods (two replicas need ~100 steps a second)"),
    ("first question in Chromium", "At the noise limit: first question against hello-world"),
    ("AppTest rerun", "The next cuts, one at a time (Streamlit's floor per run and per element)"),
    ("clear_cache", "Leaks: the check under fuzzing, a client's clear_cache, the media store"),
    ("document made", "Documents: letters, handout, calendar file"),
    ("Mein Fall", "Mein Fall: save and open, the police PDF (Third look: the police PDF's profile)"),
    ("lotse check", "`lotse check` and the command line's package (The check's own hot spots)"),
)
"""For a target missed, the section of docs/performance.md that holds its profile."""


def where_the_time_goes(target: str) -> str:
    return next((section for key, section in WHERE_THE_TIME_GOES if key in target), "")


def _add_target(report: Report, target: str, measured: str, passed: bool) -> None:
    report.targets.append({"target": target, "measured": measured, "pass": passed})


def print_summary(report: Report) -> None:
    print("\n" + "=" * 100)
    print(
        f"SUMMARY  {report.started}  {report.machine['cores']} cores ({report.machine['cpu']}), "
        f"Python {report.machine['python']}, Streamlit {report.machine['streamlit']}"
    )
    print(f"load average before: {report.loadavg_before}   after: {report.loadavg_after}")
    if report.load:
        print("\nStep latency (ms), protocol-level sessions walking start → questions → check → result")
        print(
            f"{'config':8}{'mode':7}{'sessions':>9}{'steps':>7}{'p50':>7}{'p95':>7}{'max':>7}{'errors':>8}{'unfin.':>7}"
            f"{'wall s':>8}{'srv CPU s':>10}{'RSS MiB':>9}"
        )
        for r in report.load:
            print(
                f"{r.config:8}{r.mode:7}{r.sessions:9}{r.steps:7}{r.p50_ms:7.0f}{r.p95_ms:7.0f}{r.max_ms:7.0f}"
                f"{r.errors:8}{r.unfinished:7}{r.wall_s:8.1f}{fmt(r.server_cpu_s, 1):>10}{fmt(r.rss_mib):>9}"
            )
        for config, memory in report.memory.items():
            print(f"memory {config}: " + ", ".join(f"{k} {fmt(v)}" for k, v in memory.items()) + " MiB")
    if report.cluster.get("rows"):
        replicas = report.cluster["replicas"]
        print(f"\nCluster ({replicas} replicas behind nginx) vs one process, paced, step latency (ms)")
        print(f"{'config':12}{'sessions':>9}{'steps':>7}{'p50':>7}{'p95':>7}{'max':>7}{'errors':>8}{'srv CPU s':>10}")
        for r in report.cluster["rows"]:
            print(
                f"{r['config']:12}{r['sessions']:9}{r['steps']:7}{r['p50_ms']:7.0f}{r['p95_ms']:7.0f}{r['max_ms']:7.0f}"
                f"{r['errors']:8}{fmt(r['server_cpu_s'], 1):>10}"
            )
        ratios = ", ".join(f"{n}: {v:.2f}" for n, v in report.cluster["p95_ratio"].items())
        print(f"p95 ratio cluster / one process: {ratios}")
    if "failover" in report.cluster:
        f = report.cluster["failover"]
        print(
            f"Failover: {f['sessions']} sessions, {f['killed']} killed; {f['on_killed_replica']} on it, "
            f"{f['affected']} affected, {f['calm_page']} saw the calm page, "
            f"{f['affected_finished_after_restart']} finished after restarting; {f['unaffected_errors']} errors "
            f"elsewhere; served again after {fmt(f['back_after_s'], 1)} s"
        )
    if report.browser and "lotse" in report.browser:
        print("\nChromium (medians, s)      FCP   start page   first question")
        for name in ("lotse", "hello"):
            b = report.browser[name]
            print(
                f"  {name:22}{b['fcp_median_s']:6.2f}{b['start_page_median_s']:13.2f}"
                f"{b['first_question_median_s']:17.2f}"
            )
        print(
            f"  {'ratio':22}{report.browser['ratio_fcp']:6.2f}{report.browser['ratio_start_page']:13.2f}"
            f"{report.browser['ratio_first_question']:17.2f}"
        )
    if report.rerun:
        r = report.rerun
        print(
            f"\nAppTest rerun (medians): wizard answer {r['wizard_answer_median_ms']:.1f} ms, wizard 'Weiter' "
            f"{r['wizard_next_median_ms']:.1f} ms, one-radio {r['one_radio_median_ms']:.1f} ms, ratio {r['ratio']:.2f}"
        )
    if report.core:
        c = report.core
        print(
            f"Core: load_content {c['load_median_ms']:.0f} ms (median of {c['load_runs']}); {c['combinations']} "
            f"combinations in {c['resolve_total_s']:.2f} s ({c['resolve_per_combination_us'] / 1000:.2f} ms each)"
        )
    if report.screens:
        print(
            "\nServer CPU per screen type (ms per run): "
            + ", ".join(f"{name} {ms:.1f}" for name, ms in report.screens["ms"].items())
        )
    print_targets(report.targets)
    print(f"\ntotal {report.duration_s:.0f} s")


def print_targets(targets: list[dict[str, Any]]) -> None:
    print("\nTargets")
    for t in targets:
        print(f"  {'PASS' if t['pass'] else 'MISS'}  {t['target']:70} {t['measured']}")
        if not t["pass"] and where_the_time_goes(t["target"]):
            print(f"        profile: docs/performance.md, '{where_the_time_goes(t['target'])}'")


def run_parts(app_root: Path, tmp: Path, args: argparse.Namespace, report: Report, skip: set[str]) -> None:
    parts = {
        "core": lambda: part_core(app_root, args, report),
        "rerun": lambda: part_rerun(app_root, tmp, args, report),
        "load": lambda: part_load(app_root, args, report),
        "cluster": lambda: part_cluster(app_root, args, report),
        "browser": lambda: part_browser(app_root, tmp, args, report),
        "leaks": lambda: part_leaks(app_root, args, report),
        "documents": lambda: part_documents(app_root, args, report),
        "screens": lambda: part_screens(app_root, args, report),
        "flood": lambda: part_flood(app_root, args, report),
        "longflow": lambda: part_longflow(report),
        "check": lambda: part_check(app_root, report),
    }
    for name, part in parts.items():  # in the order of PARTS
        if name not in skip:
            part()
    part_case(app_root, report, skip)


def main() -> int:
    args = parse_args()
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    if args.only:
        skip |= set(PARTS) - {part.strip() for part in args.only.split(",")}
    started = time.monotonic()
    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))  # tests/ (mutations, tiny trees) for the leaks part; the snapshot goes before it
    from common import loadavg

    report = Report(
        started=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        machine=machine_info(),
        loadavg_before=loadavg(),
    )
    print(f"Lotse benchmark {report.started}; machine {report.machine}")
    print(f"load average before: {report.loadavg_before}")
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp_name:
        tmp = Path(tmp_name)
        app_root = snapshot(tmp / "app")
        sys.path.insert(0, str(app_root))  # lotse/ and ui/ of the snapshot, for the in-process parts
        run_parts(app_root, tmp, args, report, skip)
    report.loadavg_after = loadavg()
    report.duration_s = time.monotonic() - started
    evaluate_targets(report)
    print_summary(report)
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False, default=str), encoding="utf-8")
        print(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
