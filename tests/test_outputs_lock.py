"""An outputs folder holds one run at a time: a second run stops before any work with one line
naming the process that holds it; a lock left by a killed process blocks nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summarizer.cli import app
from summarizer.errors import UsageError
from summarizer.pipeline.lock import LOCK_FILE, PID_FILE, outputs_lock

REPO_ROOT = Path(__file__).resolve().parents[1]
KOREAN = "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n"
# Holds the outputs folder given as argv[1] until its stdin closes.
HOLDER = """
import sys
from pathlib import Path
from summarizer.pipeline.lock import outputs_lock
with outputs_lock(Path(sys.argv[1])):
    print("held", flush=True)
    sys.stdin.read()
"""


def holder(out: Path) -> subprocess.Popen[bytes]:
    """Another process holding `out`, as a run in progress does."""
    env = os.environ | {"PYTHONPATH": str(REPO_ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == b"held"
    return process


@pytest.fixture
def held(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[bytes]]]:
    out = tmp_path / "out"
    process = holder(out)
    yield out, process
    if process.poll() is None:
        assert process.stdin is not None
        process.stdin.close()
        process.wait(timeout=30)


def articles(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(KOREAN, encoding="utf-8")
    return root


def run(folder: Path, out: Path, models: tuple[Path, Path], *extra: str) -> Result:
    args = ["run", str(folder), "-o", str(out), "-t", str(models[0]), "-s", str(models[1])]
    return CliRunner().invoke(app, [*args, *extra])


def test_a_second_run_into_a_held_folder_stops_before_any_work(
    tmp_path: Path,
    held: tuple[Path, subprocess.Popen[bytes]],
    monkeypatch: pytest.MonkeyPatch,
    tiny_marian: Path,
    tiny_bart: Path,
) -> None:
    out, process = held
    (out / "index.jsonl").write_text('{"stem": "x", "path": "/x.txt", "ok": false}\n')
    before = sorted(p.name for p in out.iterdir())

    def no_models(*args: object, **kwargs: object) -> None:
        raise AssertionError("models were looked at before the lock")

    monkeypatch.setattr("summarizer.cli.pipeline_commands.prepare_models", no_models)
    monkeypatch.setattr("summarizer.cli.score_commands.prepare_models", no_models)
    folder = articles(tmp_path / "in")
    baseline = tmp_path / "baseline.json"
    for result in (
        run(folder, out, (tiny_marian, tiny_bart)),
        CliRunner().invoke(
            app, ["regress", str(folder), "-b", str(baseline), "-o", str(out), "--update-baseline"]
        ),
    ):
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error:"), result.output
        assert f"another summarizer run (pid {process.pid}) is writing to {out}" in lines[0]
    assert sorted(p.name for p in out.iterdir()) == before
    assert (out / "index.jsonl").read_text().count("\n") == 1
    assert not baseline.exists()


def test_the_library_holds_the_folder_too(
    held: tuple[Path, subprocess.Popen[bytes]], tmp_path: Path
) -> None:
    from summarizer.cache.null import NullCache
    from summarizer.config import Settings
    from summarizer.pipeline.core import Pipeline

    out, _ = held
    pipeline = Pipeline(Settings(summarizer="lead-1"), NullCache())
    with pytest.raises(UsageError, match="another summarizer run"):
        pipeline.run(articles(tmp_path / "in"), out)
    assert not (out / "index.jsonl").exists()


def test_a_lock_left_by_a_killed_process_blocks_nothing(
    held: tuple[Path, subprocess.Popen[bytes]], tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    out, process = held
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert (out / LOCK_FILE).exists() and (out / PID_FILE).exists(), "left as a kill leaves them"
    result = run(articles(tmp_path / "in"), out, (tiny_marian, tiny_bart), "--no-report")
    assert result.exit_code == 0, result.output
    lines = (out / "index.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["stem"] for line in lines) == ["a", "b"]
    assert not (out / PID_FILE).exists()


def test_the_lock_is_reentrant_and_a_run_that_wrote_nothing_leaves_nothing(
    tmp_path: Path,
) -> None:
    out = tmp_path / "new" / "out"
    with outputs_lock(out), outputs_lock(out):
        assert (out / LOCK_FILE).exists()
        assert (out / PID_FILE).read_text().strip() == str(os.getpid())
    assert not (tmp_path / "new").exists()
    kept = tmp_path / "kept"
    with outputs_lock(kept):
        (kept / "index.jsonl").write_text("")
    assert sorted(p.name for p in kept.iterdir()) == [LOCK_FILE, "index.jsonl"]
