"""A bounded producer/consumer: an iterator advanced in a background thread.

The producer (reading, cleaning, sentence splitting) runs up to `depth` items ahead of the
consumer (the models, which release the GIL), so neither waits for the other and memory stays
bounded. An exception in the producer is raised in the consumer; closing the iterator (or an
exception in the consumer) stops the producer at its next item.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
_POLL_S = 0.1


class _End:
    def __init__(self, error: BaseException | None = None) -> None:
        self.error = error


def prefetch(items: Iterable[T], depth: int = 2) -> Iterator[T]:
    """Yield `items` in order while a thread produces up to `depth` of them ahead."""
    ready: queue.Queue[T | _End] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: T | _End) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=_POLL_S)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as exc:  # handed to the consumer, which raises it
            put(_End(exc))
            return
        put(_End())

    thread = threading.Thread(target=produce, name="summarizer-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = ready.get()
            if isinstance(item, _End):
                if item.error is not None:
                    raise item.error
                return
            yield item
    finally:
        stop.set()
        thread.join()
