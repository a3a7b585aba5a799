"""Refused commands exit with the documented code and leave nothing behind: no outputs
folder, no cache."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

SEED = Path(__file__).resolve().parents[1] / "seeds" / "003_b1d73babfa129a0a.txt"


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture()
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty current folder, where the default `outputs/` would appear."""
    folder = tmp_path / "work"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def _created(workdir: Path) -> list[str]:
    return sorted(str(p.relative_to(workdir)) for p in workdir.rglob("*"))


def test_score_without_articles_is_a_usage_error(workdir: Path) -> None:
    (workdir / "out").mkdir()
    (workdir / "empty").mkdir()
    missing = invoke("score", "missing", "-o", "out")
    assert missing.exit_code == 2 and "does not exist" in missing.output
    empty = invoke("score", "empty", "-o", "out")
    assert empty.exit_code == 2 and "no articles" in empty.output
    assert invoke("score", "empty", "-o", "no-outputs").exit_code == 2
    assert _created(workdir) == ["empty", "out"]


def test_eval_mt_refuses_bad_files_with_exit_two_before_any_cache(
    workdir: Path, tiny_marian: Path
) -> None:
    src, ref, ids = workdir / "src.txt", workdir / "ref.txt", workdir / "ids.tsv"
    src.write_text("테슬라 주가가 급등했다.\n엔비디아가 발표했다.\n", encoding="utf-8")
    ref.write_text("Tesla rose.\n", encoding="utf-8")
    ids.write_text("doc1\n", encoding="utf-8")
    before = _created(workdir)
    model = ["-t", str(tiny_marian), "--cache", str(workdir / "cache.sqlite")]
    misaligned = invoke("eval-mt", str(src), str(ref), *model)
    assert misaligned.exit_code == 2 and "sentence-aligned" in misaligned.output
    assert invoke("eval-mt", str(src), "missing.txt", *model).exit_code == 2
    ref.write_text("Tesla rose.\nNvidia said so.\n", encoding="utf-8")
    documents = invoke(
        "eval-mt", str(src), str(ref), "--mode", "document", "--documents", str(ids), *model
    )
    assert documents.exit_code == 2 and "ids.tsv has 1 lines" in documents.output
    assert _created(workdir) == before


def test_translate_refuses_an_over_long_article_before_any_cache(
    workdir: Path, tiny_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARIZER_MAX_ARTICLE_CHARS", "100")
    cache = workdir / "cache.sqlite"
    for command in ("translate", "summarize"):
        result = invoke(command, str(SEED), "-t", str(tiny_marian), "--cache", str(cache))
        assert result.exit_code == 1 and "too long" in result.output
    result = invoke("translate", str(SEED), "-t", str(tiny_marian))
    assert result.exit_code == 1 and "too long" in result.output
    assert _created(workdir) == []
