"""The outputs folder's layout under hostile names, shared folders and symlinks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summarizer.cli import app
from summarizer.pipeline.outputs import result_dirs

KOREAN = "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n"


def folder_of(root: Path, *names: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        (root / name).write_text(KOREAN, encoding="utf-8")
    return root


def run(folder: Path, out: Path, models: tuple[Path, Path], *extra: str) -> Result:
    args = ["run", str(folder), "-o", str(out), "-t", str(models[0]), "-s", str(models[1])]
    return CliRunner().invoke(app, [*args, *extra])


def index(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {str(entry["stem"]): entry for entry in map(json.loads, lines)}


def test_articles_named_like_the_run_files_get_their_own_folders(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    names = ["a.txt", "index.jsonl.txt", "report.html.txt", "cache.sqlite.txt", "scores.json.md"]
    out = tmp_path / "out"
    result = run(folder_of(tmp_path / "in", *names), out, (tiny_marian, tiny_bart))
    assert result.exit_code == 0, result.output
    entries = index(out)
    assert sorted(entries) == ["a", "cache.sqlite", "index.jsonl", "report.html", "scores.json"]
    assert entries["a"]["dir"] == "a"
    assert entries["index.jsonl"]["dir"] == "index.jsonl~article"
    for entry in entries.values():
        assert entry["ok"], entry
        assert (out / str(entry["dir"]) / "result.json").is_file()
    assert (out / "index.jsonl").is_file() and (out / "report.html").is_file()
    assert entries["cache.sqlite"]["dir"] == "cache.sqlite~article"
    assert not (out / "cache.sqlite").exists(), "the cache is the user's, not the folder's"


def test_two_input_folders_into_one_outputs_folder_are_both_indexed(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    out, models = tmp_path / "out", (tiny_marian, tiny_bart)
    assert run(folder_of(tmp_path / "one", "a.txt", "b.txt"), out, models).exit_code == 0
    assert run(folder_of(tmp_path / "two", "c.txt"), out, models).exit_code == 0
    assert sorted(index(out)) == ["a", "b", "c"]
    (tmp_path / "one" / "b.txt").unlink()
    assert run(tmp_path / "one", out, models).exit_code == 0
    assert sorted(index(out)) == ["a", "c"], "a re-run of a folder drops its deleted articles"


def test_outputs_inside_the_input_folder_are_not_read_as_articles(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    folder = folder_of(tmp_path / "in", "a.txt")
    for _ in range(2):
        result = run(folder, folder, (tiny_marian, tiny_bart))
        assert result.exit_code == 0, result.output
    assert sorted(index(folder)) == ["a"]


def test_a_symlinked_cache_is_not_followed(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "cache.sqlite"
    link.symlink_to(target)
    result = run(
        folder_of(tmp_path / "in", "a.txt"),
        tmp_path / "out",
        (tiny_marian, tiny_bart),
        "--cache",
        str(link),
    )
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert target.read_text() == "keep me"


def test_a_planted_article_folder_symlink_is_not_written_through(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "a").symlink_to(elsewhere, target_is_directory=True)
    result = run(folder_of(tmp_path / "in", "a.txt", "b.txt"), out, (tiny_marian, tiny_bart))
    assert result.exit_code == 1, result.output
    assert list(elsewhere.iterdir()) == []
    entries = index(out)
    assert not entries["a"]["ok"] and "symbolic link" in str(entries["a"]["error"])
    assert entries["b"]["ok"]


def test_markup_and_escape_sequences_in_names_are_printed_as_text(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    name = "[b]\x1b[1m.txt"
    result = run(folder_of(tmp_path / "in", name), tmp_path / "out", (tiny_marian, tiny_bart))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    assert "[b]" in result.output and "\\x1b" in result.output, result.output


def test_the_final_table_is_one_line_per_article_in_a_log_and_a_table_on_a_terminal(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rich.console import Console

    from summarizer.cli import run_summary

    folder = folder_of(tmp_path / "in", "a.txt", "b.txt")
    logged = run(folder, tmp_path / "log", (tiny_marian, tiny_bart))
    assert logged.exit_code == 0, logged.output
    lines = [line for line in logged.stdout.splitlines() if line.startswith(("a: ", "b: "))]
    assert len(lines) == 2, logged.stdout
    assert all(" sentences, " in line and " | " in line for line in lines)
    assert "│" not in logged.stdout

    terminal = Console(force_terminal=True, width=100)
    monkeypatch.setattr(run_summary, "console", terminal)
    boxed = run(folder, tmp_path / "tty", (tiny_marian, tiny_bart))
    assert boxed.exit_code == 0, boxed.output
    assert any(line.startswith("│ a ") for line in boxed.stdout.splitlines()), boxed.stdout


def test_two_input_folders_with_the_same_stem_keep_both_articles(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    out, models = tmp_path / "out", (tiny_marian, tiny_bart)
    one = folder_of(tmp_path / "f1", "a.txt")
    two = tmp_path / "f2"
    two.mkdir()
    (two / "a.txt").write_text("서울 버스 요금이 다음 달에 오른다.\n", encoding="utf-8")
    for folder in (one, two, one, two):
        result = run(folder, out, models)
        assert result.exit_code == 0, result.output
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    entries = {Path(str(e["path"])).parent.name: e for e in map(json.loads, lines)}
    assert sorted(entries) == ["f1", "f2"]
    assert (entries["f1"]["dir"], entries["f2"]["dir"]) == ("a", "a~2"), "re-runs keep places"
    for name, folder in (("a", one), ("a~2", two)):
        recorded = json.loads((out / name / "result.json").read_text(encoding="utf-8"))
        assert Path(recorded["article"]["path"]).resolve() == (folder / "a.txt").resolve()
    assert "서울" in (out / "a~2" / "source.ko.txt").read_text(encoding="utf-8")
    assert "서울" not in (out / "a" / "source.ko.txt").read_text(encoding="utf-8")
    found = result_dirs(out, [one / "a.txt", two / "a.txt"])
    assert list(found.values()) == ["a", "a~2"], "scoring finds each folder's own results"
