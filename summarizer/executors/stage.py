"""What an executor runs: a stage it builds once per worker, and the worker the build returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

Partial = Callable[[str], None]
Worker = Callable[[str, Partial | None], str]
"""A built stage: a JSON list of texts in, a JSON payload of results out; a local executor
also hands it `partial`, called with the results of every finished batch."""


class Stage(Protocol):
    """A model stage as an executor sees it (`summarizer.pipeline.stages.Stage`): picklable,
    built once per worker."""

    @property
    def task(self) -> str: ...

    def build(self) -> Worker:
        """Load the model (once) and return the function that runs a payload through it."""
        ...
