"""Sorting more lines than should be held in memory: sorted runs in temporary files, merged."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

CHUNK_LINES = 5_000
"""Lines sorted in memory at a time; more make another temporary file."""


def sorted_lines(lines: Iterable[str], key: Callable[[str], str], folder: Path) -> Iterator[str]:
    """`lines` (each ending in a newline) sorted by `key`, stably, holding about CHUNK_LINES
    of them in memory; the temporary files live in `folder` and are gone when this is
    exhausted or closed."""
    chunk = CHUNK_LINES
    source = iter(lines)
    first = sorted(itertools.islice(source, chunk), key=key)
    if len(first) < chunk:
        yield from first
        return
    with contextlib.ExitStack() as stack:
        runs = []
        part: list[str] = first
        while part:
            run = stack.enter_context(
                tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=folder)
            )
            run.writelines(part)
            run.seek(0)
            runs.append(run)
            part = sorted(itertools.islice(source, chunk), key=key)
        yield from heapq.merge(*runs, key=key)
