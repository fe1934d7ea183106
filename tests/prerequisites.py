"""Skipping for a missing prerequisite (nginx, chromium), shared by unit and browser tests without the
browser tests' imports (Playwright alone takes ~0.16 s to import in every test process)."""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip when a prerequisite is missing; with CI=true fail instead, so CI never skips silently."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (CI=true: a missing prerequisite is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)
