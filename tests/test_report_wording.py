"""The report reads well: axis ticks, counts, English articles, clamped rows, Korean fonts."""

from __future__ import annotations

import re
from pathlib import Path

from test_report import add_article, report_of, synthetic_result
from typer.testing import CliRunner

from summarizer.cli import app


def test_time_ticks_of_sub_second_articles_differ(tmp_path: Path) -> None:
    out = tmp_path / "out"
    timings = {"read_s": 0.001, "segment_s": 0.002, "translate_s": 0.01, "summarize_s": 0.012}
    add_article(out, synthetic_result("a", "기사", 2, timings=timings | {"total_s": 0.025}))
    _, tree = report_of(out)
    chart = tree.all("figure", "chart")[0]
    ticks = [t.text() for t in chart.all("text") if "label" not in t.attrs.get("class", "")]
    assert ticks == ["0 ms", "12.5 ms", "25 ms"]


def test_counts_are_in_words(tmp_path: Path) -> None:
    out = tmp_path / "out"
    add_article(out, synthetic_result("a", "기사", 1))
    page, tree = report_of(out)
    assert "(s)" not in page
    header = tree.all("header")[0].text()
    assert "1 article ·" in header and "1 sentence," in header
    section = tree.all("section", "article")[0]
    assert "Removed boilerplate (1 line)" in section.text()
    assert "1 paragraph, 1 sentence, 40 characters" in section.text()
    assert "1 summary round)" in section.all("p", "work")[0].text()


def test_index_summaries_are_clamped_and_the_page_names_korean_fonts(tmp_path: Path) -> None:
    out = tmp_path / "out"
    long = "A long summary sentence that goes on. " * 40
    add_article(out, synthetic_result("a", "기사", 2, summary=long.strip()))
    _, tree = report_of(out)
    cell = tree.by_id("articles").all("td", "summary")[0]
    [clamp] = cell.all("div", "clamp")
    assert clamp.text() == long.strip() and clamp.attrs["title"] == long.strip()
    style = tree.all("style")[0].text()
    assert re.search(r"#articles \.clamp\{[^}]*line-clamp:3", style)
    for font in ("Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic"):
        assert font in style


def test_an_english_article_is_saved_as_english_with_no_cache_count(
    tiny_marian: Path, tiny_bart: Path, tmp_path: Path
) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "en.txt").write_text(
        "The council approved the new budget on Tuesday.\n\nIt takes effect in May.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["run", str(articles), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    result = CliRunner().invoke(app, args, terminal_width=200)
    assert result.exit_code == 0, result.output
    assert (out / "en" / "source.en.txt").read_text(encoding="utf-8").startswith("The council")
    assert not (out / "en" / "source.ko.txt").exists()
    [row] = [line for line in result.stdout.splitlines() if line.startswith("en: ")]
    assert "0/" not in row and "cached –" in row
    _, tree = report_of(out)
    index_row = tree.by_id("articles").all("tbody")[0].all("tr")[0]
    assert index_row.all("td")[5].text() == "–"
    assert "not translated (English)" in tree.all("p", "work")[0].text()
