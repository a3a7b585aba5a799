"""Which models a run uses when none is named, and the line that says so."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.choice import Choice, announcement, choose
from summarizer.config import Settings
from summarizer.pipeline import Pipeline


def install(models: Path, name: str) -> None:
    """A folder that counts as an installed model (what `models pull` leaves)."""
    (models / name).mkdir(parents=True)
    (models / name / "config.json").write_text(json.dumps({"model_type": "marian"}), "utf-8")


def test_a_fresh_machine_gets_the_embedded_models(tmp_path: Path) -> None:
    assert choose("translation", None, tmp_path) == Choice("translation", "gemma3-270m", False)
    assert choose("summarization", None, tmp_path) == Choice("summarization", "smollm2", False)


def test_the_strongest_installed_preset_wins(tmp_path: Path) -> None:
    install(tmp_path, "opus-mt-ko-en")
    assert choose("translation", None, tmp_path).ref == "opus-mt-ko-en"
    install(tmp_path, "opus-mt-tc-big-ko-en")
    assert choose("translation", None, tmp_path).ref == "opus-mt-tc-big-ko-en"
    install(tmp_path, "bart-large-cnn")
    assert choose("summarization", None, tmp_path).ref == "bart-large-cnn"


def test_a_named_model_is_used_as_named(tmp_path: Path) -> None:
    install(tmp_path, "opus-mt-tc-big-ko-en")
    choice = choose("translation", "my/model", tmp_path)
    assert choice == Choice("translation", "my/model", explicit=True)


def test_the_announcement_names_the_choice_and_the_way_up(tmp_path: Path) -> None:
    line = announcement(
        [choose("translation", None, tmp_path), choose("summarization", None, tmp_path)]
    )
    assert line is not None
    assert "translator gemma3-270m (embedded)" in line
    assert "summarizer smollm2 (embedded)" in line
    assert "summarizer models pull opus-mt-tc-big-ko-en" in line
    assert announcement([choose("translation", "x", tmp_path)]) is None, "named: nothing to say"


def test_a_base_model_cannot_be_the_summarizer(tiny_marian: Path, tmp_path: Path) -> None:
    import pytest

    from summarizer.errors import UsageError
    from summarizer.models import resolve

    spec = resolve(str(tiny_marian), tmp_path)
    base = type(spec)(**{**spec.__dict__, "prompt_style": "completion"})
    settings = Settings(models_dir=tmp_path)
    pipeline = Pipeline(settings, _null(), specs={"summarization": base})
    with pytest.raises(UsageError, match="base language model"):
        _ = pipeline.summarizer


def _null():  # type: ignore[no-untyped-def]
    from summarizer.cache import NullCache

    return NullCache()
