"""The README's commands as a new user types them: no model named, default outputs folder."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models import local_name
from summarizer.presets import PRESETS

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
