"""Small things a new user hit: --version, score's option errors."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

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
