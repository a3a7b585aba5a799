"""Count what a model is asked to do: wraps an engine's generate and records every batch."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.engines import Model


def record_batches(model: Model) -> list[list[str]]:
    """Every batch of first attempts `model.engine.generate` receives from now on, in order
    (retries of flagged outputs, which override the decoding, are left out)."""
    calls: list[list[str]] = []
    engine = model.engine
    original = engine.generate

    def generate(
        inputs: Sequence[str],
        *,
        system: str | None = None,
        num_beams: int | None = None,
        no_repeat_ngram_size: int | None = None,
    ) -> list[str]:
        if num_beams is None and no_repeat_ngram_size is None:
            calls.append(list(inputs))
        return original(
            inputs, system=system, num_beams=num_beams, no_repeat_ngram_size=no_repeat_ngram_size
        )

    engine.generate = generate  # type: ignore[method-assign]
    return calls
