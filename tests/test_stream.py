"""`run` as a stream: articles written window by window, the index appended as they finish,
failures on the way reported, a plain line per article when output is not a terminal."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarizer.pipeline.stream
from summarizer.cache.store import Cache
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.pipeline.core import ArticleResult, Pipeline
from summarizer.pipeline.prefetch import prefetch

ARTICLES = {
    f"{n}.txt": f"정부는 {n}일 소상공인 지원을 확대한다고 밝혔다. 지원 규모는 {n}조 원이다.\n"
    for n in range(1, 7)
}


def folder_of_articles(root: Path) -> Path:
    folder = root / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "3b.txt").write_bytes(b"")
    return folder


def index_lines(out: Path) -> list[dict[str, object]]:
    text = (out / "index.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_articles_are_written_and_indexed_before_later_ones_are_read(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summarizer.pipeline.stream, "WINDOW_SENTENCES", 1)
    folder, out = folder_of_articles(tmp_path), tmp_path / "out"
    events: list[str] = []
    settings = Settings(translator=str(tiny_marian), summarizer=str(tiny_bart))
    with Cache(out / "cache.sqlite") as cache:
        pipeline = Pipeline(settings, cache)
        prepare = pipeline.prepare

        def prepared(path: Path):  # type: ignore[no-untyped-def]
            events.append(f"read {path.stem}")
            return prepare(path)

        def written(result: ArticleResult) -> None:
            lines = index_lines(out)
            events.append(f"wrote {result.stem}")
            assert lines[-1]["stem"] == result.stem and lines[-1]["ok"], "appended at once"
            assert (out / result.stem / "result.json").is_file()

        monkeypatch.setattr(pipeline, "prepare", prepared)
        report = pipeline.run(folder, out, written=written)
    assert events.index("wrote 1") < events.index("read 6"), events
    records = list(report.records())
    assert [r.stem for r in records] == ["1", "2", "3", "3b", "4", "5", "6"]
    assert [r.ok for r in records] == [True, True, True, False, True, True, True]
    assert (report.articles, report.done, report.failed) == (7, 6, 1)
    assert not hasattr(report, "results"), "a run keeps no record per article"
    final = index_lines(out)
    assert [e["stem"] for e in final] == ["1", "2", "3", "3b", "4", "5", "6"], "sorted at the end"
    assert not final[3]["ok"] and final[3]["error"] == f"article is empty: {folder / '3b.txt'}"


def test_plain_lines_per_article_when_output_is_not_a_terminal(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    folder, out = folder_of_articles(tmp_path), tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    result = CliRunner().invoke(app, [*args, "--no-report"])
    assert result.exit_code == 1, result.output  # 3b.txt is empty
    lines = [line for line in result.output.splitlines() if line.startswith("[")]
    assert len(lines) == 7, result.output
    assert lines[-1].startswith("[7/7] ") and "eta 0 s" in lines[-1]
    assert any(line.startswith("[") and "3b: failed:" in line for line in lines)
    assert sum(bool(re.search(r"\d sentences? in", line)) for line in lines) == 6


def test_prefetch_keeps_order_stays_bounded_and_raises_the_producers_error() -> None:
    produced: list[int] = []

    def numbers() -> object:
        for n in range(10):
            produced.append(n)
            yield n
        raise ValueError("bad input")

    stream = prefetch(numbers(), depth=2)
    assert next(stream) == 0
    time.sleep(0.3)
    assert len(produced) <= 4, "at most `depth` items wait and one more is blocked"
    rest: list[int] = []
    with pytest.raises(ValueError, match="bad input"):
        rest.extend(stream)
    assert rest == list(range(1, 10))


def test_closing_prefetch_stops_its_thread() -> None:
    stream = prefetch(iter(range(1000)), depth=1)
    assert next(stream) == 0
    stream.close()
    assert not any(t.name == "summarizer-prefetch" for t in threading.enumerate())
