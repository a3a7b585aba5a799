"""A re-run answered from the cache keeps the timings of the run that did the work."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cli import app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def result_files(out: Path) -> dict[str, dict[str, Any]]:
    return {
        path.parent.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(out.glob("*/result.json"))
    }


def test_cached_rerun_keeps_the_computing_runs_timings(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, articles)
    out = tmp_path / "out"
    args = ["run", str(articles), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    assert CliRunner().invoke(app, args).exit_code == 0
    first = result_files(out)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    second = result_files(out)
    assert sorted(second) == sorted(first) and len(first) == 2
    for stem, data in second.items():
        assert data["cache"]["translation_misses"] == 0 and data["cache"]["summary_hit"], stem
        computed = first[stem]["timings"]
        assert computed["translate_s"] > 0 and computed["summarize_s"] > 0, computed
        assert {k: v for k, v in data["timings"].items() if k != "this_run_s"} == computed
        assert 0 <= data["timings"]["this_run_s"] < computed["total_s"]
    page = (out / "report.html").read_text(encoding="utf-8")
    work = sum(t["timings"]["total_s"] for t in first.values())
    assert f"{work:.1f} s of work" in page
    assert "in the run that computed it" in page

    # A sentence changed: that article's work is this run's, with its hits counted as hits.
    edited = sorted(articles.glob("*.txt"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n새로운 문장이 추가되었다.\n")
    assert CliRunner().invoke(app, args).exit_code == 0
    third = result_files(out)[edited.stem]
    assert third["cache"]["translation_misses"] == 1 and "this_run_s" not in third["timings"]
