"""Model calls that Ctrl-C and SIGTERM can stop at once.

A CTranslate2 or torch generate call runs in C++ for as long as a batch takes, and Python runs
signal handlers only between bytecodes of the main thread: a batch of minutes would hold off
Ctrl-C for minutes. `run` does the call in a daemon thread and has the main thread wait in short
steps, so the handler runs (and raises KeyboardInterrupt) within a fraction of a second. The
batches finished before are already in the cache, written by the main thread; the abandoned
call is left to die with the process (`busy` tells the CLI to exit without waiting for it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
WAIT_STEP_S = 0.2
_running: set[threading.Thread] = set()


def run(call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`call(*args, **kwargs)`, interruptible when made from the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return call(*args, **kwargs)
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def work() -> None:
        try:
            outcome["value"] = call(*args, **kwargs)
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            done.set()

    thread = threading.Thread(target=work, name="summarizer-model-call", daemon=True)
    _running.add(thread)
    thread.start()
    while not done.wait(WAIT_STEP_S):
        pass
    _running.discard(thread)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def busy() -> bool:
    """True while an interrupted model call is still running in its thread."""
    return any(thread.is_alive() for thread in _running)


class Interruptible:
    """An engine whose `generate` and `sample` run through `run`; everything else is the
    engine's own."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)

    def generate(self, *args: Any, **kwargs: Any) -> list[str]:
        return run(self._engine.generate, *args, **kwargs)

    def sample(self, *args: Any, **kwargs: Any) -> list[list[str]]:
        return run(self._engine.sample, *args, **kwargs)
