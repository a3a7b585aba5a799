"""The end of `summarizer run`: a table of every article for a small run; for a large one the
totals, the failures and the slowest and most-flagged articles, a few each, and where the rest
is. Both read the run's records back from index.jsonl one at a time (`RunReport.records`)."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from summarizer.cli.console import console, errors, plain
from summarizer.wording import count

if TYPE_CHECKING:
    from summarizer.pipeline.record import ArticleRecord
    from summarizer.pipeline.run_report import RunReport, RunTotals

TABLE_LIMIT = 50
"""Runs of up to this many articles get a row per article."""
SHOWN = 5
"""Failures, slowest and most-flagged articles a large run lists."""
PREVIEW_CHARS = 70


def print_run_summary(report: RunReport, report_file: str | None) -> None:
    """A row per article up to TABLE_LIMIT articles, else the large run's overview;
    `report_file` is the HTML report's name when one is written."""
    if report.articles <= TABLE_LIMIT:
        _print_table(report)
    else:
        _print_overview(report, report_file)


def warn_flagged(totals: RunTotals) -> None:
    """Say how many translated sentences and summaries the checks still flag."""
    what = flagged_count(totals.flagged_segments, totals.flagged_summaries)
    if what:
        errors.print(
            f"[yellow]warning:[/] the checks flag {what} even after a retry (numbers or names "
            "added or lost, untranslated or repeated text, off-topic summaries); result.json "
            "and the report list each flag",
            highlight=False,
        )


def flagged_count(sentences: int, summaries: int) -> str:
    """Like "3 translated sentences and 1 summary"; empty when nothing is flagged."""
    parts = (
        count(sentences, "translated sentence") if sentences else "",
        count(summaries, "summary", "summaries") if summaries else "",
    )
    return " and ".join(part for part in parts if part)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _print_table(report: RunReport) -> None:
    """A table on a terminal; in a log (CI, `| tee`, a file) one line per article, since a
    table squeezed into 80 columns wraps each summary over many lines."""
    if console.is_terminal:
        _print_box(report)
    else:
        for record in report.records():
            console.print(_article_line(record), highlight=False, soft_wrap=True)
    console.print(
        f"{report.done} done, {report.failed} failed in {report.seconds:.1f} s "
        f"(cached: sentences translated earlier / total, +S = summary from cache; "
        f"flags: sentences flagged, +S = summary flagged, see `summarizer check`)",
        highlight=False,
    )


def _article_line(record: ArticleRecord) -> str:
    """`stem: 14 sentences, 3210 characters, 0.81 s, cached 12/14 +S, flags – | summary…`"""
    if not record.ok:
        return f"{plain(record.stem)}: [red]failed: {plain(record.error or 'not finished')}[/]"
    return (
        f"{plain(record.stem)}: {record.sentences} sentences, {record.characters} characters, "
        f"{record.seconds:.2f} s, cached {_cached_cell(record)}, flags {_flags_cell(record)} | "
        + plain(shorten(record.summary, PREVIEW_CHARS))
    )


def _print_box(report: RunReport) -> None:
    from rich.table import Table

    table = Table(title=f"{count(report.articles, 'article')} → {plain(str(report.out_dir))}/")
    for name, justify in (
        ("article", "left"),
        ("sentences", "right"),
        ("characters", "right"),
        ("seconds", "right"),
        ("cached", "right"),
        ("flags", "right"),
        ("summary", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for record in report.records():
        if not record.ok:
            error = plain(record.error or "not finished")
            table.add_row(plain(record.stem), "", "", "", "", "", f"[red]failed: {error}[/]")
            continue
        table.add_row(
            plain(record.stem),
            str(record.sentences),
            str(record.characters),
            f"{record.seconds:.2f}",
            _cached_cell(record),
            _flags_cell(record),
            plain(shorten(record.summary, PREVIEW_CHARS)),
        )
    console.print(table)


def _cached_cell(record: ArticleRecord) -> str:
    cached = f"{record.translation_hits}/{record.sentences}" if record.translated else "–"
    return cached + (" +S" if record.summary_cached else "")


def _flags_cell(record: ArticleRecord) -> str:
    if not record.flagged_segments and not record.summary_flagged:
        return "–"
    return f"[yellow]{record.flagged_segments}{' +S' if record.summary_flagged else ''}[/]"


class _Top:
    """The SHOWN records with the largest key seen so far (ties: the earliest)."""

    def __init__(self, key: Callable[[ArticleRecord], float]) -> None:
        self.key = key
        self.heap: list[tuple[float, int, ArticleRecord]] = []

    def push(self, number: int, record: ArticleRecord) -> None:
        item = (self.key(record), -number, record)
        if item[0] <= 0:
            return
        if len(self.heap) < SHOWN:
            heapq.heappush(self.heap, item)
        elif item[:2] > self.heap[0][:2]:
            heapq.heapreplace(self.heap, item)

    def largest(self) -> list[ArticleRecord]:
        return [record for *_, record in sorted(self.heap, key=lambda i: i[:2], reverse=True)]


def _flag_weight(record: ArticleRecord) -> float:
    return record.flagged_segments + record.summary_flagged


def _print_overview(report: RunReport, report_file: str | None) -> None:
    totals = report.totals
    failures: list[ArticleRecord] = []
    slowest, flagged = _Top(lambda r: r.seconds), _Top(_flag_weight)
    for number, record in enumerate(report.records()):
        if not record.ok:
            if len(failures) < SHOWN:
                failures.append(record)
            continue
        slowest.push(number, record)
        flagged.push(number, record)
    out = plain(str(report.out_dir))
    rate = report.done / report.seconds if report.seconds else 0.0
    flags = flagged_count(totals.flagged_segments, totals.flagged_summaries)
    lines = [
        f"{count(report.articles, 'article')} → {out}/: {report.done:,} done, "
        f"{report.failed:,} failed, {totals.flagged_articles:,} flagged"
        + (f" ({flags})" if flags else "")
        + f" in {report.seconds:.1f} s ({rate:.1f} articles/s)",
        f"cached: {totals.translation_hits:,} of {count(totals.translated_sentences, 'sentence')}"
        f" translated earlier, {totals.summaries_cached:,} of "
        f"{count(totals.summaries, 'summary', 'summaries')}",
    ]
    if report.failed:
        lines.append(f"failed ({report.failed:,}):")
        lines += _listed(
            (f"{plain(r.stem)}: {plain(r.error or 'failed')}" for r in failures), report.failed
        )
    slow = slowest.largest()
    lines.append("slowest:")
    lines += _listed(
        (f"{plain(r.stem)}: {r.seconds:.2f} s, {count(r.sentences, 'sentence')}" for r in slow),
        len(slow),
    )
    if flagged.heap:
        lines.append("most flagged:")
        lines += _listed(
            (f"{plain(r.stem)}: {_flag_words(r)}" for r in flagged.largest()),
            totals.flagged_articles,
        )
    where = f"{out}/{report_file} and " if report_file else ""
    lines.append(f"every article: {where}{out}/index.jsonl")
    for line in lines:
        console.print(line, highlight=False, soft_wrap=True)


def _listed(lines: Iterable[str], total: int) -> list[str]:
    shown = [f"  {line}" for line in itertools.islice(lines, SHOWN)]
    if total > len(shown):
        shown.append(f"  … and {total - len(shown):,} more")
    return shown


def _flag_words(record: ArticleRecord) -> str:
    parts = [count(record.flagged_segments, "sentence")] if record.flagged_segments else []
    parts += ["the summary"] if record.summary_flagged else []
    return " and ".join(parts) + " flagged"
