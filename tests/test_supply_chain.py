"""Supply chain (issue 19): every dependency pinned by version and hash, installed with --require-hashes,
the container's base image by digest, and the offline advisory check (deploy/advisories.py) on a small
OSV-shaped database made here (invented advisories for test only, never shipped)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from deploy import advisories

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ("requirements.txt", "requirements-dev.txt")


def entries(name: str) -> list[str]:
    """The requirement entries of a pip-compile file, each with its continuation lines joined."""
    text = (ROOT / name).read_text(encoding="utf-8")
    joined = re.sub(r"\\\n\s*", " ", text)
    return [line for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", REQUIREMENTS)
def test_every_requirement_is_pinned_and_hashed(name: str) -> None:
    lines = entries(name)
    assert len(lines) > 40
    loose = [line.split()[0] for line in lines if not advisories.PIN.match(line) or "--hash=sha256:" not in line]
    assert loose == []


@pytest.mark.parametrize(
    ("source", "made"), [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
)
def test_the_pins_are_made_from_the_in_files(source: str, made: str) -> None:
    header = (ROOT / made).read_text(encoding="utf-8")[:600]
    assert "pip-compile --generate-hashes" in header and source in header
    direct = [
        advisories.canonical(re.split(r"[=<>\[ ]", line, maxsplit=1)[0])
        for line in (ROOT / source).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]
    pinned = advisories.read_pins([ROOT / made])
    assert [name for name in direct if name not in pinned] == []


def test_the_runtime_pins_hold_for_the_tests_too() -> None:
    runtime, dev = advisories.read_pins([ROOT / REQUIREMENTS[0]]), advisories.read_pins([ROOT / REQUIREMENTS[1]])
    assert {name: dev.get(name) for name in runtime} == runtime


def test_every_install_checks_the_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "pip install" in line and "requirements" in line]
    assert len(installs) == 3 and all("--require-hashes" in line for line in installs)  # runtime, dev, mutate
    dockerfile = (ROOT / "deploy" / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --require-hashes -r requirements.txt" in dockerfile
    assert re.search(r"^FROM python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}$", dockerfile, flags=re.MULTILINE)


def osv(
    folder: Path, ident: str, package: str, events: list[dict[str, str]], versions: list[str] | None = None
) -> None:
    affected = {"package": {"ecosystem": "PyPI", "name": package}, "ranges": [{"type": "ECOSYSTEM", "events": events}]}
    if versions:
        affected["versions"] = versions
    (folder / f"{ident}.json").write_text(json.dumps({"id": ident, "affected": [affected]}), encoding="utf-8")


def test_the_audit_finds_an_affected_pin_and_passes_a_fixed_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("Jinja2==3.1.6 \\\n    --hash=sha256:00\nfonttools[woff]==4.68.0\n", encoding="utf-8")
    database = tmp_path / "osv"
    database.mkdir()
    osv(database, "TEST-1", "jinja2", [{"introduced": "0"}, {"fixed": "3.1.7"}])
    osv(database, "TEST-2", "jinja2", [{"introduced": "0"}, {"fixed": "3.1.5"}])
    osv(database, "TEST-3", "FontTools", [{"introduced": "4.0"}, {"last_affected": "4.68.0"}])
    osv(database, "TEST-4", "pyyaml", [{"introduced": "0"}])
    code = advisories.main([str(requirements), "--db", str(database)])
    out = capsys.readouterr().out.splitlines()
    assert code == advisories.EXIT_FOUND
    assert out == [
        "fonttools==4.68.0: TEST-3 (keine behobene Version bekannt)",
        "jinja2==3.1.6: TEST-1 (behoben in 3.1.7)",
        "2 Pins gegen 4 Advisories aus " + str(database) + " geprüft: 2 betroffen.",
    ]


def test_without_a_database_the_audit_says_so_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = advisories.main([str(ROOT / "requirements.txt"), "--db", str(tmp_path / "none")])
    assert code == advisories.EXIT_NO_DATABASE
    assert capsys.readouterr().out.startswith(f"NICHT GEPRÜFT: Keine Advisory-Datenbank unter {tmp_path / 'none'}.")
