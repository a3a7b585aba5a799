"""`score` when no reference belongs to any article: one line naming where references were
looked for and the files found there, exit 2 (never an empty table that passes)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app


def test_no_matching_reference_is_an_error_naming_the_files(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "refs").mkdir(parents=True)
    for stem in ("a", "b"):
        text = f"Council {stem} met on Monday. It approved a budget. Work starts soon."
        (articles / f"{stem}.txt").write_text(text, encoding="utf-8")
    for name in ("x.summary.en.txt", "y.summary.en.txt", "z.txt", "zz.txt"):
        (articles / "refs" / name).write_text("A reference.", encoding="utf-8")
    out = tmp_path / "out"
    run = ["run", str(articles), "-o", str(out), "-s", "lead-1", "--no-cache", "--no-report"]
    assert CliRunner().invoke(app, run).exit_code == 0
    result = CliRunner().invoke(app, ["score", str(articles), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"error: no reference matches an article of {articles}: looked in {articles / 'refs'} "
        "for <stem>.summary.en.txt, .summary.ko.txt or .translation.en.txt; its 4 files match "
        "no article (x.summary.en.txt, y.summary.en.txt, z.txt, …)"
    ]
    assert not (out / "scores.json").exists()
    empty = CliRunner().invoke(app, ["score", str(articles), "-o", str(out), "--refs", str(out)])
    assert empty.exit_code == 2 and f"looked in {out} for" in empty.output
