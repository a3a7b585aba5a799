"""Where the model stages run: in this process (`local`) or on a Ray cluster (`ray`).

An executor maps a `Stage` over units of work: pairs of a key (kept by the driver, never sent)
and a JSON payload of texts. It yields `(key, result payload)` as results come back, in any
order; a unit with nothing to do (payload None: the cache had everything) is passed through
without running the stage, so a run answered from the cache never loads a model or starts Ray.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

from summarizer.errors import UsageError

if TYPE_CHECKING:
    from summarizer.executors.stage import Stage

K = TypeVar("K")
EXECUTORS = ("local", "ray")


class Executor(Protocol):
    def map(
        self,
        stage: Callable[[], Stage],
        work: Iterable[tuple[K, str | None]],
        partial: Callable[[K, str], None] | None = None,
    ) -> Iterator[tuple[K, str | None]]:
        """Run `stage()` (built on first real work) over `work`; yield each result. An
        executor may also report finished batches of a unit early through `partial`."""
        ...


def make_executor(name: str, address: str | None = None) -> Executor:
    """The executor called `name`; `address` is the Ray cluster's (ray only)."""
    if name == "local":
        if address:
            raise UsageError("--ray-address needs --executor ray")
        from summarizer.executors.local import LocalExecutor

        return LocalExecutor()
    if name == "ray":
        from summarizer.executors.ray_address import check_address
        from summarizer.executors.ray_data import RayExecutor

        check_address(address)
        return RayExecutor(address)
    raise UsageError(f"unknown executor {name!r}; choose one of: {', '.join(EXECUTORS)}")
