"""The report of a large run: an overview whose index data cover every article, and the
articles in full on pages of PAGE_ARTICLES each."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from test_report import INJECTED_TITLE, add_article, parse, report_of, synthetic_result

from summarizer.report.paged import PAGE_ARTICLES

COUNT = 2 * PAGE_ARTICLES + 100
FAILED = (7, 600)
"""Positions in the index of articles that failed."""


def recorded(stem: str, title: str, flagged: bool) -> dict[str, Any]:
    """A result.json with its flags recorded, as `summarizer run` writes them."""
    result = synthetic_result(stem, title, 2)
    for segment in result["segments"]:
        segment["flags"] = []
    if flagged:
        segment["flags"] = [{"check": "numbers", "detail": "5 is missing"}]
    result["summary_flags"] = []
    return result


def large_outputs(out: Path, count: int = COUNT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        stem = f"{number:05d}_article"
        if number in FAILED:
            with (out / "index.jsonl").open("a", encoding="utf-8") as index:
                entry = {"stem": stem, "ok": False, "error": f"{stem}.txt is empty"}
                index.write(json.dumps(entry) + "\n")
            continue
        title = INJECTED_TITLE if number == 1050 else f"기사 {number}"
        add_article(out, recorded(stem, title, flagged=number % 100 == 0))
    return out


def index_data(page: str) -> list[list[Any]]:
    found = re.search(r'<script type="application/json" id="index-data">(.*?)</script>', page)
    assert found, "the index data are in the page"
    return json.loads(found.group(1))


def test_the_overview_indexes_every_article_and_holds_none_in_full(tmp_path: Path) -> None:
    out = large_outputs(tmp_path / "out")
    page, tree = report_of(out)
    rows = index_data(page)
    assert [r[0] for r in rows] == list(range(1, COUNT + 1))
    assert [r[1] for r in rows][:2] == ["00001_article", "00002_article"]
    assert [r[0] for r in rows if r[11] is not None] == list(FAILED)
    assert rows[6][11] == "00007_article.txt is empty"
    assert [r[10] for r in rows[PAGE_ARTICLES - 1 : PAGE_ARTICLES + 1]] == [1, 2]
    assert rows[99][8] == 1 and rows[98][8] == 0, "flags counted per article"
    assert tree.all("section", "article") == [], "articles in full are on the pages"
    links = [a.attrs["href"] for a in tree.by_id("pages").all("a")]
    assert links == [f"report-pages/page-{n:04d}.html" for n in (1, 2, 3)]
    header = tree.all("header")[0].text()
    assert f"{COUNT - len(FAILED):,} articles · {len(FAILED)} failed" in header
    assert "numbers 10" in tree.by_id("flags").text()
    assert len(page.encode("utf-8")) < 400 * COUNT, "a few hundred bytes an article"


def test_each_page_holds_its_articles_in_full(tmp_path: Path) -> None:
    out = large_outputs(tmp_path / "out")
    report_of(out)
    pages = sorted((out / "report-pages").iterdir())
    assert [p.name for p in pages] == ["page-0001.html", "page-0002.html", "page-0003.html"]
    second = parse(pages[1].read_text(encoding="utf-8"))
    sections = second.all("section", "article")
    shown = list(range(PAGE_ARTICLES + 1, 2 * PAGE_ARTICLES + 1))
    assert [s.attrs["id"] for s in sections] == [f"a-{n}" for n in shown if n not in FAILED]
    nav = second.all("nav", "pages")[0]
    assert [a.attrs["href"] for a in nav.all("a")] == [
        "../report.html",
        "page-0001.html",
        "page-0003.html",
    ]
    assert f"articles {PAGE_ARTICLES + 1:,}–{2 * PAGE_ARTICLES:,}" in nav.text()
    rows = second.by_id("articles").all("tbody")[0].all("tr")
    assert len(rows) == PAGE_ARTICLES


def test_untrusted_titles_stay_data(tmp_path: Path) -> None:
    out = large_outputs(tmp_path / "out")
    page, _ = report_of(out)
    assert INJECTED_TITLE not in page
    assert index_data(page)[1049][2] == INJECTED_TITLE


def test_pages_of_a_longer_earlier_report_are_removed(tmp_path: Path) -> None:
    out = large_outputs(tmp_path / "out")
    report_of(out)
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "index.jsonl").write_text("\n".join(lines[: PAGE_ARTICLES + 10]) + "\n")
    page, _ = report_of(out)
    assert sorted(p.name for p in (out / "report-pages").iterdir()) == [
        "page-0001.html",
        "page-0002.html",
    ]
    assert len(index_data(page)) == PAGE_ARTICLES + 10


def test_a_run_of_up_to_a_page_keeps_one_page(tmp_path: Path) -> None:
    out = large_outputs(tmp_path / "out", PAGE_ARTICLES)
    page, tree = report_of(out)
    assert not (out / "report-pages").exists()
    assert "index-data" not in page
    assert len(tree.all("section", "article")) == PAGE_ARTICLES - 1
