"""Known advisories for Lotse's pinned versions, checked offline: `make audit` (python -m deploy.advisories).

The database is an export of the OSV advisories for PyPI (one JSON file per advisory, as in OSV's
`PyPI/all.zip`, unpacked into a folder): it is read from disk, nothing is fetched, and no version of
Lotse's pins leaves the machine. Each pin of the requirements files is compared with each advisory's
affected versions (the `versions` list and the ECOSYSTEM ranges: introduced, fixed, last_affected).

Exit codes: 0 no known advisory, 1 at least one (each printed with its id and the fixed version),
3 no database here: "NICHT GEPRÜFT", said plainly and never mistaken for a clean result. See
docs/operations.md, "Dependencies".
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

EXIT_CLEAN, EXIT_FOUND, EXIT_NO_DATABASE = 0, 1, 3
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    fixed: str

    def __str__(self) -> str:
        fix = f"behoben in {self.fixed}" if self.fixed else "keine behobene Version bekannt"
        return f"{self.package}=={self.version}: {self.advisory} ({fix})"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(paths: Iterable[Path]) -> dict[str, str]:
    """name -> version of every `name==version` line (hash lines and comments are skipped)."""
    pins: dict[str, str] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PIN.match(line.strip())
            if match:
                pins[canonical(match.group(1))] = match.group(2)
    return pins


def advisories(database: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(database.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and not data.get("withdrawn"):
            yield data


def _in_ranges(version: Version, events: list[dict[str, str]]) -> tuple[bool, str]:
    """Whether `version` lies in one of the ranges the events describe, and the fix of that range."""
    start: Version | None = None
    for event in events:
        try:
            if "introduced" in event:
                start = Version("0") if event["introduced"] == "0" else Version(event["introduced"])
            elif "fixed" in event and start is not None:
                if start <= version < Version(event["fixed"]):
                    return True, event["fixed"]
                start = None
            elif "last_affected" in event and start is not None:
                if start <= version <= Version(event["last_affected"]):
                    return True, ""
                start = None
        except InvalidVersion:
            start = None
    return (start is not None and start <= version), ""


def affects(advisory: dict[str, Any], package: str, version: str) -> tuple[bool, str]:
    for entry in advisory.get("affected", []):
        info = entry.get("package", {})
        if info.get("ecosystem") != "PyPI" or canonical(info.get("name", "")) != package:
            continue
        if version in entry.get("versions", []):
            fixes = [e["fixed"] for r in entry.get("ranges", []) for e in r.get("events", []) if "fixed" in e]
            return True, fixes[-1] if fixes else ""
        try:
            parsed = Version(version)
        except InvalidVersion:
            continue
        for span in entry.get("ranges", []):
            if span.get("type") == "ECOSYSTEM":
                hit, fixed = _in_ranges(parsed, span.get("events", []))
                if hit:
                    return True, fixed
    return False, ""


def audit(pins: dict[str, str], database: Path) -> list[Finding]:
    found = []
    for advisory in advisories(database):
        for package, version in pins.items():
            hit, fixed = affects(advisory, package, version)
            if hit:
                found.append(Finding(package, version, str(advisory.get("id", "?")), fixed))
    return sorted(found, key=lambda f: (f.package, f.advisory))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.advisories", description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="+", type=Path, help="requirements.txt, requirements-dev.txt")
    parser.add_argument("--db", type=Path, required=True, help="Ordner mit den OSV-JSON-Dateien für PyPI")
    args = parser.parse_args(argv)
    pins = read_pins(args.requirements)
    if not args.db.is_dir() or next(args.db.rglob("*.json"), None) is None:
        print(
            f"NICHT GEPRÜFT: Keine Advisory-Datenbank unter {args.db}. {len(pins)} Pins sind gegen keine "
            "bekannte Sicherheitslücke abgeglichen. Datenbank: OSV-Export für PyPI (all.zip) dort entpacken."
        )
        return EXIT_NO_DATABASE
    found = audit(pins, args.db)
    for finding in found:
        print(finding)
    count = sum(1 for _ in args.db.rglob("*.json"))
    print(f"{len(pins)} Pins gegen {count} Advisories aus {args.db} geprüft: {len(found)} betroffen.")
    return EXIT_FOUND if found else EXIT_CLEAN


if __name__ == "__main__":
    sys.exit(main())
