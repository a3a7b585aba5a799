"""Cache values that are not valid UTF-8 pass SQLite's checks; they are dropped, not fatal."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cache.store import Cache
from summarizer.cli import app


def corrupt(path: Path, kind: str, count: int = 1) -> None:
    """Overwrite the output of `count` entries of `kind` with bytes that are not UTF-8."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE entries SET output = CAST(X'C328FFFE' AS TEXT) WHERE rowid IN"
            " (SELECT rowid FROM entries WHERE kind = ? ORDER BY rowid LIMIT ?)",
            (kind, count),
        )
        conn.commit()
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    finally:
        conn.close()


def test_undecodable_entries_are_dropped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "m", {"하나": "one", "둘": "two", "셋": "three"})
    corrupt(path, "translation")
    with Cache(path) as cache:
        seen: list[str] = []
        cache.on_warning = seen.append
        found = cache.get_many("translation", "fp", ["하나", "둘", "셋"])
        assert found == {"둘": "two", "셋": "three"}
        assert len(seen) == 1 and "not valid UTF-8" in seen[0] and "1 entries" in seen[0]
        assert cache.stats().total_entries == 2
        assert cache.get_many("translation", "fp", ["하나", "둘"]) == {"둘": "two"}
        assert len(seen) == 1, "repaired once"
        assert cache.export(tmp_path / "memory.jsonl") == 2


def test_stats_and_export_repair_too(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("summary", "fp", "m", {"text": "summary"})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE entries SET model = CAST(X'FF' AS TEXT)")
    conn.commit()
    conn.close()
    with Cache(path) as cache:
        assert cache.stats().total_entries == 0
        assert any("not valid UTF-8" in w for w in cache.warnings)


def test_a_run_over_a_cache_with_undecodable_text_finishes(
    seeds_run: dict[str, Any], tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    cache = tmp_path / "cache.sqlite"
    shutil.copy(seeds_run["out"] / "cache.sqlite", cache)
    corrupt(cache, "translation", 3)
    corrupt(cache, "summary", 1)
    corrupt(cache, "segmentation", 1)
    out = tmp_path / "out"
    args = ["run", str(seeds_run["articles"]), "-o", str(out), "--cache", str(cache)]
    result = CliRunner().invoke(app, [*args, "-t", str(tiny_marian), "-s", str(tiny_bart)])
    assert result.exit_code == 0, result.output
    assert "not valid UTF-8" in result.output
    results = [json.loads(p.read_text()) for p in out.glob("*/result.json")]
    assert len(results) == 5
    assert sum(r["cache"]["translation_misses"] for r in results) == 3
    again = CliRunner().invoke(app, [*args, "-t", str(tiny_marian), "-s", str(tiny_bart)])
    assert again.exit_code == 0 and "UTF-8" not in again.output, again.output
