"""Settings precedence: defaults < pyproject < summarizer.toml < environment < CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import load_settings
from summarizer.errors import UsageError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("SUMMARIZER_TRANSLATOR", "SUMMARIZER_SUMMARIZER", "SUMMARIZER_MODELS_DIR"):
        monkeypatch.delenv(var, raising=False)


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.translator is None and settings.summarizer is None, "chosen per run"
    assert (settings.summary_sentences, settings.summary_words) == (3, 80)


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.summarizer]\ntranslator = "from-pyproject"\nsummarizer = "from-pyproject"\n'
        "summary_words = 50\n[tool.summarizer.translator_decoding]\nnum_beams = 3\n",
        encoding="utf-8",
    )
    (tmp_path / "summarizer.toml").write_text('summarizer = "from-toml"\n', encoding="utf-8")
    monkeypatch.setenv("SUMMARIZER_TRANSLATOR", "from-env")
    settings = load_settings(tmp_path)
    assert settings.translator == "from-env"
    assert settings.summarizer == "from-toml"
    assert settings.summary_words == 50
    assert settings.translator_decoding == {"num_beams": 3}
    cli = settings.with_overrides(summarizer="from-cli", translator=None)
    assert (cli.summarizer, cli.translator) == ("from-cli", "from-env")
    merged = settings.with_overrides(translator_decoding={"max_new_tokens": 40})
    assert merged.translator_decoding == {"num_beams": 3, "max_new_tokens": 40}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('translater = "x"\n', "unknown setting"),
        ('backend = "gpu"\n', "backend must be one of"),
        ("summary_words = 0\n", "at least 1"),
        ("summary_words = 'many'\n", "whole number"),
        ("[translator_decoding]\nbeams = 4\n", "unknown decoding setting"),
        ("translator = \n", "cannot read settings"),
    ],
)
def test_bad_settings_are_usage_errors(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "summarizer.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_settings(tmp_path)
