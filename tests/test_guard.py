"""The guard's websocket rules without a server: which Origin opens a session, that a refusal never reaches
Streamlit, that the table in docs/operations.md says what the guard does, and that Streamlit's address
lookups (checkip.amazonaws.com, a socket towards 8.8.8.8) are switched off. The running server is tested
in tests/e2e/test_origin.py."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest
from streamlit import net_util

from deploy import guard
from deploy.guard import Guard, allowed_origin, origin_key

ROOT = Path(__file__).resolve().parents[1]
HOST = "lotse.example.de"
PUBLIC = frozenset({"https://lotse.example.org:443"})


def guard_table() -> list[list[str]]:
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("### What the guard refuses, and why", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows[1:]]


def origins_of(example: str) -> list[str]:
    return [] if example == "(no Origin header)" else re.findall(r"`([^`]+)`", example.split(",", maxsplit=1)[0])


ORIGIN_ROWS = [row for row in guard_table() if row[0].startswith("websocket") and "Origin" in row[1]]


def test_the_table_names_every_kind_of_origin() -> None:
    assert len(ORIGIN_ROWS) == 9
    assert {row[2].split()[0] for row in ORIGIN_ROWS} == {"101", "403", "400"}


@pytest.mark.parametrize("row", ORIGIN_ROWS, ids=[row[0] for row in ORIGIN_ROWS])
def test_every_row_of_the_table_is_what_the_guard_does(row: list[str]) -> None:
    opens = allowed_origin(origins_of(row[1]), HOST, PUBLIC)
    assert opens == row[2].startswith("101"), row


@pytest.mark.parametrize(
    ("origins", "host", "opens"),
    [
        (["http://127.0.0.1:8501"], "127.0.0.1:8501", True),
        (["HTTP://LOCALHOST:8501"], "localhost:8501", True),
        (["https://lotse.example.de:443"], "lotse.example.de", True),
        (["http://localhost:8502"], "localhost:8501", False),
        (["http://localhost:8501"], "127.0.0.1:8501", False),
        (["https://evil.example"], "evil.example:8501", False),
        (["https://lotse.example.de"], None, False),
        (["https://lotse.example.de"], "lotse.example.de/x", False),
        (["javascript:alert(1)"], "lotse.example.de", False),
        (["https://lotse.example.de:99999"], "lotse.example.de", False),
    ],
)
def test_only_the_pages_own_origin_opens(origins: list[str], host: str | None, opens: bool) -> None:
    assert allowed_origin(origins, host, frozenset()) is opens


def test_origin_keys_write_the_default_port_out() -> None:
    assert origin_key("https://Lotse.Example.de") == "https://lotse.example.de:443"
    assert origin_key("http://[::1]:8501") == "http://::1:8501"
    assert origin_key("null") is None


def test_a_refused_handshake_never_reaches_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "page_icon_path", lambda: "/media/icon.png")
    called: list[Any] = []

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        called.append(scope)

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    scope = {
        "type": "websocket",
        "path": "/_stcore/stream",
        "headers": [(b"host", b"127.0.0.1:8501"), (b"origin", b"http://localhost:9999")],
    }
    asyncio.run(Guard(streamlit)(scope, receive, send))
    assert (called, sent) == ([], [{"type": "websocket.close", "code": 1008}])
    scope["headers"] = [(b"host", b"127.0.0.1:8501"), (b"origin", b"http://127.0.0.1:8501")]
    asyncio.run(Guard(streamlit)(scope, receive, send))
    assert called == [scope]


def test_a_visitor_who_leaves_is_not_a_broken_frame(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(guard, "page_icon_path", lambda: "/media/icon.png")

    async def streamlit(scope: Any, receive: Any, send: Any) -> None:
        await receive()
        raise RuntimeError("Cannot call receive once a disconnect message has been received.")

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.disconnect", "code": 1001}

    async def send(message: dict[str, Any]) -> None:
        raise AssertionError("nothing is sent to a browser that left")

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": []}
    asyncio.run(Guard(streamlit)(scope, receive, send))
    assert "not a Streamlit message" not in caplog.text


def test_streamlit_never_looks_up_the_machines_address(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(net_util, "_make_blocking_http_get", lambda url, timeout=5: asked.append(url))
    for name in guard.ADDRESS_LOOKUPS:
        monkeypatch.setattr(net_util, name, getattr(net_util, name))  # restored after the test
    monkeypatch.setattr(net_util, "_external_ip", None)
    guard.no_address_lookups()
    assert (net_util.get_external_ip(), net_util.get_internal_ip(), asked) == (None, None, [])


def test_serve_switches_the_lookups_off() -> None:
    source = (ROOT / "serve.py").read_text(encoding="utf-8")
    assert "no_address_lookups()" in source and "answer_broken_handshakes()" in source
