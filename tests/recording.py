"""Count what a model is asked to do: wraps an engine's generate and records every batch."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines import Model


def record_batches(model: Model) -> list[list[str]]:
    """Every batch of inputs `model.engine.generate` receives from now on, in order."""
    calls: list[list[str]] = []
    engine = model.engine
    original = engine.generate

    def generate(inputs: Sequence[str], *, system: str | None = None) -> list[str]:
        calls.append(list(inputs))
        return original(inputs, system=system)

    engine.generate = generate  # type: ignore[method-assign]
    return calls
