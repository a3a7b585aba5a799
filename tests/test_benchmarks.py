"""`python -m benchmarks` mechanics on a tiny slice with tiny models (no timing asserted)."""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path

import pytest
from tiny_models import build_bart, build_marian

from benchmarks import __main__ as bench
from benchmarks import asides, experiments, workload
from benchmarks.run import plan

pytest.importorskip("ctranslate2", reason="the benchmark compares against CTranslate2")
needs_shared = pytest.mark.skipif(
    not workload.available(), reason="needs NTREX-128 and the opus-mt skeleton in ../shared"
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny models with contexts long enough for whole NTREX sentences and documents."""
    root = tmp_path_factory.mktemp("bench-models")
    return {
        "translator": build_marian(root / "marian", max_positions=512),
        "summarizer": build_bart(root / "bart", max_positions=4096),
    }


@needs_shared
def test_translation_benchmark_runs_every_contender(
    tiny: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    markdown = tmp_path / "tables.md"
    args = ["--sentences", "6", "--a-limit", "2", "--new-tokens", "4", "--beams", "1"]
    args += ["--suites", "base", "--workdir", str(tmp_path), "--markdown", str(markdown)]
    args += ["--translator", str(tiny["translator"]), "--summarizer", str(tiny["summarizer"])]
    assert bench.main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    final = json.loads(lines[-1])
    suite = final["translation marian beam1"]
    assert sorted(suite) == ["a", "b", "c", "d", "e", "f"]
    assert suite["a"]["ratio_to_a"] == 1.0
    assert all(figures["tokens_per_s"] > 0 for figures in suite.values())
    assert 0 < suite["d"]["cached_rerun_share"] < 1
    assert suite["d"]["share_of_e"] > 0 and suite["f"]["share_of_e"] > 0
    assert "(e) raw CTranslate2" in markdown.read_text()
    segments = workload.pipeline_inputs(tmp_path / "articles-ko")[0]
    runs = tmp_path / "runs" / "translation-marian-beam1"
    for key, backend in (("c", "hf"), ("d", "ct2")):
        results = [json.loads(p.read_text()) for p in (runs / f"{key}-out").glob("*/result.json")]
        assert {s["source"] for r in results for s in r["segments"]} == set(segments)
        assert {r["models"]["translator"]["backend"] for r in results} == {backend}
    unchecked = [json.loads(p.read_text()) for p in (runs / "f-out").glob("*/result.json")]
    assert unchecked and not any(s.get("flags") for r in unchecked for s in r["segments"])
    assert not any(r["summary_flags"] for r in unchecked)


@needs_shared
def test_summarization_workload_is_the_english_side(tiny: dict[str, Path], tmp_path: Path) -> None:
    args = bench.parse(["--suites", "summarization", "--documents", "3", "--beams", "1", "4"])
    args.workdir, args.summarizer = tmp_path, tiny["summarizer"]
    suites = plan(args, lambda _line: None)
    assert [s.name for s in suites] == ["summarization bart beam1", "summarization bart beam4"]
    first = workload.documents("en")[0]
    assert len(suites[0].inputs) == 3
    assert suites[0].inputs[0].split("\n\n")[:2] == first.lines[:2]
    assert suites[0].task == "summarization" and suites[0].batch_size == 4


def test_quick_defaults() -> None:
    args = bench.parse(["--quick"])
    assert (args.sentences, args.suites, args.beams) == (200, ["base"], [1])


def test_skips_without_shared_data(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(workload, "available", lambda: False)
    assert bench.main(["--quick"]) == 0
    assert capsys.readouterr().out.startswith("skipped:")


def test_every_experiment_imports_from_its_folder() -> None:
    """The one-off experiments live in benchmarks/experiments/ and import each other there."""
    names = [module.name for module in pkgutil.iter_modules(experiments.__path__)]
    assert {"gemma", "qwen_prompt", "qwen_retry", "qwen_candidates"} <= set(names)
    for name in names:
        importlib.import_module(f"benchmarks.experiments.{name}")


@pytest.mark.skipif(
    not (workload.NTREX / workload.KOREAN_FILE).is_file(), reason="needs NTREX-128 in ../shared"
)
def test_asides_skip_no_ntrex_line_and_name_the_quotations_they_keep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert asides.main() == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    development = figures["development"]
    assert (development["documents"], development["lines"]) == (60, 956)
    assert development["skipped"] == 0 and development["wholly_quoted"] == 7
