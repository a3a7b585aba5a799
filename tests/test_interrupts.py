"""Ctrl-C and SIGTERM while articles are written: exit code, message and a truthful index."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.outputs
from summarizer.cli import app

ARTICLES = {
    "a.txt": "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n",
    "b.txt": "서울시는 지하철 노선 세 개를 새로 연다고 발표했다.\n",
    "c.txt": "시민들은 출퇴근 시간이 줄어들기를 기대했다.\n",
}


def interrupt_while_writing(
    monkeypatch: pytest.MonkeyPatch, stem: str, interrupt: Callable[[], None]
) -> None:
    """Interrupt once `stem`'s summary is on disk but before its result.json is."""
    real = summarizer.outputs.write_atomic

    def write(path: Path, text: str) -> None:
        if path.parent.name == stem and path.name == "result.json":
            interrupt()
        real(path, text)

    monkeypatch.setattr(summarizer.outputs, "write_atomic", write)


def run(tmp_path: Path, tiny_marian: Path, tiny_bart: Path) -> tuple[int, str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output, out


def index(out: Path) -> dict[str, dict[str, object]]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return {entry["stem"]: entry for entry in map(json.loads, lines)}


def raise_keyboard_interrupt() -> None:
    raise KeyboardInterrupt


def send_sigterm() -> None:
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize(
    ("interrupt", "code"),
    [(raise_keyboard_interrupt, 130), (send_sigterm, 143)],
    ids=["ctrl-c", "sigterm"],
)
def test_an_article_interrupted_while_written_is_not_listed_as_done(
    tmp_path: Path,
    tiny_marian: Path,
    tiny_bart: Path,
    monkeypatch: pytest.MonkeyPatch,
    interrupt: Callable[[], None],
    code: int,
) -> None:
    interrupt_while_writing(monkeypatch, "b", interrupt)
    exit_code, output, out = run(tmp_path, tiny_marian, tiny_bart)
    assert exit_code == code, output
    assert "interrupted: finished work is saved" in output
    entries = index(out)
    assert sorted(entries) == ["a", "b", "c"]
    assert not entries["b"]["ok"], "b has no result.json, so it is not done"
    assert not (out / "b" / "result.json").exists()
    for stem, entry in entries.items():
        assert entry["ok"] == (out / stem / "result.json").is_file(), stem


def test_sigterm_handler_is_restored_after_the_command(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    run(tmp_path, tiny_marian, tiny_bart)
    assert signal.getsignal(signal.SIGTERM) is before
