"""Ctrl-C and SIGTERM while articles are written: exit code, message and a truthful index."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.pipeline.outputs
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
    real = summarizer.pipeline.outputs.write_atomic

    def write(path: Path, text: str) -> None:
        if path.parent.name == stem and path.name == "result.json":
            interrupt()
        real(path, text)

    monkeypatch.setattr(summarizer.pipeline.outputs, "write_atomic", write)


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


# A translator whose batch holding "끝이다" spends minutes in C code that ignores signals (as a
# CTranslate2 or torch generate call does); every other batch is the tiny model's real one.
# SIGINT gets Python's handler even when the tests run in a background job, which ignores it.
SLOW_GENERATE = """
import hashlib, signal, sys
from pathlib import Path
import summarizer.engines.hf as hf
signal.signal(signal.SIGINT, signal.default_int_handler)
real = hf.HFEngine.generate
def generate(self, inputs, **options):
    if any("끝이다" in text for text in inputs):
        Path(sys.argv[1]).write_text("slow call started")
        hashlib.pbkdf2_hmac("sha256", b"x", b"y", int(sys.argv[2]))
    return real(self, inputs, **options)
hf.HFEngine.generate = generate
from summarizer.cli import app
app(sys.argv[3:], prog_name="summarizer")
"""


def iterations_for(seconds: float) -> int:
    """pbkdf2 iterations that take about `seconds` on this machine."""
    began = time.perf_counter()
    hashlib.pbkdf2_hmac("sha256", b"x", b"y", 100_000)
    return int(100_000 * seconds / max(time.perf_counter() - began, 1e-6))


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_long_model_call_is_interrupted_at_once_keeping_finished_batches(
    tmp_path: Path, tiny_marian: Path, signum: int, code: int
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "정부는 화요일 소상공인 지원을 대폭 확대한다고 공식적으로 밝혔다. "
        "서울시는 지하철 노선 세 개를 새로 연다고 오늘 발표했다. 끝이다.\n",
        encoding="utf-8",
    )
    started, cache = tmp_path / "started", tmp_path / "cache.sqlite"
    command = [
        sys.executable, "-c", SLOW_GENERATE, str(started), str(iterations_for(300)),
        "translate", str(article), "-t", str(tiny_marian), "--backend", "hf",
        "--batch-size", "1", "--cache", str(cache),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 240
        while not started.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert started.exists(), process.communicate(timeout=10)
        signalled = time.monotonic()
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
        stopped = time.monotonic() - signalled
    finally:
        process.kill()
    assert process.returncode == code, stderr
    assert stopped < 10, f"took {stopped:.1f} s to stop"
    assert "interrupted: finished work is saved" in stderr and "Traceback" not in stderr
    with sqlite3.connect(cache) as db:
        sources = {
            row[0]
            for row in db.execute("SELECT source FROM entries WHERE kind = ?", ("translation",))
        }
    assert len(sources) == 2 and not any("끝이다" in source for source in sources), sources
