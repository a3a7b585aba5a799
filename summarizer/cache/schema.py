"""The cache's SQLite file: opening it, telling ours from other files, numbered migrations.

Migrations apply in order, each once, recorded by name in `_migrations` (after Simon Willison's
`llm`); the application id in the SQLite header marks a file as ours.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from summarizer.errors import CacheError

BUSY_TIMEOUT_S = 30.0
WAL_RETRY_S = 0.05
# Stored in the SQLite header (PRAGMA application_id): tells our caches from other apps' files.
APPLICATION_ID = int.from_bytes(b"SUMZ", "big")

# Applied in order, each once, and recorded by name in `_migrations`. Only ever append.
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "001_entries",
        (
            """
            CREATE TABLE entries (
                kind TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                source_hash TEXT NOT NULL,
                source TEXT NOT NULL,
                output TEXT NOT NULL,
                model TEXT NOT NULL,
                created TEXT NOT NULL,
                PRIMARY KEY (kind, fingerprint, source_hash)
            )
            """,
        ),
    ),
    (
        "002_last_run",
        (
            """
            CREATE TABLE last_run (
                kind TEXT PRIMARY KEY,
                hits INTEGER NOT NULL,
                misses INTEGER NOT NULL,
                recorded TEXT NOT NULL
            )
            """,
        ),
    ),
)


SQLITE_MAGIC = b"SQLite format 3\x00"
OUR_TABLES = frozenset({"_migrations", "entries"})


class UnusableFile(CacheError):
    """The file at the cache path is a cache of ours, damaged: safe to move aside."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(message(path, f"it {reason}"))
        self.reason = reason


def connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    try:
        check_ours(conn, path)
        enable_wal(conn)
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path, *, immutable: bool) -> sqlite3.Connection:
    """Open the cache for reading only (SQLite `mode=ro`): nothing is migrated, switched or
    written. `immutable`, for a file no process has open for writing (it has no `-wal` file),
    also takes no locks, so no `-wal` or `-shm` file is made: it reads a read-only file in a
    read-only folder, and leaves nothing behind in any. Text that is not valid UTF-8 reads as
    U+FFFD (a writing command drops such entries)."""
    query = "mode=ro&immutable=1" if immutable else "mode=ro"
    conn = sqlite3.connect(
        f"{Path(os.path.abspath(path)).as_uri()}?{query}",
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.text_factory = lambda value: value.decode("utf-8", "replace")
    try:
        check_ours(conn, path)
    except BaseException:
        conn.close()
        raise
    return conn


def check_ours(conn: sqlite3.Connection, path: Path) -> None:
    """Pass the file when it is empty or a sound database of ours; raise UnusableFile for a
    damaged cache of ours (recognised by the application id in its SQLite header, or by its
    tables), and a plain CacheError, which leaves the file alone, for anything else."""
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master")]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.OperationalError:
        raise  # I/O or permission trouble: not the file's fault, never move it
    except sqlite3.DatabaseError as exc:  # SQLITE_CORRUPT, SQLITE_NOTADB
        if _header_is_ours(path):
            raise UnusableFile(path, f"is corrupt ({exc})") from exc
        raise _foreign(path, str(exc)) from exc
    if problems != ["ok"]:
        first = " ".join(problems[0].split())  # SQLite's report spans lines
        if app_id == APPLICATION_ID or set(tables) >= OUR_TABLES:
            raise UnusableFile(path, f"is corrupt (integrity check: {first})")
        raise _foreign(path, f"a damaged database: {first}")
    if tables and app_id != APPLICATION_ID:
        names = ", ".join(sorted(tables)[:5])
        raise _foreign(path, f"another application's database, tables: {names}")


def _foreign(path: Path, detail: str) -> CacheError:
    """A file that is not a cache of ours: an error that leaves it where and as it is."""
    return CacheError(message(path, f"it is not a summarizer cache ({detail}); left as it is"))


def _header_is_ours(path: Path) -> bool:
    """The file starts with an SQLite header that carries our application id."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return header.startswith(SQLITE_MAGIC) and header[68:72] == APPLICATION_ID.to_bytes(4, "big")


def enable_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting up to the busy timeout for another opener's write.

    SQLite answers "database is locked" at once here rather than calling the busy handler (the
    switch upgrades a read lock, which could deadlock), so the wait is ours to do.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_S)


def migrate(conn: sqlite3.Connection) -> None:
    """Apply pending migrations under the write lock, so concurrent openers apply each once."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        # A header write: fails here if the file is read-only, not after the first batch is done.
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
        )
        applied = {row[0] for row in conn.execute("SELECT name FROM _migrations")}
        pending = [(name, sql) for name, sql in MIGRATIONS if name not in applied]
        for name, statements in pending:
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO _migrations (name, applied) VALUES (?, ?)", (name, now()))
        # With nothing to apply, roll the probe back so that an ordinary open writes nothing.
        conn.execute("COMMIT" if pending else "ROLLBACK")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE (waits up to the busy timeout for other writers), COMMIT or ROLLBACK."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def message(path: Path, detail: str) -> str:
    return (
        f"cannot use the cache at {path}: {detail}; "
        "pass --cache PATH to use another file or --no-cache to run without a cache"
    )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
