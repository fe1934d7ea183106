"""Outbound-connection guard for the Streamlit server under test. Installed as ``sitecustomize``.

The e2e server fixture copies this file to ``<tmp>/site/sitecustomize.py`` and puts that folder on the
server's PYTHONPATH. Python imports ``sitecustomize`` at start-up, before Streamlit runs, so every
socket the server process opens goes through the wrappers below:

- ``socket.getaddrinfo`` (name lookups, also asyncio's and urllib3's),
- ``socket.create_connection`` (urllib3/requests, http.client),
- ``socket.socket.connect`` and ``connect_ex`` (everything else, including asyncio's ``sock_connect``).

Each call whose destination is not a loopback address is written to the file named by
``LOTSE_OUTBOUND_LOG`` (one JSON object per line, with a short stack) and then refused, so a test
machine with network access never leaks anything either. Loopback destinations pass untouched. The
guard also writes the process id to ``LOTSE_GUARD_ARMED``, so a test can tell "no outbound call"
apart from "the guard never loaded". Without ``LOTSE_OUTBOUND_LOG`` set, this module does nothing.

With ``LOTSE_OUTBOUND_HANG`` set to a number of seconds, a lookup of a non-loopback name first waits that
long, as a resolver that never answers would (tests/e2e/test_origin.py): a lookup on the server's path
then shows as a stalled answer, not only as a line in the log.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import os
import socket
import threading
import time
import traceback
from typing import Any

_LOG = os.environ.get("LOTSE_OUTBOUND_LOG")
_ARMED = os.environ.get("LOTSE_GUARD_ARMED")
_HANG_S = float(os.environ.get("LOTSE_OUTBOUND_HANG") or 0)
_LOCK = threading.Lock()
_LOCAL_NAMES = {"", "localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def is_local(host: Any) -> bool:
    """True for loopback (and the unspecified address, which also means this machine)."""
    if host is None:  # getaddrinfo(None, port): the local host
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    name = str(host).strip("[]").lower()
    if name in _LOCAL_NAMES or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name.split("%", 1)[0])
    except ValueError:
        return False  # any other host name would need a lookup: outbound
    return address.is_loopback or address.is_unspecified


def _record(call: str, host: Any, port: Any) -> None:
    entry = {
        "call": call,
        "host": host.decode("ascii", "replace") if isinstance(host, bytes) else str(host),
        "port": str(port),
        "pid": os.getpid(),
        "stack": [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_stack(limit=12)[:-2]],
    }
    with _LOCK, open(_LOG or os.devnull, "a", encoding="utf-8") as log:
        log.write(json.dumps(entry) + "\n")


def _inet_destination(address: Any) -> tuple[Any, Any] | None:
    """(host, port) of an AF_INET/AF_INET6 address tuple; None for Unix sockets and the like."""
    if isinstance(address, tuple) and len(address) >= 2:
        return address[0], address[1]
    return None


def _install() -> None:
    original_getaddrinfo = socket.getaddrinfo
    original_create_connection = socket.create_connection
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_local(host):
            _record("getaddrinfo", host, port)
            time.sleep(_HANG_S)
            raise socket.gaierror(socket.EAI_NONAME, f"outbound lookup of {host!r} refused by the test guard")
        return original_getaddrinfo(host, port, *args, **kwargs)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        destination = _inet_destination(address)
        if destination and not is_local(destination[0]):
            _record("create_connection", *destination)
            raise OSError(errno.ENETUNREACH, f"outbound connection to {address!r} refused by the test guard")
        return original_create_connection(address, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> None:
        destination = _inet_destination(address)
        if destination and not is_local(destination[0]):
            _record("connect", *destination)
            raise OSError(errno.ENETUNREACH, f"outbound connection to {address!r} refused by the test guard")
        return original_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        destination = _inet_destination(address)
        if destination and not is_local(destination[0]):
            _record("connect_ex", *destination)
            return errno.ENETUNREACH
        return original_connect_ex(self, address)

    socket.getaddrinfo = getaddrinfo
    socket.create_connection = create_connection
    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    if _ARMED:
        with open(_ARMED, "a", encoding="utf-8") as armed:
            armed.write(f"{os.getpid()}\n")


if _LOG:
    _install()
