"""Small things a new user hit: --version, score's option errors, typos, threads, models."""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"summarizer {version('summarizer')}"


def test_score_json_and_csv_together_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--json", "--csv"])
    assert result.exit_code == 2, result.output
    assert "cannot be combined" in result.output


def test_a_wrong_refs_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--refs", str(tmp_path / "nope")])
    assert result.exit_code == 2, result.output
    assert "is not a folder of references" in result.output


def test_a_mistyped_preset_suggests_the_nearest_without_the_hub(
    tmp_path: Path, network_attempts: list[object]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The council met on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["summarize", str(article), "-s", "smolm2", "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "did you mean 'smollm2'?" in result.output
    assert network_attempts == []


def test_threads_come_from_the_command_line_and_the_environment(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    from summarizer.config import load_settings

    monkeypatch.setenv("SUMMARIZER_THREADS", "1")
    assert load_settings(tmp_path).intra_threads == 1
    monkeypatch.delenv("SUMMARIZER_THREADS")
    article = tmp_path / "a.txt"
    article.write_text("정부는 화요일 밝혔다.\n", encoding="utf-8")
    saved = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        args = ["translate", str(article), "-t", str(tiny_marian), "--backend", "hf"]
        result = CliRunner().invoke(app, [*args, "--threads", "1", "--no-cache"])
        assert result.exit_code == 0, result.output
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(saved)


def test_more_threads_than_cores_is_refused_before_any_work(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 화요일 밝혔다.\n", encoding="utf-8")
    out = tmp_path / "out"
    too_many = str((os.cpu_count() or 1) + 1)
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "--threads", too_many])
    assert result.exit_code == 2, result.output
    assert f"= {too_many} exceeds the" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_models_list_and_info_say_what_each_folder_is(tiny_marian: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    conversion = models / "opus-mt-ko-en-ct2-int8"
    conversion.mkdir(parents=True)
    (conversion / "config.json").write_text("{}")
    source = {
        "id": "Helsinki-NLP/opus-mt-ko-en",
        "weights_sha256": "0" * 64,
        "quantization": "int8",
    }
    (conversion / "source.json").write_text(json.dumps(source))
    (models / ".opus-mt-ko-en-ct2-float32.partial").mkdir()  # a conversion being built
    (models / ".opus-mt-ko-en-ct2-float32.partial" / "config.json").write_text("{}")
    where = ["--models-dir", str(models)]
    listed = CliRunner().invoke(app, ["models", "list", *where], terminal_width=200)
    assert listed.exit_code == 0, listed.output
    assert "CTranslate2 conversions" in listed.output and "Other models" not in listed.output
    assert ".opus-mt-ko-en-ct2-float32" not in listed.output
    info = CliRunner().invoke(app, ["models", "info", conversion.name, *where], terminal_width=200)
    assert "converted from: Helsinki-NLP/opus-mt-ko-en" in info.output
    assert "hub id" not in info.output
    local = CliRunner().invoke(
        app, ["models", "info", str(tiny_marian), *where], terminal_width=200
    )
    assert local.exit_code == 0, local.output
    assert f"folder: {tiny_marian.resolve()}" in local.output and "hub id" not in local.output
    config_digest = hashlib.sha256((tiny_marian / "config.json").read_bytes()).hexdigest()
    assert config_digest[:16] in local.output
