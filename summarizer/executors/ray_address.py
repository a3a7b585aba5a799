"""Check a Ray cluster's address before a run creates anything: its form, then that something
answers there within a few seconds (Ray itself would retry for minutes)."""

from __future__ import annotations

import os
import socket
from urllib.parse import urlsplit

from summarizer.errors import UsageError

CONNECT_TIMEOUT_S = 3.0
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
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        reason = "no answer" if isinstance(exc, TimeoutError) else exc.strerror or str(exc)
        raise UsageError(
            f"cannot reach the Ray cluster at {given} ({source}): {reason} within "
            f"{CONNECT_TIMEOUT_S:g} s; start it with `ray start --head` or fix the address"
        ) from None


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
