"""SQLite translation memory: cached translations and summaries, keyed by source and fingerprint.

Rows are keyed by ``(kind, fingerprint, sha256(normalised source))``. The caller's fingerprint
covers everything that changes the output (model id and revision, backend, compute type, decoding
settings), so a change to any of them misses and an unchanged setup hits.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summarizer.cache.null import Closing, write_export
from summarizer.cache.repair import drop_undecodable, is_undecodable
from summarizer.cache.schema import (
    UnusableFile,
    connect,
    connect_read_only,
    message,
    now,
    transaction,
)
from summarizer.cache.stats import CacheStats, RunCounts
from summarizer.errors import CacheError

_EXPORT_FIELDS = ("kind", "model", "fingerprint", "source", "output", "created")
_CHUNK = 500  # source hashes per SELECT, well under SQLite's bound-variable limit


def normalize_source(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped: the text a cache key is built from."""
    return " ".join(unicodedata.normalize("NFC", text).split())


class Cache(Closing):
    """The on-disk cache; each write is one transaction, committed before the method returns.

    One cache may be used from several threads (a run segments articles in a background
    thread): every statement runs under one lock."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        """Open (or create) the cache at `path`. A damaged cache of ours is moved aside and
        started afresh, unless `read_only` (for commands that only look): then it is an error,
        as is a file that is not a cache of ours."""
        self.path = Path(path)
        self.read_only = read_only
        self._lock = threading.RLock()
        self.warnings: list[str] = []
        self.on_warning: Callable[[str], None] | None = None
        self._immutable = False
        self._stamp: tuple[int, ...] = ()
        self._conn = self._open()

    def get_many(self, kind: str, fingerprint: str, sources: Sequence[str]) -> dict[str, str]:
        """Cached outputs for the sources that have one, keyed by the source as given."""
        by_hash: dict[str, list[str]] = {}
        for source in sources:
            by_hash.setdefault(_source_hash(normalize_source(source)), []).append(source)
        hashes = list(by_hash)
        found: dict[str, str] = {}
        for start in range(0, len(hashes), _CHUNK):
            chunk = hashes[start : start + _CHUNK]
            rows = self._read(
                "SELECT source_hash, output FROM entries WHERE kind = ? AND fingerprint = ?"
                f" AND source_hash IN ({', '.join('?' * len(chunk))})",
                (kind, fingerprint, *chunk),
            )
            for source_hash, output in rows:
                found.update(dict.fromkeys(by_hash[source_hash], output))
        return found

    def put_many(self, kind: str, fingerprint: str, model: str, items: Mapping[str, str]) -> None:
        """Store source -> output pairs, replacing existing ones (so --refresh overwrites)."""
        created = now()
        rows = []
        for source, output in items.items():
            normalized = normalize_source(source)
            rows.append(
                (kind, fingerprint, _source_hash(normalized), normalized, output, model, created)
            )
        if not rows:
            return
        with self._lock, self._errors(), transaction(self._conn) as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO entries"
                " (kind, fingerprint, source_hash, source, output, model, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )

    def record_run(self, hits: Mapping[str, int], misses: Mapping[str, int]) -> None:
        """Replace the last run's per-kind hit and miss counts."""
        recorded = now()
        rows = [
            (kind, hits.get(kind, 0), misses.get(kind, 0), recorded)
            for kind in sorted({*hits, *misses})
        ]
        with self._lock, self._errors(), transaction(self._conn) as conn:
            conn.execute("DELETE FROM last_run")
            conn.executemany(
                "INSERT INTO last_run (kind, hits, misses, recorded) VALUES (?, ?, ?, ?)", rows
            )

    def stats(self) -> CacheStats:
        """Entries by kind and model, size on disk and the last run's counts."""
        entries = self._read(
            "SELECT kind, model, COUNT(*) FROM entries GROUP BY kind, model ORDER BY kind, model"
        )
        last = self._read("SELECT kind, hits, misses, recorded FROM last_run ORDER BY kind")
        size = sum(p.stat().st_size for p in (self.path, _sidecar(self.path, "-wal")) if p.exists())
        return CacheStats(
            path=self.path,
            entries={(kind, model): count for kind, model, count in entries},
            size_bytes=size,
            last_run={kind: RunCounts(h, m) for kind, h, m, _ in last},
            last_run_at=last[0][3] if last else None,
        )

    def clear(self, model: str | None = None) -> int:
        """Delete all entries, or those of one model; returns the number deleted."""
        with self._errors():
            with transaction(self._conn) as conn:
                if model is None:
                    deleted = conn.execute("DELETE FROM entries").rowcount
                else:
                    deleted = conn.execute("DELETE FROM entries WHERE model = ?", (model,)).rowcount
            self._conn.execute("VACUUM")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def export(self, out: Path) -> int:
        """Write every entry as a JSON line (atomically); returns the number written. The
        cache's own files are refused."""
        own = [self.path, _sidecar(self.path, "-wal"), _sidecar(self.path, "-shm")]
        if Path(os.path.realpath(out)) in {Path(os.path.realpath(p)) for p in own}:
            raise CacheError(f"refusing to export the cache {self.path} over its own files")
        rows = self._read(
            "SELECT kind, model, fingerprint, source, output, created FROM entries"
            " ORDER BY kind, model, fingerprint, source"
        )
        lines = [
            json.dumps(dict(zip(_EXPORT_FIELDS, row, strict=True)), ensure_ascii=False) + "\n"
            for row in rows
        ]
        return write_export(Path(out), lines)

    def close(self) -> None:
        self._conn.close()

    def _read(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query; entries that are not valid UTF-8 are dropped first if it meets one.
        A read-only cache read without locks is read again with them when another process
        wrote to it meanwhile."""
        with self._lock:
            rows = self._read_unlocked(sql, parameters)
            if self._immutable and _stamp(self.path) != self._stamp:
                self._conn.close()
                self._immutable = False
                with self._errors():
                    self._conn = connect_read_only(self.path, immutable=False)
                rows = self._read_unlocked(sql, parameters)
            return rows

    def _read_unlocked(self, sql: str, parameters: Sequence[object]) -> list[tuple[Any, ...]]:
        if self.read_only:  # nothing is migrated: a table an older cache lacks holds no rows
            with self._errors():
                try:
                    return self._conn.execute(sql, parameters).fetchall()
                except sqlite3.OperationalError as exc:
                    if "no such table" not in str(exc):
                        raise
                    return []
        try:
            with self._errors():
                return self._conn.execute(sql, parameters).fetchall()
        except _Undecodable:
            with self._errors():
                dropped = drop_undecodable(self._conn)
            self.warn(
                f"cache {self.path} held {dropped} entries that are not valid UTF-8; "
                "dropped them (they are recomputed when needed)"
            )
        with self._errors():
            return self._conn.execute(sql, parameters).fetchall()

    def warn(self, message: str) -> None:
        """Keep a warning and pass it to `on_warning` (the CLI prints it at once)."""
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)

    def _open(self) -> sqlite3.Connection:
        if self.path.is_symlink():
            raise CacheError(message(self.path, "it is a symbolic link, which is not followed"))
        if self.read_only:
            if not self.path.is_file():
                raise CacheError(message(self.path, "there is no cache file there"))
            self._stamp = _stamp(self.path)
            self._immutable = not _sidecar(self.path, "-wal").exists()
            with self._errors():
                return connect_read_only(self.path, immutable=self._immutable)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(message(self.path, f"cannot create its folder ({exc})")) from exc
        try:
            with self._errors():
                return connect(self.path)
        except UnusableFile as exc:
            if self.read_only:
                raise
            self.warnings.append(self._move_aside(exc.reason))
        with self._errors():
            return connect(self.path)

    def _move_aside(self, reason: str) -> str:
        """Rename the file (and its WAL files) to a timestamped backup; returns the warning."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while backup.exists():
            backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            self.path.rename(backup)
            for suffix in ("-wal", "-shm"):
                if _sidecar(self.path, suffix).exists():
                    _sidecar(self.path, suffix).rename(_sidecar(backup, suffix))
        except OSError as exc:
            raise CacheError(
                message(self.path, f"it {reason} and cannot be moved aside ({exc})")
            ) from exc
        return f"cache file {self.path} {reason}; moved it to {backup} and started a fresh cache"

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn SQLite failures (read-only, disk full, cannot open, locked) into CacheError."""
        try:
            yield
        except sqlite3.ProgrammingError:
            raise  # misuse such as a closed cache: a bug, not something the user can fix
        except sqlite3.DatabaseError as exc:
            if is_undecodable(exc):
                raise _Undecodable(message(self.path, str(exc))) from exc
            raise CacheError(message(self.path, str(exc))) from exc


class _Undecodable(CacheError):
    """A read met text that is not valid UTF-8."""


def _source_hash(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _stamp(path: Path) -> tuple[int, ...]:
    """What changes when a process writes the cache: the file's identity, size and time, and
    whether it has a `-wal` file (a writer has it open)."""
    try:
        info = path.stat()
    except OSError:
        return ()
    wal = _sidecar(path, "-wal").exists()
    return (info.st_ino, info.st_size, info.st_mtime_ns, int(wal))
