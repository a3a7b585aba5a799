"""What every cache offers besides its rows: `with cache:` closes it; and the --no-cache
stand-in, which stores nothing and finds nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from summarizer.cache.stats import CacheStats
from summarizer.errors import CacheError
from summarizer.fileio import write_output


class Closing:
    """`with cache:` closes the cache at the end of the block."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class NullCache(Closing):
    """The --no-cache stand-in: stores nothing, finds nothing."""

    path: Path | None = None

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def get_many(self, kind: str, fingerprint: str, sources: Sequence[str]) -> dict[str, str]:
        return {}

    def put_many(self, kind: str, fingerprint: str, model: str, items: Mapping[str, str]) -> None:
        return None

    def record_run(self, hits: Mapping[str, int], misses: Mapping[str, int]) -> None:
        return None

    def stats(self) -> CacheStats:
        return CacheStats(path=None, entries={}, size_bytes=0, last_run={}, last_run_at=None)

    def clear(self, model: str | None = None) -> int:
        return 0

    def export(self, out: Path) -> int:
        return write_export(Path(out), [])

    def close(self) -> None:
        return None


def write_export(out: Path, lines: list[str]) -> int:
    try:
        write_output(out, "".join(lines))
    except OSError as exc:
        raise CacheError(f"cannot write the cache export {out}: {exc}") from exc
    return len(lines)
