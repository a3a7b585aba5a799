"""What `summarizer cache stats` shows: rows per kind and model, size, the last run's hits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RunCounts:
    """Cache hits and misses of one kind in one run."""

    hits: int
    misses: int

    @property
    def hit_rate(self) -> float | None:
        total = self.hits + self.misses
        return self.hits / total if total else None


@dataclass(frozen=True)
class CacheStats:
    """What `summarizer cache stats` shows."""

    path: Path | None
    entries: dict[tuple[str, str], int]  # (kind, model) -> rows
    size_bytes: int  # database file plus its write-ahead log
    last_run: dict[str, RunCounts]  # kind -> counts of the last recorded run
    last_run_at: str | None

    @property
    def total_entries(self) -> int:
        return sum(self.entries.values())

    @property
    def last_run_hit_rate(self) -> float | None:
        return RunCounts(
            sum(c.hits for c in self.last_run.values()),
            sum(c.misses for c in self.last_run.values()),
        ).hit_rate
