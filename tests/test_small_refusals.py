"""Small refusals: an empty outputs path, lead-0, a models folder or summarizer.toml that is
the wrong kind of file, and the range of --sentences in the help."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    text = "The council met on Monday. It approved a budget. Work starts soon."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


def test_an_empty_outputs_path_is_refused(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for command in (["run", str(articles), "-s", "lead-1"], ["score", str(articles)]):
        result = CliRunner().invoke(app, [*command, "-o", ""])
        assert result.exit_code == 2
        assert "an empty path; name a folder" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles"]


def test_lead_0_says_n_must_be_at_least_1(articles: Path, tmp_path: Path) -> None:
    args = ["run", str(articles), "-o", str(tmp_path / "out"), "-s", "lead-0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: summarizer lead-0: lead-N takes the first N sentences; N must be ≥ 1"
    ]


def test_a_models_folder_that_is_a_file_is_a_usage_error(articles: Path, tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.write_text("not a folder", encoding="utf-8")
    args = ["run", str(articles), "-o", str(tmp_path / "out"), "-s", "lead-1"]
    result = CliRunner().invoke(app, [*args, "--models-dir", str(models)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: setting models_dir (from the command line): must be a folder, not a file, "
        f"got '{models}'"
    ]


def test_a_settings_file_that_is_a_folder_is_an_error(
    articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "summarizer.toml").mkdir()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["run", str(articles), "-o", "out", "-s", "lead-1"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: cannot read settings from {tmp_path / 'summarizer.toml'}: Is a directory"
    ]


def test_help_shows_the_range_of_sentences() -> None:
    result = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    line = next(line for line in result.output.splitlines() if "--sentences" in line)
    assert "1<=x<=100" in line
