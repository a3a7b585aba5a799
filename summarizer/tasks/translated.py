"""What translating gives back: `Translated` for a whole request (aligned with the sources),
`Computed` for the cache misses a worker translated."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.checks import Flag
    from summarizer.names import Pair


@dataclass(frozen=True)
class Translated:
    """Translations aligned with the sources, with where each came from and what it cost,
    the checks' flags on each, and for a retried segment what the first attempt gave."""

    texts: list[str]
    cached: list[bool]
    seconds: list[float]
    flags: list[list[Flag]]
    retries: list[dict[str, object] | None]
    terms: list[list[Pair]]

    @property
    def hits(self) -> int:
        return sum(self.cached)

    @property
    def misses(self) -> int:
        return len(self.cached) - self.hits


@dataclass(frozen=True)
class Computed:
    """Translations of cache misses, computed without the cache (what a worker returns):
    source → translation, source → its retry record (JSON), source → seconds spent."""

    texts: dict[str, str]
    retries: dict[str, str]
    seconds: dict[str, float]
