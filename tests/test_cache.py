"""Tests for the SQLite translation memory (summarizer.cache.store)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from cache_helpers import child_env, rows

from summarizer.cache import schema as cache_schema
from summarizer.cache.location import DEFAULT_CACHE_ENV, default_cache_path
from summarizer.cache.null import NullCache
from summarizer.cache.schema import MIGRATIONS
from summarizer.cache.stats import RunCounts
from summarizer.cache.store import Cache, normalize_source
from summarizer.errors import CacheError


def _backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.corrupt-*"))


def _assert_cache_error(exc: CacheError, path: Path) -> None:
    message = str(exc)
    assert str(path) in message
    assert "--cache PATH" in message and "--no-cache" in message
    assert "\n" not in message


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "cache.sqlite"


# --- paths -------------------------------------------------------------------------------------


def test_the_default_cache_is_the_users_in_the_platform_cache_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DEFAULT_CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    shared = tmp_path / "xdg" / "summarizer" / "cache.sqlite"
    assert default_cache_path(tmp_path / "outputs") == shared
    assert default_cache_path(tmp_path / "elsewhere") == shared
    monkeypatch.delenv("XDG_CACHE_HOME")
    from platformdirs import user_cache_path

    expected = user_cache_path("summarizer", appauthor=False) / "cache.sqlite"
    assert default_cache_path(tmp_path / "outputs") == expected


def test_an_outputs_folder_cache_of_an_earlier_version_stays_in_use(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(DEFAULT_CACHE_ENV, raising=False)
    old = tmp_path / "outputs" / "cache.sqlite"
    with Cache(old) as cache:
        cache.put_many("translation", "fp", "m", {"안녕": "hello"})
    assert default_cache_path(tmp_path / "outputs") == old
    assert default_cache_path(tmp_path / "other") != old


def test_env_var_moves_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(DEFAULT_CACHE_ENV, str(tmp_path / "elsewhere" / "tm.sqlite"))
    assert default_cache_path(tmp_path / "outputs") == tmp_path / "elsewhere" / "tm.sqlite"


def test_open_creates_missing_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "m", {"가": "a"})
    assert path.is_file()


# --- hits and misses ---------------------------------------------------------------------------


def test_get_many_returns_only_present_keys(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many(
            "translation", "fp1", "opus", {"안녕하세요.": "Hello.", "감사합니다.": "Thanks."}
        )
        found = cache.get_many(
            "translation", "fp1", ["안녕하세요.", "처음 뵙겠습니다.", "감사합니다."]
        )
    assert found == {"안녕하세요.": "Hello.", "감사합니다.": "Thanks."}


def test_different_fingerprint_or_kind_misses(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp1", "opus", {"안녕하세요.": "Hello."})
        assert cache.get_many("translation", "fp2", ["안녕하세요."]) == {}
        assert cache.get_many("summary", "fp1", ["안녕하세요."]) == {}
        assert cache.get_many("translation", "fp1", ["안녕하세요."]) == {"안녕하세요.": "Hello."}


def test_whitespace_and_unicode_form_differences_hit(path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "한국 경제가 성장했다.")
    assert decomposed != "한국 경제가 성장했다."
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"  한국 경제가\n\t성장했다.  ": "Korea grew."})
        found = cache.get_many(
            "translation",
            "fp",
            ["한국 경제가 성장했다.", decomposed, "한국\u3000경제가  성장했다."],
        )
        assert cache.get_many("translation", "fp", ["한국경제가 성장했다."]) == {}
    assert found == dict.fromkeys(
        ["한국 경제가 성장했다.", decomposed, "한국\u3000경제가  성장했다."], "Korea grew."
    )


def test_normalize_source() -> None:
    assert normalize_source(" a \n\n b\u00a0c ") == "a b c"
    assert normalize_source(unicodedata.normalize("NFD", "한")) == "한"


def test_put_many_overwrites_for_refresh(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("summary", "fp", "bart", {"article": "old summary"})
        cache.put_many("summary", "fp", "bart", {"article": "new summary"})
        assert cache.get_many("summary", "fp", ["article"]) == {"article": "new summary"}
    assert rows(path, "SELECT COUNT(*) FROM entries") == [(1,)]


def test_put_many_is_committed_on_return(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one", "둘": "two"})
        # A separate connection sees the rows while the cache is still open.
        assert rows(path, "SELECT source, output FROM entries ORDER BY output") == [
            ("하나", "one"),
            ("둘", "two"),
        ]


def test_many_sources_are_looked_up_in_chunks(path: Path) -> None:
    items = {f"문장 {i}": f"sentence {i}" for i in range(1200)}
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", items)
        assert cache.get_many("translation", "fp", [*items, "없는 문장"]) == items


# --- migrations --------------------------------------------------------------------------------


def test_fresh_cache_records_all_migrations(path: Path) -> None:
    with Cache(path):
        pass
    names = [row[0] for row in rows(path, "SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    assert rows(path, "PRAGMA journal_mode") == [("wal",)]


def test_migrations_are_applied_once_and_additively(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_schema, "MIGRATIONS", MIGRATIONS[:1])
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
    assert [r[0] for r in rows(path, "SELECT name FROM _migrations")] == [MIGRATIONS[0][0]]

    probe = ("999_probe", ("CREATE TABLE probe (x INTEGER)", "INSERT INTO probe VALUES (1)"))
    monkeypatch.setattr(cache_schema, "MIGRATIONS", (*MIGRATIONS, probe))
    for _ in range(3):
        with Cache(path) as cache:
            assert cache.get_many("translation", "fp", ["하나"]) == {"하나": "one"}
            cache.record_run({"translation": 1}, {})
    assert rows(path, "SELECT x FROM probe") == [(1,)]
    names = [r[0] for r in rows(path, "SELECT name FROM _migrations ORDER BY name")]
    assert names == [*(name for name, _ in MIGRATIONS), "999_probe"]


# --- corrupt and foreign files -----------------------------------------------------------------


def _another_apps_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('keep me')")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "detail"),
    [
        (lambda p: p.write_bytes(random.Random(0).randbytes(10_000)), "file is not a database"),
        (lambda p: p.write_text("my notes\nsecond line\n" * 50), "file is not a database"),
        (_another_apps_database, "another application's database, tables: notes"),
    ],
)
def test_a_file_that_is_not_a_cache_is_left_alone(path: Path, make: Any, detail: str) -> None:
    make(path)
    before = path.read_bytes()
    with pytest.raises(CacheError) as info:
        Cache(path)
    _assert_cache_error(info.value, path)
    assert f"it is not a summarizer cache ({detail}); left as it is" in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_a_cache_of_ours_damaged_past_its_header_is_moved_aside(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {f"문장 {i}": f"s {i}" for i in range(50)})
    damaged = path.read_bytes()[:100] + random.Random(2).randbytes(8_000)
    path.write_bytes(damaged)
    with Cache(path) as cache:
        [backup] = _backups(path)
        [warning] = cache.warnings
        assert warning.startswith(f"cache file {path} is corrupt (")
        assert warning.endswith(f"moved it to {backup} and started a fresh cache")
        assert cache.stats().total_entries == 0
    assert backup.read_bytes() == damaged


@pytest.mark.parametrize("page", [2, 3])  # one fails on read, one only in the integrity check
def test_damaged_pages_are_detected(path: Path, page: int) -> None:
    with Cache(path) as cache:
        cache.put_many(
            "translation", "fp", "opus", {f"문장 {i} " * 20: f"s {i}" for i in range(300)}
        )
    page_size = rows(path, "PRAGMA page_size")[0][0]
    with path.open("r+b") as fh:
        fh.seek(page * page_size)
        fh.write(random.Random(1).randbytes(page_size))
    with Cache(path) as cache:
        assert len(_backups(path)) == 1
        [warning] = cache.warnings
        assert "is corrupt" in warning and "\n" not in warning
        assert cache.stats().total_entries == 0


def test_zero_length_file_is_used_as_is(path: Path) -> None:
    path.touch()
    with Cache(path) as cache:
        cache.put_many("summary", "fp", "bart", {"article": "summary"})
        assert cache.warnings == []
    assert _backups(path) == []


def test_reopening_a_good_cache_gives_no_warnings(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("summary", "fp", "bart", {"article": "summary"})
    before = path.read_bytes()
    with Cache(path) as cache:
        assert cache.warnings == []
        assert path.with_name(path.name + "-wal").stat().st_size == 0  # opening wrote nothing
        assert cache.get_many("summary", "fp", ["article"]) == {"article": "summary"}
    assert path.read_bytes() == before


# --- unwritable caches -------------------------------------------------------------------------


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores file permissions"
)
def test_read_only_folder_raises_cache_error_and_keeps_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    path = folder / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
    before = path.read_bytes()
    folder.chmod(0o555)
    try:
        with pytest.raises(CacheError) as info:
            Cache(path)
        _assert_cache_error(info.value, path)
        assert sorted(p.name for p in folder.iterdir()) == ["cache.sqlite"]
        assert path.read_bytes() == before
    finally:
        folder.chmod(0o755)


def test_read_only_database_raises_cache_error(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
        cache._conn.execute("PRAGMA query_only = ON")  # SQLITE_READONLY on every write
        with pytest.raises(CacheError, match="readonly") as info:
            cache.put_many("translation", "fp", "opus", {"둘": "two"})
        _assert_cache_error(info.value, path)
        assert cache.get_many("translation", "fp", ["하나", "둘"]) == {"하나": "one"}


def test_full_disk_raises_cache_error_and_keeps_earlierrows(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
        pages = cache._conn.execute("PRAGMA page_count").fetchone()[0]
        cache._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL once it must grow
        big = {f"문장 {i} " * 50: f"sentence {i}" for i in range(200)}
        with pytest.raises(CacheError, match="full") as info:
            cache.put_many("translation", "fp", "opus", big)
        _assert_cache_error(info.value, path)
    with Cache(path) as cache:
        assert cache.warnings == []
        assert cache.stats().total_entries == 1
        assert cache.get_many("translation", "fp", ["하나"]) == {"하나": "one"}
    assert _backups(path) == []


def test_unopenable_path_raises_cache_error(tmp_path: Path) -> None:
    folder = tmp_path / "is-a-folder"
    folder.mkdir()
    with pytest.raises(CacheError, match="unable to open") as info:
        Cache(folder)
    _assert_cache_error(info.value, folder)

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(CacheError) as info:
        Cache(blocker / "cache.sqlite")
    _assert_cache_error(info.value, blocker / "cache.sqlite")
    assert blocker.read_text() == "not a folder"


# --- stats, clear, export ----------------------------------------------------------------------


def _fill(cache: Cache) -> None:
    cache.put_many("translation", "fp-a", "opus-mt-ko-en", {"하나": "one", "둘": "two"})
    cache.put_many("translation", "fp-b", "nllb", {"하나": "one!"})
    cache.put_many("summary", "fp-s", "bart", {"one. two.": "one."})


def test_stats(path: Path) -> None:
    with Cache(path) as cache:
        assert cache.stats().last_run == {}
        assert cache.stats().last_run_hit_rate is None
        _fill(cache)
        cache.record_run({"translation": 1}, {"translation": 9, "summary": 5})
        cache.record_run({"translation": 3, "summary": 2}, {"translation": 1})
        stats = cache.stats()
        wal = path.with_name(path.name + "-wal")
        on_disk = path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    assert stats.path == path
    assert stats.entries == {
        ("summary", "bart"): 1,
        ("translation", "nllb"): 1,
        ("translation", "opus-mt-ko-en"): 2,
    }
    assert stats.total_entries == 4
    assert stats.size_bytes == on_disk > 0
    assert stats.last_run == {"summary": RunCounts(2, 0), "translation": RunCounts(3, 1)}
    assert stats.last_run["translation"].hit_rate == 0.75
    assert stats.last_run_hit_rate == 5 / 6
    assert stats.last_run_at is not None


def test_clear_by_model_then_all(path: Path) -> None:
    with Cache(path) as cache:
        _fill(cache)
        assert cache.clear("opus-mt-ko-en") == 2
        assert cache.clear("no-such-model") == 0
        assert cache.get_many("translation", "fp-a", ["하나", "둘"]) == {}
        assert cache.get_many("translation", "fp-b", ["하나"]) == {"하나": "one!"}
        assert cache.stats().entries == {("summary", "bart"): 1, ("translation", "nllb"): 1}
        assert cache.clear() == 2
        assert cache.stats().entries == {}


def test_export_writes_jsonl(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "tm.jsonl"
    out.write_text("previous export\n")
    with Cache(path) as cache:
        _fill(cache)
        assert cache.export(out) == 4
    text = out.read_text(encoding="utf-8")
    assert "하나" in text  # readable, not \\u-escaped
    records = [json.loads(line) for line in text.splitlines()]
    assert [(r["kind"], r["model"], r["source"], r["output"]) for r in records] == [
        ("summary", "bart", "one. two.", "one."),
        ("translation", "nllb", "하나", "one!"),
        ("translation", "opus-mt-ko-en", "둘", "two"),
        ("translation", "opus-mt-ko-en", "하나", "one"),
    ]
    assert {r["fingerprint"] for r in records} == {"fp-a", "fp-b", "fp-s"}
    assert all(
        set(r) == {"kind", "model", "fingerprint", "source", "output", "created"} for r in records
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.sqlite", "tm.jsonl"]


def test_unwritable_export_raises_cache_error(path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with Cache(path) as cache:
        _fill(cache)
        with pytest.raises(CacheError, match="a-file"):
            cache.export(blocker / "tm.jsonl")
    assert blocker.read_text() == "not a folder"


# --- lifecycle, NullCache, import cost -----------------------------------------------------------


def test_context_manager_closes_and_checkpoints(path: Path) -> None:
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
        assert path.with_name(path.name + "-wal").exists()
    assert not path.with_name(path.name + "-wal").exists()  # last connection closed cleanly
    with pytest.raises(sqlite3.ProgrammingError):
        cache.get_many("translation", "fp", ["하나"])


def test_null_cache_stores_nothing(tmp_path: Path) -> None:
    with NullCache() as cache:
        cache.put_many("translation", "fp", "opus", {"하나": "one"})
        cache.record_run({"translation": 1}, {})
        assert cache.get_many("translation", "fp", ["하나"]) == {}
        assert cache.stats().total_entries == 0
        assert cache.stats().last_run == {}
        assert cache.clear() == 0
        assert cache.export(tmp_path / "tm.jsonl") == 0
        assert cache.warnings == []
    assert (tmp_path / "tm.jsonl").read_text() == ""
    assert list(tmp_path.iterdir()) == [tmp_path / "tm.jsonl"]


def test_import_is_cheap() -> None:
    code = (
        "import sys, summarizer.cache.store; "
        "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=child_env(), capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
