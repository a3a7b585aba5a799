"""The end of `summarizer run`, read back from index.jsonl: a row per article for a small run,
totals and a few notable articles for a large one; the index sorted on disk in bounded chunks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import summarizer.pipeline.external_sort
from summarizer.cli.run_summary import SHOWN, TABLE_LIMIT, print_run_summary
from summarizer.pipeline.outputs import INDEX_FILE, append_index, finish_index
from summarizer.pipeline.record import ArticleRecord
from summarizer.pipeline.results import NOT_FINISHED
from summarizer.pipeline.run_report import RunReport, RunTotals
from summarizer.text.listing import find_articles


def record(folder: Path, number: int) -> ArticleRecord:
    """Article `number`: every 97th fails, every 13th has flagged sentences, seconds vary."""
    path = folder / f"{number:06d}.txt"
    if number % 97 == 5:
        return ArticleRecord(path, path.stem, error=f"{path} is empty")
    return ArticleRecord(
        path,
        path.stem,
        dir=path.stem,
        title=f"기사 {number}",
        sentences=2,
        characters=80,
        seconds=1.0 + (number * 37 % 1000) / 1000,
        translated=True,
        translation_hits=number % 2,
        summary=f"Summary of article {number}.",
        summary_cached=number % 3 == 0,
        flagged_segments=(number % 4) if number % 13 == 0 else 0,
        summary_flagged=number % 26 == 0,
    )


def run_of(tmp_path: Path, count: int) -> tuple[RunReport, list[ArticleRecord]]:
    """A run's outputs as the pipeline leaves them, with `count` made-up articles."""
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    totals, records = RunTotals(), []
    for number in range(count):
        item = record(folder, number)
        append_index(out, item)
        totals.add(item)
        records.append(item)
    return RunReport(out, folder, count, 100.0, totals), records


def test_a_small_run_gets_a_row_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, records = run_of(tmp_path, 12)
    print_run_summary(report, "report.html")
    shown = capsys.readouterr().out
    for item in records:
        assert item.stem in shown
    rows = {line.split(":")[0]: line for line in shown.splitlines() if line.startswith("0")}
    assert sorted(rows) == [r.stem for r in records], "a line per article in a log"
    assert rows["000005"] == f"000005: failed: {records[5].error}"
    assert rows["000003"] == (
        "000003: 2 sentences, 80 characters, 1.11 s, cached 1/2 +S, flags – | Summary of article 3."
    )
    assert "11 done, 1 failed in 100.0 s" in shown


def test_a_large_run_gets_totals_and_a_few_notable_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = 3000
    report, records = run_of(tmp_path, count)
    assert count > TABLE_LIMIT
    print_run_summary(report, "report.html")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) < 30, "not a line per article"
    failed = [r for r in records if not r.ok]
    done = [r for r in records if r.ok]
    flagged = [r for r in done if r.flagged_segments or r.summary_flagged]
    out = str(report.out_dir)
    assert lines[0] == (
        f"3,000 articles → {out}/: {len(done):,} done, {len(failed)} failed, "
        f"{len(flagged)} flagged ({sum(r.flagged_segments for r in done)} translated sentences "
        f"and {sum(r.summary_flagged for r in done)} summaries) in 100.0 s (29.7 articles/s)"
    )
    hits = sum(r.translation_hits for r in done)
    cached = sum(r.summary_cached for r in done)
    assert lines[1] == (
        f"cached: {hits:,} of {2 * len(done):,} sentences translated earlier, "
        f"{cached:,} of {len(done):,} summaries"
    )
    text = "\n".join(lines)
    start = lines.index(f"failed ({len(failed)}):")
    assert lines[start + 1 : start + SHOWN + 2] == [
        *(f"  {r.stem}: {r.error}" for r in failed[:SHOWN]),
        f"  … and {len(failed) - SHOWN} more",
    ]
    slowest = sorted(done, key=lambda r: -r.seconds)[:SHOWN]
    start = lines.index("slowest:")
    assert lines[start + 1 : start + SHOWN + 1] == [
        f"  {r.stem}: {r.seconds:.2f} s, 2 sentences" for r in slowest
    ]
    start = lines.index("most flagged:")
    most = sorted(flagged, key=lambda r: -(r.flagged_segments + r.summary_flagged))[:SHOWN]
    assert [line.split(":")[0].strip() for line in lines[start + 1 : start + SHOWN + 1]] == [
        r.stem for r in most
    ]
    assert lines[start + 1] == "  000026: 2 sentences and the summary flagged"
    assert lines[start + SHOWN + 1] == f"  … and {len(flagged) - SHOWN} more"
    assert lines[-1] == f"every article: {out}/report.html and {out}/index.jsonl"
    assert "000006" not in text, "an unremarkable article is not listed"


def test_the_records_come_back_from_the_index_and_skip_other_folders(tmp_path: Path) -> None:
    report, records = run_of(tmp_path, 5)
    other = ArticleRecord(tmp_path / "elsewhere" / "x.txt", "x", dir="x", summary="other")
    append_index(report.out_dir, other)
    assert list(report.records()) == records


def test_the_index_is_sorted_on_disk_with_unfinished_articles_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summarizer.pipeline.external_sort, "CHUNK_LINES", 4)
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    for number in range(23):
        (folder / f"{number:06d}.txt").write_text("기사", encoding="utf-8")
    paths = find_articles(folder)
    finished = [n for n in range(23) if n % 5]
    for number in reversed(finished):
        append_index(out, record(folder, number))
    finish_index(out, paths, len(finished))
    lines = (out / INDEX_FILE).read_text(encoding="utf-8").splitlines()
    entries = [json.loads(line) for line in lines]
    assert [e["stem"] for e in entries] == [f"{n:06d}" for n in range(23)]
    assert [e.get("error") for e in entries if e["stem"] in ("000000", "000010")] == [
        NOT_FINISHED,
        NOT_FINISHED,
    ]
    assert entries[1] == record(folder, 1).index_entry()
    assert list(out.iterdir()) == [out / INDEX_FILE], "no temporary file is left"
