"""Cache rows that SQLite stores but Python cannot read: text that is not valid UTF-8.

SQLite does not check the encoding of TEXT values, so a damaged or hand-edited file can pass
`PRAGMA quick_check` and still fail every read with "Could not decode to UTF-8". Such rows are
found with raw-bytes reads and deleted; what they held is recomputed on the next miss.
"""

from __future__ import annotations

import sqlite3

UNDECODABLE = "Could not decode to UTF-8"
_COLUMNS = ("kind", "fingerprint", "source_hash", "source", "output", "model", "created")


def is_undecodable(exc: sqlite3.Error) -> bool:
    """True for the error sqlite3 raises when a TEXT value is not valid UTF-8."""
    return UNDECODABLE in str(exc)


def drop_undecodable(conn: sqlite3.Connection) -> int:
    """Delete every cache entry with a text column that is not valid UTF-8; returns how many."""
    previous = conn.text_factory
    conn.text_factory = bytes
    try:
        rows = conn.execute(f"SELECT rowid, {', '.join(_COLUMNS)} FROM entries").fetchall()
    finally:
        conn.text_factory = previous
    bad = [row[0] for row in rows if not all(_decodes(value) for value in row[1:])]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("DELETE FROM entries WHERE rowid = ?", [(rowid,) for rowid in bad])
        conn.execute("DELETE FROM last_run")
        conn.execute("COMMIT")
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    return len(bad)


def _decodes(value: object) -> bool:
    if not isinstance(value, bytes):
        return True
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
