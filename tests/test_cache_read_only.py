"""`cache stats` and `cache export` only read: they open the cache read-only, work on a
read-only file in a read-only folder, and leave the cache and its folder as they found them."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summarizer.cache.store import Cache
from summarizer.cli import app

REPO_ROOT = Path(__file__).resolve().parents[1]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["cache", *args])


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in `folder` with its bytes and modification time."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@contextlib.contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """The paths cannot be written, even by root (who ignores permission bits): chmod for
    others, the immutable attribute for root where the system lets it be set."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        made = []
        try:
            for path in paths:
                done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
                if done.returncode != 0:
                    pytest.skip("root, and the immutable attribute cannot be set here")
                made.append(path)
            yield
        finally:
            for path in reversed(made):
                subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    modes = {path: path.stat().st_mode for path in paths}
    try:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield
    finally:
        for path, mode in reversed(modes.items()):
            path.chmod(mode)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    path = tmp_path / "caches" / "cache.sqlite"
    with Cache(path) as opened:
        opened.put_many("translation", "fp", "opus", {"하나": "one", "둘": "two"})
        opened.record_run({"translation": 1}, {"translation": 1})
    return path


def test_stats_and_export_work_on_a_read_only_cache_in_a_read_only_folder(
    cache: Path, tmp_path: Path
) -> None:
    folder = cache.parent
    before = state(folder)
    with read_only(cache, folder):
        stats = invoke("stats", "--cache", str(cache), "--json")
        assert stats.exit_code == 0, stats.output
        assert json.loads(stats.stdout)["total_entries"] == 2
        exported = invoke("export", str(tmp_path / "memory.jsonl"), "--cache", str(cache))
        assert exported.exit_code == 0, exported.output
        assert invoke("stats", "--cache", str(cache)).exit_code == 0
    assert len((tmp_path / "memory.jsonl").read_text().splitlines()) == 2
    assert state(folder) == before, "no -wal or -shm file, the cache unchanged"


def test_reading_leaves_a_killed_writers_log_and_the_file_alone(cache: Path) -> None:
    """A writer killed with its log not yet copied into the file: the readers see its rows,
    and neither copy the log in nor delete it (which only a writing command may do)."""
    writer = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from summarizer.cache.store import Cache\n"
        "cache = Cache(Path(sys.argv[1]))\n"
        "cache.put_many('summary', 'fp', 'bart', {'article': 'summary'})\n"
        "os.kill(os.getpid(), 9)\n"
    )
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    subprocess.run([sys.executable, "-c", writer, str(cache)], env=env, check=False)
    assert Path(f"{cache}-wal").stat().st_size > 0
    before = state(cache.parent)
    stats = invoke("stats", "--cache", str(cache), "--json")
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["total_entries"] == 3
    exported = invoke("export", str(cache.parent.parent / "memory.jsonl"), "--cache", str(cache))
    assert exported.exit_code == 0 and "exported 3 entries" in exported.output
    after = state(cache.parent)
    assert sorted(after) == sorted(before)
    shm = f"{cache.name}-shm"  # SQLite's scratch index of the log, which a reader rebuilds
    assert {k: v for k, v in after.items() if k != shm} == {
        k: v for k, v in before.items() if k != shm
    }


def test_a_cache_of_an_earlier_schema_is_read_without_migrating_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Cache(path) as opened:
        opened.put_many("translation", "fp", "opus", {"하나": "one"})
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE last_run")
    conn.execute("DELETE FROM _migrations WHERE name = '002_last_run'")
    conn.commit()
    conn.close()
    before = state(tmp_path)
    stats = invoke("stats", "--cache", str(path), "--json")
    assert stats.exit_code == 0, stats.output
    assert json.loads(stats.stdout)["total_entries"] == 1
    assert json.loads(stats.stdout)["last_run"] is None
    assert state(tmp_path) == before


def test_a_reader_sees_what_a_writer_adds_while_it_reads(cache: Path) -> None:
    with Cache(cache, read_only=True) as reader:
        assert reader.stats().total_entries == 2
        with Cache(cache) as writer:
            writer.put_many("summary", "fp", "bart", {"article": "summary"})
            assert reader.stats().total_entries == 3
        assert reader.get_many("summary", "fp", ["article"]) == {"article": "summary"}
