"""The production settings in .streamlit/config.toml: the privacy-relevant ones hold, and every setting
is explained in docs/operations.md. (The browser tests in tests/e2e run the server with this file.)"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
OPERATIONS = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")


def settings(config: dict[str, Any]) -> list[str]:
    return [f"{section}.{key}" for section, values in config.items() for key in values]


@pytest.mark.parametrize(
    ("setting", "value", "why"),
    [
        ("browser.gatherUsageStats", False, "no telemetry from the visitor's browser"),
        ("server.address", "127.0.0.1", "loopback only, and no external-IP lookup at a third party on start"),
        ("server.headless", True, "no browser, no e-mail prompt that writes ~/.streamlit"),
        ("client.showErrorDetails", "none", "no tracebacks (which could show answers) for visitors"),
        ("client.toolbarMode", "minimal", "no developer menu"),
    ],
)
def test_privacy_setting(setting: str, value: object, why: str) -> None:
    section, key = setting.split(".")
    assert CONFIG.get(section, {}).get(key) == value, f"{setting} must be {value!r}: {why}"


def test_logger_stays_quiet() -> None:
    assert CONFIG["logger"]["level"] in {"warning", "error"}, "a debug or info log could record widget values"


def test_every_setting_is_documented() -> None:
    missing = [s for s in settings(CONFIG) if f"`{s}`" not in OPERATIONS and f"`{s.split('.')[0]}.*`" not in OPERATIONS]
    assert missing == [], f"settings without an explanation in docs/operations.md: {missing}"


def test_a_click_during_a_run_never_starts_a_second_script_thread() -> None:
    assert CONFIG["runner"]["fastReruns"] is False, "with fast reruns each replayed click ran in its own thread"
