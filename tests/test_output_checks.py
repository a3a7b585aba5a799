"""Outputs that cannot be written fail before any work, or in one line when the disk fills."""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarizer.pipeline.outputs
from summarizer.cli import app

ARTICLES = {
    "a.txt": "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n",
    "b.txt": "서울시는 지하철 노선 세 개를 새로 연다고 발표했다.\n",
}


def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def refuse_model_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any model use fails the test: the check must come before work."""
    import summarizer.models.choice

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was resolved before the outputs were checked")

    monkeypatch.setattr(summarizer.models.choice, "resolve", fail)


@pytest.mark.parametrize("where", ["under-a-file", "is-a-file", "proc"])
def test_an_unwritable_outputs_folder_fails_before_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    refuse_model_loading(monkeypatch)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = {"under-a-file": blocker / "out", "is-a-file": blocker, "proc": Path("/proc/out")}[where]
    if where == "proc" and not Path("/proc/self").exists():
        pytest.skip("no /proc on this system")
    for command in ("run", "regress"):
        extra = (
            ["-b", str(tmp_path / "b.json"), "--update-baseline"] if command == "regress" else []
        )
        result = CliRunner().invoke(
            app, [command, str(articles(tmp_path / command)), "-o", str(out), *extra]
        )
        assert result.exit_code == 2, result.output
        assert "cannot write outputs to" in result.output, result.output
        assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_a_full_disk_mid_run_is_one_line_and_keeps_the_cache(
    tmp_path: Path,
    tiny_marian: Path,
    tiny_bart: Path,
    monkeypatch: pytest.MonkeyPatch,
    own_user_cache: Path,
) -> None:
    real = summarizer.pipeline.outputs.write_atomic

    def write(path: Path, text: str) -> None:
        if path.parent.name == "b" and path.name == "summary.en.txt":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, text)

    monkeypatch.setattr(summarizer.pipeline.outputs, "write_atomic", write)
    out = tmp_path / "out"
    args = [
        "run",
        str(articles(tmp_path)),
        "-o",
        str(out),
        "-t",
        str(tiny_marian),
        "-s",
        str(tiny_bart),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "error" in line]
    assert lines == [f"error: cannot write {out / 'b' / 'summary.en.txt'}: No space left on device"]
    assert "Traceback" not in result.output
    conn = sqlite3.connect(own_user_cache)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("SELECT COUNT(*) FROM entries WHERE kind = 'summary'").fetchone()[0] >= 1
    conn.close()
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert [(e["stem"], e["ok"]) for e in index] == [("a", True), ("b", False)]


def test_a_disk_that_fills_names_the_file_whose_write_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From b's result.json on nothing can be written (the index neither): the error names
    result.json, the write that failed first, not the index written on the way out."""
    real_write, real_open = summarizer.pipeline.outputs.write_atomic, Path.open
    full: list[Path] = []

    def write(path: Path, text: str) -> None:
        if full or (path.parent.name == "b" and path.name == "result.json"):
            full.append(path)
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_write(path, text)

    def open_(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if full and "a" in mode:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real_open(path, mode, *args, **kwargs)

    real_lines = summarizer.pipeline.outputs.write_lines_atomic

    def write_lines(path: Path, lines: Iterable[str]) -> None:
        if full:
            full.append(path)
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real_lines(path, lines)

    monkeypatch.setattr(summarizer.pipeline.outputs, "write_atomic", write)
    monkeypatch.setattr(summarizer.pipeline.outputs, "write_lines_atomic", write_lines)
    monkeypatch.setattr(Path, "open", open_)
    folder = tmp_path / "in"
    folder.mkdir()
    for stem in "abc":
        text = f"The council of town {stem} met on Monday. It approved a new budget. Work starts."
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "-s", "lead-1"])
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if "error" in line]
    assert lines == [f"error: cannot write {out / 'b' / 'result.json'}: No space left on device"]
    assert full[-1] == out / "index.jsonl", "the index was tried too, and failed"
