"""The Ray executor: stages run in a pool of Ray Data actors, each loading its model once.

The driver collects the units with work (cache misses only), ships them as one dataset through
`map_batches` with an actor pool, and yields results as they return; units without work pass
straight through, so a run answered from the cache never starts Ray. Ray connects to
`--ray-address`, else to `RAY_ADDRESS`, else to a running `ray.init`, else starts a local one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from summarizer.errors import UsageError

if TYPE_CHECKING:
    from summarizer.executors.stage import Stage

K = TypeVar("K")
MISSING = "the ray executor needs Ray Data: pip install 'summarizer[ray]'"


def import_ray() -> Any:
    """`ray` with Ray Data, or a one-line error naming the extra that installs it."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise UsageError(MISSING) from None
    return ray


class StageActor:
    """Ray Data's callable class: builds the stage once per actor, then runs every batch."""

    def __init__(self, stage: Stage) -> None:
        self.worker = stage.build()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        outputs = [self.worker(str(payload), None) for payload in batch["payload"]]
        return {"id": batch["id"], "output": np.array(outputs, dtype=object)}


class RayExecutor:
    def __init__(self, address: str | None = None) -> None:
        self.ray = import_ray()
        self.address = address

    def map(
        self,
        stage: Callable[[], Stage],
        work: Iterable[tuple[K, str | None]],
        partial: Callable[[K, str], None] | None = None,
    ) -> Iterator[tuple[K, str | None]]:
        """Results come back per unit (a window's translations); `partial` is not used."""
        keys: list[K] = []
        rows: list[dict[str, Any]] = []
        for key, payload in work:
            if payload is None:
                yield key, None
                continue
            rows.append({"id": len(keys), "payload": payload})
            keys.append(key)
        if not rows:
            return
        for row in self._dataset(stage(), rows).iter_rows():
            yield keys[int(row["id"])], str(row["output"])

    def _dataset(self, stage: Stage, rows: list[dict[str, Any]]) -> Any:
        ray = self.ray
        if not ray.is_initialized():
            try:
                ray.init(address=self.address, logging_level=logging.WARNING)
            except (ConnectionError, RuntimeError, TimeoutError, ValueError) as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                where = self.address or "RAY_ADDRESS or a local Ray"
                raise UsageError(f"cannot start or join Ray ({where}): {first}") from exc
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        size, resources = pool(ray.cluster_resources(), stage.settings.device)
        return ray.data.from_items(rows).map_batches(
            StageActor,
            fn_constructor_kwargs={"stage": stage},
            batch_size=1,
            compute=ray.data.ActorPoolStrategy(size=size),
            **resources,
        )


def pool(resources: dict[str, float], device: str) -> tuple[int, dict[str, float]]:
    """Actors and each one's resources: one per GPU on CUDA, else one CPU each while one CPU
    stays free for Ray Data's read tasks (actors holding every CPU can stall the dataset)."""
    gpus = int(resources.get("GPU", 0))
    if gpus and device in ("auto", "cuda"):
        return gpus, {"num_gpus": 1}
    cpus = int(resources.get("CPU", 1))
    return max(1, cpus - 1), {"num_cpus": 1}
