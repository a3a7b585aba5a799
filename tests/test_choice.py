"""Which models a run uses when none is named, and the line that says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.config import Settings
from summarizer.models.choice import Choice, announcement, choose
from summarizer.pipeline.core import Pipeline


def install(models: Path, name: str) -> None:
    """A folder that counts as an installed model (what `models pull` leaves)."""
    (models / name).mkdir(parents=True)
    (models / name / "config.json").write_text(json.dumps({"model_type": "marian"}), "utf-8")


def installed_packages(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    """Pretend that only the embedded presets `names` have their packages installed."""
    monkeypatch.setattr(
        "summarizer.models.embedded.package_version",
        lambda preset: "1.0" if preset.name in names else None,
    )


def test_a_fresh_machine_gets_qwen_to_translate_and_lead_3_to_summarize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qwen's summaries scored below Lead-3 of the same checked translation on our reference
    set (benchmarks/RESULTS.md), so Lead-3 is the default summarizer even with Qwen installed."""
    installed_packages(monkeypatch, "qwen2.5-coder-1.5b", "gemma3-270m", "smollm2")
    assert choose("translation", None, tmp_path) == Choice(
        "translation", "qwen2.5-coder-1.5b", False
    )
    assert choose("summarization", None, tmp_path) == Choice("summarization", "lead-3", False)


def test_without_qwen_gemma_translates_and_lead_3_summarizes_never_smollm2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """smollm2 measures below Lead-3 on our reference set: it is never the default."""
    installed_packages(monkeypatch, "gemma3-270m", "smollm2")
    assert choose("translation", None, tmp_path).ref == "gemma3-270m"
    assert choose("summarization", None, tmp_path).ref == "lead-3"
    line = announcement([choose("summarization", None, tmp_path)])
    assert line is not None
    assert "summarizer lead-3 (the translation's first 3 checked sentences, no model)" in line
    assert "summarizer models pull distilbart-cnn-12-6" in line


def test_with_no_package_the_best_default_is_named_for_its_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed_packages(monkeypatch)
    assert choose("translation", None, tmp_path).ref == "qwen2.5-coder-1.5b"


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


def test_the_announcement_names_the_choice_and_the_way_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed_packages(monkeypatch, "qwen2.5-coder-1.5b")
    line = announcement(
        [choose("translation", None, tmp_path), choose("summarization", None, tmp_path)]
    )
    assert line is not None
    assert "translator qwen2.5-coder-1.5b (embedded)" in line
    assert "summarizer lead-3 (the translation's first 3 checked sentences, no model)" in line
    assert "summarizer models pull opus-mt-tc-big-ko-en" in line
    assert announcement([choose("translation", "x", tmp_path)]) is None, "named: nothing to say"


def test_a_base_model_cannot_be_the_summarizer(tiny_marian: Path, tmp_path: Path) -> None:
    from summarizer.errors import UsageError
    from summarizer.models.spec import resolve

    spec = resolve(str(tiny_marian), tmp_path)
    base = type(spec)(**{**spec.__dict__, "prompt_style": "completion"})
    settings = Settings(models_dir=tmp_path)
    pipeline = Pipeline(settings, _null(), specs={"summarization": base})
    with pytest.raises(UsageError, match="base language model"):
        _ = pipeline.summarizer


def _null():  # type: ignore[no-untyped-def]
    from summarizer.cache.null import NullCache

    return NullCache()
