"""`links`: open every source and contact link over the network (lotse/check/links.py) and say what to
re-check. The run writes no file unless the editor passes `--out`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from lotse.check import links
from lotse.cli.base import REPO_ROOT, Exit, UsageError, json_message, read_file, words
from lotse.content import jsoninput
from lotse.content.texts import CliTexts, fill
from lotse.content.yamlfile import YamlSyntaxError

MAX_WORKERS = 16
MAX_TIMEOUT_SECONDS = 120.0


def add_arguments(parser: argparse.ArgumentParser, said: CliTexts) -> None:
    parser.description = said.links.description
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help=said.root)
    parser.add_argument("--out", type=Path, help=said.links.out)
    parser.add_argument("--compare", type=Path, help=said.links.compare)
    parser.add_argument("--timeout", type=float, default=links.TIMEOUT_SECONDS, help=said.links.timeout)
    parser.add_argument("--workers", type=int, default=links.WORKERS, help=fill(said.links.workers, limit=MAX_WORKERS))


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """`links` alone, writing to the streams given (the tests read them)."""
    parser = argparse.ArgumentParser(prog="python -m lotse links")
    add_arguments(parser, words())
    return run(parser.parse_args(argv), stdout, stderr)


def run(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        uses = links.collect_links(args.root)
    except YamlSyntaxError as exc:
        print(exc.problem, file=err)
        return Exit.CONTENT
    said = words()
    try:
        previous = _read_previous(args.compare) if args.compare else None
    except (UsageError, ValueError, KeyError) as exc:
        reason = json_message(exc) if isinstance(exc, jsoninput.JsonInputError) else str(exc)
        message = fill(said.links.compare_unreadable, path=args.compare, reason=reason)
        print(fill(said.error, message=message), file=err)
        return Exit.USAGE
    workers = min(max(1, args.workers), MAX_WORKERS)
    timeout = args.timeout if args.timeout == args.timeout else links.TIMEOUT_SECONDS  # NaN
    timeout = min(max(0.1, timeout), MAX_TIMEOUT_SECONDS)
    progress = _progress_bar(err, said.links.progress)
    results = links.check_links(uses, timeout=timeout, workers=workers, progress=progress)
    found = links.findings(results, uses, previous)
    for finding in found:
        print(finding, file=out)
    print(links.summary(results, found, compared=previous is not None), file=out)
    if args.out:
        try:
            args.out.write_text(json.dumps(_report_json(results, uses), ensure_ascii=False, indent=2), encoding="utf-8")
        except OSError as exc:
            message = fill(said.files.unwritable, path=args.out, reason=exc.strerror)
            print(fill(said.error, message=message), file=err)
            return Exit.USAGE
        print(fill(said.links.saved, path=args.out), file=out)
    return Exit.CONTENT if found else Exit.OK


def _progress_bar(stream: TextIO, label: str) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total if total else width
        stream.write(f"\r{label} [{'#' * filled}{'-' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def _report_json(results: dict[str, links.LinkResult], uses: dict[str, list[links.Use]]) -> dict[str, Any]:
    found = [{**asdict(result), "uses": [str(use) for use in uses.get(url, [])]} for url, result in results.items()]
    return {"checked_at": datetime.now(UTC).isoformat(timespec="seconds"), "links": found}


def _read_previous(path: Path) -> dict[str, str]:
    """The hashes of an earlier run (--out); anything else in the file is a ValueError, read with bounds."""
    data = jsoninput.loads_bytes(read_file(path))
    found = data.get("links", []) if isinstance(data, dict) else None
    if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
        raise ValueError(words().links.not_a_run)
    return {str(item["url"]): str(item["sha256"]) for item in found if item.get("url") and item.get("sha256")}
