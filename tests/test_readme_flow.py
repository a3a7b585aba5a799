"""The README's commands as a new user types them: no model named, default outputs folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models.folder import local_name
from summarizer.models.presets import PRESETS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture()
def new_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_marian: Path, tiny_bart: Path
) -> Path:
    """A checkout with the seeds and a models folder whose strongest presets are tiny models,
    so that a run naming no model picks them, as it picks pulled models for a user."""
    models = tmp_path / "models"
    pulled = (("opus-mt-tc-big-ko-en", tiny_marian), ("distilbart-cnn-12-6", tiny_bart))
    for preset, folder in pulled:
        shutil.copytree(folder, models / local_name(PRESETS[preset].hub_id))
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_MODELS_DIR", str(models))
    return tmp_path


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_the_readme_regression_gate_runs_without_naming_a_model(new_user: Path) -> None:
    assert invoke("run", "seeds/").exit_code == 0
    created = invoke(
        "regress", "seeds/", "--baseline", "quality/baseline.json", "--update-baseline"
    )
    assert created.exit_code == 0, created.output
    assert (new_user / "quality" / "baseline.json").is_file()
    gate = invoke("regress", "seeds/", "--baseline", "quality/baseline.json")
    assert gate.exit_code == 0, gate.output
    assert "PASS" in gate.output
    significant = invoke(
        "regress", "seeds/", "--baseline", "quality/baseline.json", "--gate", "significant"
    )
    assert significant.exit_code == 0, significant.output


def test_outputs_of_another_model_are_still_refused_when_none_is_named(
    new_user: Path, tiny_t5: Path
) -> None:
    assert invoke("run", "seeds/", "-s", str(tiny_t5)).exit_code == 0
    refused = invoke(
        "regress", "seeds/", "--baseline", "quality/baseline.json", "--update-baseline"
    )
    assert refused.exit_code == 2, refused.output
    assert "summarizer.id" in refused.output and "distilbart-cnn-12-6" in refused.output


def cache_record(out: Path) -> list[dict[str, Any]]:
    return [
        json.loads(path.read_text(encoding="utf-8"))["cache"]
        for path in sorted(out.glob("*/result.json"))
    ]


def test_one_cache_serves_every_outputs_folder(new_user: Path, own_user_cache: Path) -> None:
    assert invoke("run", "seeds/").exit_code == 0
    assert own_user_cache.is_file() and not (new_user / "outputs" / "cache.sqlite").exists()
    elsewhere = invoke("run", "seeds/", "-o", "elsewhere/")
    assert elsewhere.exit_code == 0, elsewhere.output
    records = cache_record(new_user / "elsewhere")
    assert len(records) == 5
    assert all(r["translation_misses"] == 0 and r["summary_hit"] for r in records), records


def test_an_earlier_versions_folder_cache_is_still_read(
    new_user: Path, own_user_cache: Path
) -> None:
    old = new_user / "outputs" / "cache.sqlite"
    assert invoke("run", "seeds/", "--cache", str(old)).exit_code == 0
    shutil.rmtree(new_user / "outputs" / sorted(p.stem for p in SEEDS.glob("*.txt"))[0])
    again = invoke("run", "seeds/")
    assert again.exit_code == 0, again.output
    assert all(r["translation_misses"] == 0 for r in cache_record(new_user / "outputs"))
    assert not own_user_cache.exists()
    said = " ".join(again.stderr.split())
    assert f"cache: {Path('outputs') / 'cache.sqlite'}, left in the outputs folder" in said


def test_help_says_where_the_cache_is(tmp_path: Path) -> None:
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "300"}
    for command in (["run", "--help"], ["cache", "--help"]):
        shown = subprocess.run(
            [sys.executable, "-m", "summarizer", *command],
            capture_output=True,
            text=True,
            env=environment,
            check=True,
        ).stdout
        assert f"default one per user, shared by all runs: {tmp_path}/summarizer/cache.sqlite" in (
            " ".join(shown.replace("│", " ").split())
        )
