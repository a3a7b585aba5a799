"""Several processes and connections on one cache file at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from cache_helpers import child_env, rows

from summarizer.cache import schema as cache_schema
from summarizer.cache.schema import MIGRATIONS
from summarizer.cache.store import Cache


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache.sqlite"


def test_opening_waits_while_another_opener_writes_the_fresh_file(path: Path) -> None:
    # A second opener that reaches the switch to WAL while the first holds the write lock of a
    # file still in rollback mode: SQLite answers "locked" at once there, without its busy wait.
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("CREATE TABLE held (x)")
    assert writer.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    release = threading.Timer(0.5, writer.execute, ("COMMIT",))
    release.start()
    try:
        conn = cache_schema.connect(path)
    finally:
        release.join()
        writer.close()
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert [name for (name,) in conn.execute("SELECT name FROM _migrations")] == [
            name for name, _ in MIGRATIONS
        ]
    finally:
        conn.close()


_WRITER = """
import sys
from pathlib import Path
from summarizer.cache.store import Cache

path, tag = Path(sys.argv[1]), sys.argv[2]
with Cache(path) as cache:
    for i in range(200):
        items = {f"{tag} {i} {j}": f"out {tag} {i} {j}" for j in range(3)}
        cache.put_many("translation", "fp", tag, items)
        assert cache.get_many("translation", "fp", list(items)) == items
"""


def test_two_processes_write_concurrently(path: Path) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), tag],
            env=child_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("left", "right")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Cache(path) as cache:
        stats = cache.stats()
        for tag in ("left", "right"):
            sources = [f"{tag} {i} {j}" for i in range(200) for j in range(3)]
            found = cache.get_many("translation", "fp", sources)
            assert found == {s: f"out {s}" for s in sources}
    assert stats.entries == {("translation", "left"): 600, ("translation", "right"): 600}
    assert len(rows(path, "SELECT name FROM _migrations")) == len(MIGRATIONS)
