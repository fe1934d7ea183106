"""`make mutate`'s verdict: per area, how many mutants the tests killed (docs/testing.md).

Reads `mutmut results --all true` and fails when an area's share of detected mutants (killed, or timed
out: the mutant made the code loop) is below MIN_SHARE. Survivors are listed, each to be killed with a
test or explained in docs/testing.md.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

AREAS = {"lotse.guide": "lotse/guide/", "lotse.documents.deadlines": "lotse/documents/deadlines.py"}
AREAS["deploy.guard"] = "deploy/guard.py"
MIN_SHARE = 0.9
DETECTED = {"killed", "timeout"}


def results(mutmut: Path) -> dict[str, str]:
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True).stdout
    return dict(line.strip().rsplit(": ", 1) for line in out.splitlines() if ": " in line)


def main(only: list[str]) -> int:
    """Report every area, or only those named (as `make mutate` does after each area's run)."""
    mutmut = Path(sys.executable).with_name("mutmut")
    found = results(mutmut)
    failed = False
    for prefix, path in AREAS.items():
        if only and prefix not in only:
            continue
        statuses = Counter(status for name, status in found.items() if name.startswith(prefix + "."))
        checked = sum(n for status, n in statuses.items() if status != "not checked")
        detected = sum(statuses[status] for status in DETECTED)
        share = detected / checked if checked else 0.0
        failed |= share < MIN_SHARE
        print(f"{path}: {detected} of {checked} mutants detected ({share:.1%}); {dict(sorted(statuses.items()))}")
        for name, status in sorted(found.items()):
            if name.startswith(prefix + ".") and status not in DETECTED | {"not checked"}:
                print(f"    {status}: {name}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
