"""`summarizer cache stats | clear | export` over caches filled through the Cache API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summarizer.cache.location import DEFAULT_CACHE_ENV
from summarizer.cache.store import Cache
from summarizer.cli import app, cache_commands

TRANSLATIONS = {"테슬라 주가가 급등했다.": "Tesla shares soared.", "모건스탠리.": "Morgan Stanley."}
OTHER_TRANSLATIONS = {"안녕하세요.": "Hello."}
SUMMARIES = {"Tesla shares soared. Morgan Stanley.": "Tesla rose."}


def fill(path: Path) -> Path:
    """Two translation models, one summarizer and a recorded run: 3 hits, 1 miss."""
    with Cache(path) as cache:
        cache.put_many("translation", "fp-a", "opus-mt", TRANSLATIONS)
        cache.put_many("translation", "fp-b", "nllb", OTHER_TRANSLATIONS)
        cache.put_many("summary", "fp-s", "distilbart", SUMMARIES)
        cache.record_run({"translation": 2, "summary": 1}, {"translation": 1})
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return fill(tmp_path / "cache.sqlite")


def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, ["cache", *args], input=input, env=env)


def counts(path: Path) -> dict[tuple[str, str], int]:
    with Cache(path) as cache:
        return cache.stats().entries


def rows(output: str) -> list[list[str]]:
    """The cells of each rich table row, box characters stripped."""
    return [
        [cell.strip() for cell in re.split(r"[│┃]", line)[1:-1]]
        for line in output.splitlines()
        if line.startswith(("│", "┃"))
    ]


def test_stats_table_lists_entries_size_and_last_run(path: Path) -> None:
    result = invoke("stats", "--cache", str(path))
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert ["translation", "nllb", "1"] in table
    assert ["translation", "opus-mt", "2"] in table
    assert ["summary", "distilbart", "1"] in table
    assert ["total", "", "4"] in table
    assert ["translation", "2", "1", "66.7%"] in table
    assert ["summary", "1", "0", "100.0%"] in table
    assert ["total", "3", "1", "75.0%"] in table
    assert re.search(r"size on disk: \d+(\.\d)? kB", result.stdout)


def test_stats_json(path: Path) -> None:
    result = invoke("stats", "--cache", str(path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(path)
    assert data["total_entries"] == 4
    assert {(e["kind"], e["model"], e["entries"]) for e in data["entries"]} == {
        ("translation", "opus-mt", 2),
        ("translation", "nllb", 1),
        ("summary", "distilbart", 1),
    }
    on_disk = sum(p.stat().st_size for p in path.parent.glob("cache.sqlite*"))
    assert 0 < data["size_bytes"] <= on_disk
    last = data["last_run"]
    assert last["hit_rate"] == 0.75
    assert last["kinds"]["translation"] == {"hits": 2, "misses": 1, "hit_rate": 2 / 3}
    assert last["kinds"]["summary"] == {"hits": 1, "misses": 0, "hit_rate": 1.0}


def test_stats_of_a_cache_without_a_recorded_run(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite"
    with Cache(path) as cache:
        cache.put_many("translation", "fp", "opus-mt", TRANSLATIONS)
    result = invoke("stats", "--cache", str(path))
    assert result.exit_code == 0, result.output
    assert ["total", "", "2"] in rows(result.stdout)
    assert "last run: none recorded yet" in result.stdout
    data = json.loads(invoke("stats", "--cache", str(path), "--json").stdout)
    assert data["last_run"] is None


def test_missing_cache_is_a_clear_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.sqlite"
    for args in (["stats"], ["clear", "--yes"], ["export", str(tmp_path / "x.jsonl")]):
        result = invoke(*args, "--cache", str(path))
        assert result.exit_code == 1, args
        assert "no cache at" in result.stderr and "nope.sqlite" in result.stderr
        assert "Traceback" not in result.output
    assert not path.exists()
    assert not (tmp_path / "x.jsonl").exists()


def test_cache_defaults_like_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, own_user_cache: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DEFAULT_CACHE_ENV, raising=False)
    fill(own_user_cache)
    result = invoke("stats", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["path"] == str(own_user_cache)
    fill(tmp_path / "outputs" / "cache.sqlite")  # an earlier version's, in the default -o
    result = invoke("stats", "--json")
    assert json.loads(result.stdout)["path"] == str(Path("outputs") / "cache.sqlite")
    moved = tmp_path / "elsewhere.sqlite"
    with Cache(moved) as cache:
        cache.put_many("translation", "fp", "moved-model", OTHER_TRANSLATIONS)
    result = invoke("stats", "--json", env={DEFAULT_CACHE_ENV: str(moved)})
    data = json.loads(result.stdout)
    assert data["path"] == str(moved)
    assert [e["model"] for e in data["entries"]] == ["moved-model"]


def test_clear_one_model_with_yes(path: Path) -> None:
    result = invoke("clear", "--model", "opus-mt", "--yes", "--cache", str(path))
    assert result.exit_code == 0, result.output
    assert "deleted 2 entries" in result.stdout
    assert counts(path) == {("translation", "nllb"): 1, ("summary", "distilbart"): 1}


def test_clear_everything_with_yes(path: Path) -> None:
    result = invoke("clear", "-y", "--cache", str(path))
    assert result.exit_code == 0, result.output
    assert "deleted 4 entries" in result.stdout
    assert counts(path) == {}
    again = invoke("clear", "-y", "--cache", str(path))
    assert again.exit_code == 0
    assert "already empty" in again.stdout


def test_clear_refuses_without_yes_when_input_is_not_a_terminal(path: Path) -> None:
    result = invoke("clear", "--cache", str(path), input="y\n")
    assert result.exit_code == 2
    assert "--yes" in result.stderr and "not a terminal" in result.stderr
    assert "Traceback" not in result.output
    assert sum(counts(path).values()) == 4


def test_clear_asks_for_confirmation_on_a_terminal(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_commands, "_interactive", lambda: True)
    declined = invoke("clear", "--model", "nllb", "--cache", str(path), input="n\n")
    assert declined.exit_code == 1
    assert "Delete 1 entry of model 'nllb'" in declined.output
    assert sum(counts(path).values()) == 4
    accepted = invoke("clear", "--model", "nllb", "--cache", str(path), input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "deleted 1 entry from" in accepted.stdout
    assert ("translation", "nllb") not in counts(path)


def test_clear_unknown_model_lists_the_known_ones(path: Path) -> None:
    result = invoke("clear", "--model", "opus", "--yes", "--cache", str(path))
    assert result.exit_code == 2
    assert "no entries of model 'opus'" in result.stderr
    assert "distilbart, nllb, opus-mt" in result.stderr
    assert sum(counts(path).values()) == 4


def test_export_writes_every_entry_as_a_json_line(path: Path, tmp_path: Path) -> None:
    out = tmp_path / "memory.jsonl"
    result = invoke("export", str(out), "--cache", str(path))
    assert result.exit_code == 0, result.output
    assert "exported 4 entries" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert "테슬라" in text, "Korean is written as is, not \\u-escaped"
    lines = [json.loads(line) for line in text.splitlines()]
    assert all(
        set(line) == {"kind", "model", "fingerprint", "source", "output", "created"}
        for line in lines
    )
    exported = {(e["kind"], e["model"], e["source"], e["output"]) for e in lines}
    expected = {("translation", "opus-mt", s, o) for s, o in TRANSLATIONS.items()}
    expected |= {("translation", "nllb", s, o) for s, o in OTHER_TRANSLATIONS.items()}
    expected |= {("summary", "distilbart", s, o) for s, o in SUMMARIES.items()}
    assert exported == expected


def test_export_to_an_unwritable_place_is_a_clear_error(path: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = invoke("export", str(blocker / "memory.jsonl"), "--cache", str(path))
    assert result.exit_code == 1
    assert "cannot write the cache export" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert blocker.read_text() == "not a folder"
