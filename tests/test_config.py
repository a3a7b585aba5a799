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
        ('backend = "gpu"\n', "backend .*: must be 'auto', 'hf' or 'ct2', got 'gpu'"),
        ("summary_words = 0\n", "summary_words .*: must be greater than or equal to 1"),
        ("summary_words = 'many'\n", "whole number"),
        ("[translator_decoding]\nbeams = 4\n", "unknown decoding setting"),
        ("translator = \n", "cannot read settings"),
    ],
)
def test_bad_settings_are_usage_errors(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "summarizer.toml").write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_settings(tmp_path)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("num_beams = 100000", r"num_beams .*: must be less than or equal to 32, got 100000"),
        ("num_beams = 0", r"num_beams .*: must be greater than or equal to 1, got 0"),
        ("max_new_tokens = -3", r"max_new_tokens .*: must be greater than or equal to 1"),
        ('max_new_tokens = "lots"', r"max_new_tokens .*: must be a whole number, got 'lots'"),
        ('length_penalty = "x"', r"length_penalty .*: must be a number, got 'x'"),
        ("no_repeat_ngram_size = -1", r"no_repeat_ngram_size .*: must be greater than or equal"),
        ("num_beams = 2.5", r"num_beams .*: must be a whole number, got 2.5"),
        ("num_beams = true", r"num_beams .*: expected a number, not true or false"),
        ("repetition_penalty = nan", r"repetition_penalty .*: must be a finite number"),
    ],
)
def test_decoding_settings_are_checked_with_their_ranges(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "summarizer.toml").write_text(f"[translator_decoding]\n{line}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=f"setting translator_decoding.{message}") as caught:
        load_settings(tmp_path)
    assert "summarizer.toml" in str(caught.value) and "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("models_dir = 5", "models_dir .*: must be a path, got 5"),
        ("batch_size = 3.7", "batch_size .*: must be a whole number, got 3.7"),
        ("summary_sentences = true", "summary_sentences .*: expected a number"),
        ("translator = 5", "translator .*: must be text, got 5"),
        ("translator_decoding = 3", "translator_decoding .*: must be a table"),
    ],
)
def test_other_settings_are_checked_with_their_types(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "summarizer.toml").write_text(f"{line}\n", encoding="utf-8")
    with pytest.raises(UsageError, match=f"setting {message}"):
        load_settings(tmp_path)


def test_a_whole_float_is_taken_as_its_integer(tmp_path: Path) -> None:
    (tmp_path / "summarizer.toml").write_text("[translator_decoding]\nnum_beams = 4.0\n")
    assert load_settings(tmp_path).translator_decoding == {"num_beams": 4}


def test_the_environment_and_the_command_line_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ARTICLE_CHARS", "lots")
    with pytest.raises(UsageError, match=r"max_article_chars \(from SUMMARIZER_MAX_ARTICLE_"):
        load_settings(tmp_path)
    monkeypatch.delenv("SUMMARIZER_MAX_ARTICLE_CHARS")
    settings = load_settings(tmp_path)
    with pytest.raises(UsageError, match=r"num_beams \(from the command line\): must be less"):
        settings.with_overrides(translator_decoding={"num_beams": 33})


def test_the_cli_refuses_a_bad_setting_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from summarizer.cli import app

    article = tmp_path / "a.txt"
    article.write_text("정부는 지원을 확대했다.\n", encoding="utf-8")
    (tmp_path / "summarizer.toml").write_text("[translator_decoding]\nnum_beams = 100000\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(app, ["translate", str(article)])
    assert result.exit_code == 2, result.output
    assert "num_beams" in result.output and "Traceback" not in result.output
