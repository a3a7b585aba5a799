"""The local executor: stages run in this process, one unit of work at a time, lazily."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from summarizer.executors.stage import Stage, Worker

K = TypeVar("K")


class LocalExecutor:
    """Runs each unit as it arrives, so a stream stays a stream; one worker per stage, and
    every finished batch reported through `partial` (the driver caches it at once)."""

    def __init__(self) -> None:
        self._workers: dict[str, Worker] = {}

    def map(
        self,
        stage: Callable[[], Stage],
        work: Iterable[tuple[K, str | None]],
        partial: Callable[[K, str], None] | None = None,
    ) -> Iterator[tuple[K, str | None]]:
        for key, payload in work:
            if payload is None:
                yield key, None
                continue
            report = functools.partial(partial, key) if partial else None
            yield key, self._worker(stage)(payload, report)

    def _worker(self, stage: Callable[[], Stage]) -> Worker:
        built = stage()
        if built.task not in self._workers:
            self._workers[built.task] = built.build()
        return self._workers[built.task]
