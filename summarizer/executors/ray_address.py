"""Check a Ray cluster's address before a run creates anything: its form, then that something
answers there within a few seconds, and answers as Ray does: as a gRPC server (HTTP/2), which
Ray's GCS and its client server both are (Ray itself would retry for a minute or more)."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from summarizer.errors import UsageError

CONNECT_TIMEOUT_S = 3.0
_HTTP2_HELLO = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0])
"""HTTP/2's client preface and an empty SETTINGS frame; a gRPC server answers with its own
SETTINGS frame (a 9-byte frame header whose type, byte 3, is 4)."""
_OWN = ("auto", "local")
"""Addresses that are no host: ray.init's "a running cluster on this machine" and "start one"."""


def check_address(address: str | None) -> None:
    """UsageError (one line) unless `address` (else RAY_ADDRESS) is HOST:PORT or
    ray://HOST:PORT and accepts a connection within CONNECT_TIMEOUT_S; no address, "auto" and
    "local" are left to Ray."""
    given, source = (
        (address, "--ray-address") if address else (os.environ.get("RAY_ADDRESS"), "RAY_ADDRESS")
    )
    if not given or given in _OWN:
        return
    host, port = parse_address(given, source)
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S) as connection:
            reason = None if _speaks_grpc(connection) else "it answers, but not as Ray (gRPC)"
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else exc.strerror or str(exc)
    if reason:
        raise UsageError(
            f"cannot reach the Ray cluster at {given} ({source}): {reason} within "
            f"{CONNECT_TIMEOUT_S:g} s; start it with `ray start --head` or fix the address"
        )


def _speaks_grpc(connection: socket.socket) -> bool:
    """Whether the server on `connection` answers HTTP/2's greeting with a SETTINGS frame."""
    connection.sendall(_HTTP2_HELLO)
    head = b""
    while len(head) < 9:
        chunk = connection.recv(9 - len(head))
        if not chunk:
            return False
        head += chunk
    return head[3] == 4


def parse_address(address: str, source: str) -> tuple[str, int]:
    """(host, port) of HOST:PORT or ray://HOST:PORT."""
    parts = urlsplit(address if "://" in address else f"//{address}")
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in ("", "ray") or not parts.hostname or port is None or parts.path:
        raise UsageError(
            f"{source} must be HOST:PORT or ray://HOST:PORT (or auto, local), got {address!r}"
        )
    return parts.hostname, port
