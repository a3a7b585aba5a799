"""Resumable runs: killed runs, concurrent runs, cache flags, broken caches, torch-free re-runs.

Runs that must be killed or run side by side are real `python -m summarizer run` processes,
with one torch thread each (two cores shared by several processes otherwise thrash).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from summarizer.cache.location import DEFAULT_CACHE_ENV
from summarizer.cache.store import Cache
from summarizer.cli import app

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS = REPO_ROOT / "seeds"
OUTPUT_FILES = ("source.ko.txt", "translation.en.md", "summary.en.txt", "result.json")
SMALL_ARTICLES = {
    "a.txt": (
        "정부는 화요일 소상공인 지원을 확대한다고 밝혔다. 지원 규모는 3조 원이다.\n\n"
        "경제학자들은 계획을 환영했다. 그러나 충분하지 않을 수 있다고 경고했다.\n"
    ),
    "b.txt": (
        "서울시는 2030년까지 지하철 노선 세 개를 새로 연다고 발표했다. 전기 버스도 늘린다.\n\n"
        "시민들은 출퇴근 시간이 줄어들기를 기대했다.\n"
    ),
}
# Runs the CLI like `python -m summarizer`, then lists the modules it imported.
MODULES_PROBE = """
import atexit, json, os, runpy, sys
atexit.register(lambda: json.dump(sorted(sys.modules), open(os.environ["MODULES_REPORT"], "w")))
runpy.run_module("summarizer", run_name="__main__", alter_sys=True)
"""


def env(**extra: str) -> dict[str, str]:
    variables = {k: v for k, v in os.environ.items() if k != DEFAULT_CACHE_ENV}
    python_path = [str(REPO_ROOT), variables.get("PYTHONPATH", "")]
    variables |= {
        "PYTHONPATH": os.pathsep.join(filter(None, python_path)),
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    return variables | extra


def run_args(articles: Path, out: Path, models: list[str]) -> list[str]:
    return ["run", str(articles), "-o", str(out), *models]


def start(args: list[str], logs: Path) -> subprocess.Popen[bytes]:
    """`python -m summarizer ARGS` in the background, stdout and stderr to files in `logs`."""
    logs.mkdir(parents=True, exist_ok=True)
    with (logs / "stdout").open("wb") as stdout, (logs / "stderr").open("wb") as stderr:
        return subprocess.Popen(
            [sys.executable, "-m", "summarizer", *args],
            cwd=logs,
            env=env(),
            stdout=stdout,
            stderr=stderr,
            preexec_fn=_deliverable_sigint,
        )


def _deliverable_sigint() -> None:
    """In the child before exec: SIGINT handled by default and not blocked, whatever this
    test process inherited or a library set, so that Python installs its Ctrl-C handler."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def finish(process: subprocess.Popen[bytes], logs: Path) -> tuple[int, str]:
    """Exit code and stderr of a process started with `start`."""
    code = process.wait(timeout=600)
    return code, (logs / "stderr").read_text(encoding="utf-8", errors="replace")


def invoke(args: list[str], **environment: str) -> Result:
    """The CLI in this process, without any SUMMARIZER_CACHE of the caller's."""
    variables: dict[str, str | None] = {DEFAULT_CACHE_ENV: None, **environment}
    return CliRunner().invoke(app, args, env=variables)


def translation_rows(cache: Path) -> int:
    """Committed translations, read without write access (0 while there is no table yet)."""
    if not cache.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{cache.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            rows = conn.execute("SELECT COUNT(*) FROM entries WHERE kind = 'translation'")
            return int(rows.fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 600
    while not condition():
        assert process.poll() is None, "the run ended before it could be interrupted"
        assert time.monotonic() < deadline, "timed out waiting for the run to make progress"
        time.sleep(0.02)


def seeds_copy(root: Path) -> Path:
    articles = root / "articles"
    shutil.copytree(SEEDS, articles, ignore=shutil.ignore_patterns("refs"))
    return articles


def small_articles(root: Path) -> Path:
    folder = root / "articles"
    folder.mkdir(parents=True)
    for name, text in SMALL_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def complete_outputs(out: Path) -> dict[str, dict[str, Any]]:
    """result.json by stem; asserts nothing is half-written."""
    assert not list(out.rglob("*.tmp")), "temporary files are left behind"
    results = {}
    for result_file in sorted(out.glob("*/result.json")):
        folder = result_file.parent
        for name in OUTPUT_FILES:
            assert (folder / name).read_text(encoding="utf-8").strip(), f"{folder.name}/{name}"
        results[folder.name] = json.loads(result_file.read_text(encoding="utf-8"))
    return results


def assert_sound(cache: Path) -> None:
    with Cache(cache) as opened:
        assert opened.warnings == []
        assert opened.stats().total_entries > 0
    conn = sqlite3.connect(cache)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def translation_counts(results: dict[str, dict[str, Any]]) -> tuple[int, int]:
    hits = sum(r["cache"]["translation_hits"] for r in results.values())
    misses = sum(r["cache"]["translation_misses"] for r in results.values())
    return hits, misses


def duplicates(results: dict[str, dict[str, Any]]) -> int:
    """Sentences that occur more than once across articles (translated once, cached once)."""
    sources = [s["source"] for r in results.values() for s in r["segments"]]
    return len(sources) - len(set(sources))


@pytest.fixture(scope="module")
def models(
    tmp_path_factory: pytest.TempPathFactory, tiny_marian: Path, tiny_bart: Path
) -> list[str]:
    """Model options for `run`, with the models folder prepared by one uncached run."""
    folder = tmp_path_factory.mktemp("resume-models")
    options = ["-t", str(tiny_marian), "-s", str(tiny_bart), "--models-dir", str(folder / "models")]
    articles = small_articles(folder)
    warm = invoke(["run", str(articles), "-o", str(folder / "out"), *options, "--no-cache"])
    assert warm.exit_code == 0, warm.output
    return options


# --- killed runs -------------------------------------------------------------------------------


def test_sigint_mid_translation_keeps_finished_batches(
    tmp_path: Path, models: list[str], own_user_cache: Path
) -> None:
    articles = seeds_copy(tmp_path)
    # Three more copies of each seed, every line numbered so that each sentence is new:
    # translation lasts long enough that the interrupt lands in it even when this test
    # process is slow to see the first commit on a busy machine.
    for seed in sorted(articles.glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        for copy in range(1, 4):
            numbered = [f"{line} ({copy}번)" if line.strip() else line for line in lines]
            (articles / f"{copy}{seed.name}").write_text("\n".join(numbered), encoding="utf-8")
    out, cache = tmp_path / "out", own_user_cache
    args = [*run_args(articles, out, models), "--batch-size", "4"]
    process = start(args, tmp_path / "first")
    wait_until(lambda: translation_rows(cache) > 0, process)
    process.send_signal(signal.SIGINT)
    code, stderr = finish(process, tmp_path / "first")
    assert code == 130, stderr
    assert "interrupted: finished work is saved" in stderr
    assert "Traceback" not in stderr
    saved = translation_rows(cache)
    assert saved > 0
    complete_outputs(out)
    assert_sound(cache)

    code, stderr = finish(start(args, tmp_path / "again"), tmp_path / "again")
    assert code == 0, stderr
    results = complete_outputs(out)
    assert sorted(results) == sorted(p.stem for p in articles.glob("*.txt"))
    hits, misses = translation_counts(results)
    assert hits >= saved, "every translation committed before the interrupt is reused"
    assert misses > 0, "the interrupt came before translation finished"
    assert translation_rows(cache) == hits + misses - duplicates(results)


def test_sigkill_after_the_first_article_leaves_whole_files_and_resumes(
    tmp_path: Path, models: list[str], own_user_cache: Path
) -> None:
    articles = seeds_copy(tmp_path)
    out, cache = tmp_path / "out", own_user_cache
    args = [*run_args(articles, out, models), "--batch-size", "4"]
    process = start(args, tmp_path / "first")
    wait_until(lambda: any(out.glob("*/result.json")), process)
    process.kill()
    code, _ = finish(process, tmp_path / "first")
    assert code == -signal.SIGKILL
    finished = complete_outputs(out)
    assert 0 < len(finished) < 5
    assert_sound(cache)

    code, stderr = finish(start(args, tmp_path / "again"), tmp_path / "again")
    assert code == 0, stderr
    results = complete_outputs(out)
    assert len(results) == 5
    hits, _ = translation_counts(results)
    assert hits > 0, "translations committed before the kill are reused"
    for stem in finished:
        assert results[stem]["cache"]["translation_misses"] == 0, stem
    reused = {stem for stem, r in results.items() if r["cache"]["summary_hit"]}
    assert set(finished) <= reused
    for stem, before in finished.items():
        assert results[stem]["summary"] == before["summary"]
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert sorted(entry["stem"] for entry in index if entry["ok"]) == sorted(results)


def test_two_runs_at_once_on_one_cache(tmp_path: Path, models: list[str]) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[-2:]:
        shutil.copy(seed, articles)
    cache = tmp_path / "shared.sqlite"
    runs = []
    for name in ("one", "two"):
        args = run_args(articles, tmp_path / name, models)
        logs = tmp_path / f"{name}-logs"
        runs.append(start([*args, "--batch-size", "4", "--cache", str(cache)], logs))
    for name, process in zip(("one", "two"), runs, strict=True):
        code, stderr = finish(process, tmp_path / f"{name}-logs")
        assert code == 0, stderr
        assert "Traceback" not in stderr
    stems = sorted(p.stem for p in articles.glob("*.txt"))
    by_run = {name: complete_outputs(tmp_path / name) for name in ("one", "two")}
    assert all(sorted(results) == stems for results in by_run.values())
    assert not (tmp_path / "one" / "cache.sqlite").exists()
    assert_sound(cache)
    sources = {s["source"] for r in by_run["one"].values() for s in r["segments"]}
    assert translation_rows(cache) == len(sources)


# --- flags, environment and broken caches ------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path, models: list[str]) -> dict[str, Any]:
    articles = small_articles(tmp_path)
    out = tmp_path / "out"
    return {"articles": articles, "out": out, "args": run_args(articles, out, models)}


def table_rows(output: str) -> dict[str, list[str]]:
    """The run's final lines by article stem (one per article, as in a log): stem, sentences,
    characters, seconds, cached, flags."""
    line = re.compile(
        r"(\S+): (\d+) sentences, (\d+) characters, ([\d.]+) s, cached (.+?), flags (.+?) \| "
    )
    stems = {Path(name).stem for name in SMALL_ARTICLES}
    found = (line.match(text) for text in output.splitlines())
    return {m[1]: list(m.groups()) for m in found if m and m[1] in stems}


def test_cache_counts_in_table_and_result_json(small: dict[str, Any]) -> None:
    first = invoke(small["args"])
    assert first.exit_code == 0, first.output
    second = invoke(small["args"])
    assert second.exit_code == 0, second.output
    results = complete_outputs(small["out"])
    for stem, result in results.items():
        total = result["article"]["sentences"]
        assert result["cache"] == {
            "translation_hits": total,
            "translation_misses": 0,
            "summary_hit": True,
        }
        assert table_rows(first.stdout)[stem][4] == f"0/{total}"
        assert table_rows(second.stdout)[stem][4] == f"{total}/{total} +S"


def test_no_cache_writes_no_cache_file(small: dict[str, Any], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "tm.sqlite"
    result = invoke([*small["args"], "--no-cache"], **{DEFAULT_CACHE_ENV: str(elsewhere)})
    assert result.exit_code == 0, result.output
    assert not list(tmp_path.rglob("*.sqlite*"))
    results = complete_outputs(small["out"])
    assert len(results) == 2
    assert all(r["cache"]["translation_hits"] == 0 for r in results.values())


def test_refresh_recomputes_and_overwrites(small: dict[str, Any], own_user_cache: Path) -> None:
    cache = own_user_cache
    assert invoke(small["args"]).exit_code == 0
    conn = sqlite3.connect(cache)
    with conn:
        conn.execute("UPDATE entries SET output = 'TAMPERED.' WHERE kind = 'translation'")
    conn.close()
    assert invoke(small["args"]).exit_code == 0
    translation = small["out"] / "a" / "translation.en.md"
    assert "TAMPERED" in translation.read_text(), "an ordinary run answers from the cache"

    result = invoke([*small["args"], "--refresh"])
    assert result.exit_code == 0, result.output
    for stem, data in complete_outputs(small["out"]).items():
        assert data["cache"]["translation_hits"] == 0, stem
        assert data["cache"]["translation_misses"] == data["article"]["sentences"], stem
        assert data["cache"]["summary_hit"] is False, stem
        assert "TAMPERED" not in data["translation"], stem
    conn = sqlite3.connect(cache)
    stored = [
        row[0] for row in conn.execute("SELECT output FROM entries WHERE kind = 'translation'")
    ]
    conn.close()
    assert stored and "TAMPERED." not in stored


def test_environment_variable_moves_the_cache(small: dict[str, Any], tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere" / "tm.sqlite"
    result = invoke(small["args"], **{DEFAULT_CACHE_ENV: str(moved)})
    assert result.exit_code == 0, result.output
    assert not (small["out"] / "cache.sqlite").exists()
    assert translation_rows(moved) > 0
    again = invoke(small["args"], **{DEFAULT_CACHE_ENV: str(moved)})
    assert again.exit_code == 0, again.output
    assert all(r["cache"]["summary_hit"] for r in complete_outputs(small["out"]).values())


def test_corrupt_cache_is_moved_aside_and_the_run_continues(small: dict[str, Any]) -> None:
    """A cache of ours (its SQLite header says so) damaged past the header."""
    cache = small["out"] / "cache.sqlite"
    cache.parent.mkdir(parents=True)
    with Cache(cache) as store:
        store.put_many("summary", "fp", "model", {"article": "summary"})
    garbage = cache.read_bytes()[:100] + b"this is not a database\n" * 300
    cache.write_bytes(garbage)
    result = invoke(small["args"])
    assert result.exit_code == 0, result.output
    backups = list(small["out"].glob("cache.sqlite.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == garbage
    assert "warning:" in result.stderr and str(backups[0]) in result.stderr
    assert len(complete_outputs(small["out"])) == 2
    assert translation_rows(cache) > 0


def test_unusable_cache_location_is_a_clear_error_and_keeps_outputs(
    small: dict[str, Any], tmp_path: Path
) -> None:
    assert invoke(small["args"]).exit_code == 0
    before = {p: p.read_bytes() for p in small["out"].rglob("*") if p.is_file()}
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    result = invoke([*small["args"], "--cache", str(blocker / "cache.sqlite")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: cannot use the cache at")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--no-cache" in result.stderr
    assert "Traceback" not in result.output
    after = {p: p.read_bytes() for p in small["out"].rglob("*") if p.is_file()}
    assert after == before
    assert blocker.read_text() == "a file"


def test_rerun_over_unchanged_input_imports_no_torch(small: dict[str, Any], tmp_path: Path) -> None:
    assert invoke(small["args"]).exit_code == 0
    report = tmp_path / "modules.json"
    rerun = subprocess.run(
        [sys.executable, "-c", MODULES_PROBE, *small["args"]],
        cwd=tmp_path,
        env=env(MODULES_REPORT=str(report)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    modules = set(json.loads(report.read_text()))
    assert "summarizer.pipeline.core" in modules, "the probe ran the pipeline"
    assert not {"torch", "transformers", "kiwipiepy"} & modules, "no model library is loaded"
    results = complete_outputs(small["out"])
    assert all(r["cache"]["translation_misses"] == 0 for r in results.values())
