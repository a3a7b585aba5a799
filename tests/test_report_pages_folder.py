"""The pages folder of a large report belongs to the report: an article named `report-pages`
gets a folder of its own, and the pages go when the report is back to one page."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.report import paged


def run(articles: Path, out: Path) -> None:
    args = ["run", str(articles), "-o", str(out), "-s", "lead-1", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output


def test_pages_folder_is_never_an_article_and_goes_with_its_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paged, "PAGE_ARTICLES", 1)
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir()
    for stem in ("a", "report-pages"):
        text = f"Council {stem} met on Monday. It approved a budget. Work starts soon."
        (articles / f"{stem}.txt").write_text(text, encoding="utf-8")
    run(articles, out)
    assert sorted(p.name for p in (out / "report-pages").iterdir()) == [
        "page-0001.html",
        "page-0002.html",
    ]
    assert (out / "report-pages~article" / "result.json").is_file()
    (articles / "report-pages.txt").unlink()
    run(articles, out)
    assert not (out / "report-pages").exists()
    assert "index-data" not in (out / "report.html").read_text(encoding="utf-8")
