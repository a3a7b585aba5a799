"""How many threads an engine may use: the same rule for every backend."""

from __future__ import annotations

import os

from summarizer.errors import UsageError


def threads(inter_threads: int, intra_threads: int) -> tuple[int, int]:
    """(inter, intra) with intra 0 meaning the cores left per inter thread; never oversubscribed."""
    cores = os.cpu_count() or 1
    if inter_threads < 1 or intra_threads < 0:
        raise UsageError("inter_threads must be at least 1 and intra_threads at least 0")
    intra = intra_threads or max(1, cores // inter_threads)
    if inter_threads * intra > cores:
        raise UsageError(
            f"inter_threads × intra_threads = {inter_threads * intra} exceeds the {cores} cores"
        )
    return inter_threads, intra
