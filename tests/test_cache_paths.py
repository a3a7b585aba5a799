"""A cache path that holds something else: the file is left alone and the command refuses in
one line; commands that only look (`cache stats`, `cache export`) never move or create a file."""

from __future__ import annotations

import random
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cache.location import DEFAULT_CACHE_ENV
from summarizer.cache.store import Cache
from summarizer.cli import app

NOTES = "shopping list\nmilk\neggs\n"


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _articles(folder: Path) -> Path:
    folder.mkdir()
    text = "The council met on Monday. It approved a budget. Work starts soon."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


def test_a_text_file_named_as_the_cache_is_never_replaced(tmp_path: Path) -> None:
    notes = tmp_path / "keep" / "notes.txt"
    notes.parent.mkdir()
    notes.write_text(NOTES, encoding="utf-8")
    articles = _articles(tmp_path / "in")
    for extra, env in (([], {DEFAULT_CACHE_ENV: str(notes)}), (["--cache", str(notes)], {})):
        args = ["run", str(articles), "-o", str(tmp_path / "out"), "-s", "lead-1", *extra]
        result = CliRunner().invoke(app, args, env=env)
        assert result.exit_code == 1, result.output
        assert result.output.strip().splitlines() == [
            f"error: cannot use the cache at {notes}: it is not a summarizer cache (file is not "
            "a database); left as it is; pass --cache PATH to use another file or --no-cache "
            "to run without a cache"
        ]
        assert notes.read_text(encoding="utf-8") == NOTES
        assert _listing(notes.parent) == ["notes.txt"]
    stats = CliRunner().invoke(app, ["cache", "stats"], env={DEFAULT_CACHE_ENV: str(notes)})
    assert stats.exit_code == 1 and "not a summarizer cache" in stats.output
    assert _listing(notes.parent) == ["notes.txt"]


def test_looking_at_a_damaged_cache_moves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus", {f"문장 {i}": f"s {i}" for i in range(50)})
    damaged = path.read_bytes()[:100] + random.Random(2).randbytes(8_000)
    path.write_bytes(damaged)
    for command in (["stats"], ["export", str(tmp_path / "x.jsonl")]):
        result = CliRunner().invoke(app, ["cache", *command, "--cache", str(path)])
        assert result.exit_code == 1 and "is corrupt" in result.output, result.output
        assert path.read_bytes() == damaged
        assert _listing(tmp_path) == ["cache.sqlite"]
    missing = CliRunner().invoke(app, ["cache", "stats", "--cache", str(tmp_path / "none")])
    assert missing.exit_code == 1 and _listing(tmp_path) == ["cache.sqlite"]
