"""The report of a large run: an overview page and the articles in full on pages of their own.

The overview holds the run's counts, a link to each page and an index of every article whose
data sit in the page as JSON: the browser shows INDEX_ROWS rows at a time, sorted and filtered
over all of them. Each page of PAGE_ARTICLES articles is the small run's report of those
articles (charts, index, flags, every sentence). Everything is written as it is read, one page
of articles at a time, so memory does not grow with the run.
"""

from __future__ import annotations

import itertools
import json
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from summarizer.fileio import write_atomic, write_lines_atomic
from summarizer.report.assets import page_head, page_tail, without_bidi
from summarizer.report.data import (
    Entry,
    Outputs,
    cache_info,
    iter_entries,
    outputs_of,
    read_extras,
    translated,
)
from summarizer.report.flags import recorded_flags
from summarizer.report.overview_script import OVERVIEW_JS
from summarizer.report.page import Facts, header, index_values, render
from summarizer.scoring.report import METRIC_KEYS
from summarizer.wording import count

PAGE_ARTICLES = 500
"""Articles per page; a run of up to this many gets one page with everything."""
SUMMARY_CHARS = 300
"""The index shows a summary up to this long; its page has the whole."""
COLUMNS = ("#", "title", "sentences", "characters", "seconds", "cached", "flags")


def pages_folder(dest: Path) -> Path:
    """Where the pages of the report `dest` go: `report.html` → `report-pages/`."""
    return dest.with_name(f"{dest.stem}-pages")


def page_name(number: int) -> str:
    return f"page-{number:04d}.html"


class Tally:
    """What the overview says of the whole run, gathered page by page."""

    def __init__(self) -> None:
        self.facts = Facts()
        self.metrics: set[str] = set()
        self.notes: dict[str, None] = {}
        self.flags = Counter[str]()
        self.flagged = 0
        self.pages = 0
        self.last: Outputs | None = None

    def add(self, outputs: Outputs) -> None:
        self.pages += 1
        self.last = outputs
        self.metrics.update(outputs.metrics)
        self.notes.update(dict.fromkeys(outputs.notes))
        for entry in outputs.entries:
            if entry.result is None:
                self.facts.failed += 1
                continue
            values = index_values(entry)
            self.facts.done += 1
            self.facts.sentences += values.sentences
            self.facts.seconds += values.seconds
            if translated(entry):
                self.facts.hits += int(cache_info(entry).get("translation_hits", 0))


def write_paged(folder: Path, dest: Path, total: int) -> list[str]:
    """Write the overview `dest` and its pages of `folder`'s `total` articles; the notes on
    files left out."""
    extras = read_extras(folder)
    pages = pages_folder(dest)
    tally = Tally()
    last = -(-total // PAGE_ARTICLES)
    with tempfile.TemporaryFile("w+", encoding="utf-8", dir=dest.parent) as rows:
        entries = iter_entries(folder)
        while chunk := list(itertools.islice(entries, PAGE_ARTICLES)):
            outputs = outputs_of(folder, chunk, extras)
            number = tally.pages + 1
            nav = _nav(number, max(last, number), chunk, dest.name)
            write_atomic(pages / page_name(number), render(outputs, nav))
            tally.add(outputs)
            for entry in outputs.entries:
                flags = _flag_counts(entry)
                tally.flags.update(flags)
                tally.flagged += bool(flags)
                rows.write(("," if entry.number > 1 else "") + _row(entry, number, flags))
        remove_pages(dest, tally.pages)
        rows.seek(0)
        parts = (without_bidi(part) for part in _overview(folder, dest, tally, rows))
        write_lines_atomic(dest, parts)
    return list(tally.notes)


def _flag_counts(entry: Entry) -> Counter[str]:
    found = Counter[str]()
    if entry.result is not None:
        for flagged in recorded_flags(entry.result):
            found.update(str(flag.get("check", "")) for flag in flagged.flags)
    return found


def _row(entry: Entry, page: int, flags: Counter[str]) -> str:
    """The article's line of the index's data: number, stem, title, sentences, characters,
    seconds, cached, share, flags, summary, page, error, scores."""
    row: list[Any]
    if entry.result is None:
        row = [entry.number, entry.stem, entry.title, None, None, None, "", None, 0, "", page]
        row += [entry.error or "failed", {}]
    else:
        values = index_values(entry)
        summary = str(entry.result.get("summary", ""))
        if len(summary) > SUMMARY_CHARS:
            summary = summary[: SUMMARY_CHARS - 1] + "…"
        share = None if values.share == "" else round(float(values.share), 4)
        row = [entry.number, entry.stem, entry.title, values.sentences, values.characters]
        row += [round(values.seconds, 3), values.cached, share, flags.total(), summary, page]
        row += [None, {m: s.value for m, s in entry.scores.items()}]
    return _script_json(row)


def _script_json(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def _nav(number: int, last: int, chunk: list[Entry], overview: str) -> str:
    first, end = chunk[0].number, chunk[-1].number
    links = [f'<a href="../{quote(overview)}">every article</a>']
    if number > 1:
        links.append(f'<a href="{page_name(number - 1)}">← previous page</a>')
    if number < last:
        links.append(f'<a href="{page_name(number + 1)}">next page →</a>')
    return (
        f'<nav class="pages"><p>Page {number:,} of {last:,}: articles {first:,}–{end:,} · '
        f"{' · '.join(links)}</p></nav>"
    )


def remove_pages(dest: Path, kept: int = 0) -> None:
    """The pages of an earlier, longer report `dest` beyond the first `kept`, and their folder
    when that leaves it empty (only the pages' own files are touched)."""
    pages = pages_folder(dest)
    if not pages.is_dir() or pages.is_symlink():
        return
    for path in pages.glob("page-*.html"):
        number = path.stem.removeprefix("page-")
        if number.isdigit() and int(number) > kept:
            path.unlink(missing_ok=True)
    if not kept and not any(pages.iterdir()):
        pages.rmdir()


def _overview(folder: Path, dest: Path, tally: Tally, rows: IO[str]) -> Iterator[str]:
    title = f"Summaries: {folder.name or folder}"
    script = OVERVIEW_JS
    yield page_head(title, script)
    assert tally.last is not None
    yield header(tally.last, tally.facts, list(tally.notes))
    yield _page_links(pages_folder(dest).name, tally)
    yield _flags_line(tally)
    metrics = [m for m in METRIC_KEYS if m in tally.metrics]
    yield _index_head(metrics, pages_folder(dest).name)
    yield '<script type="application/json" id="index-data">['
    yield from _chunks(rows)
    yield "]</script></section>"
    yield page_tail(script)


def _chunks(handle: IO[str]) -> Iterable[str]:
    while part := handle.read(1 << 20):
        yield part


def _page_links(folder: str, tally: Tally) -> str:
    total = tally.facts.done + tally.facts.failed
    links = " · ".join(
        f'<a href="{quote(folder)}/{page_name(n)}">'
        f"{(n - 1) * PAGE_ARTICLES + 1:,}–{min(n * PAGE_ARTICLES, total):,}</a>"
        for n in range(1, tally.pages + 1)
    )
    return (
        f'<section id="pages"><h2>Pages</h2><p class="meta">{count(total, "article")} on '
        f"{count(tally.pages, 'page')} of up to {PAGE_ARTICLES:,}, each with its charts, its "
        f"flags and every sentence:</p><p>{links}</p></section>"
    )


def _flags_line(tally: Tally) -> str:
    if not tally.flags:
        return (
            '<section id="flags"><h2>Flags</h2><p>No sentence or summary was flagged.</p></section>'
        )
    checks = ", ".join(f"{escape(c)} {n:,}" for c, n in tally.flags.most_common())
    return (
        f'<section id="flags"><h2>Flags ({tally.flags.total():,})</h2>'
        f"<p>In {count(tally.flagged, 'article')}: {checks}. Show the flagged articles below; "
        "each page lists its flags with what the retry gave.</p></section>"
    )


def _index_head(metrics: list[str], folder: str) -> str:
    heads = "".join(
        f"<th>{name}</th>" if name == "title" else f'<th data-type="num">{name}</th>'
        for name in COLUMNS
    )
    heads += "".join(f'<th data-type="num">{escape(m)}</th>' for m in metrics)
    options = "".join(f'<option value="{escape(m)}">{escape(m)}</option>' for m in metrics)
    score_filter = (
        f'<label>score <select id="metric"><option value="">any</option>{options}</select>'
        '</label> <label>at least <input id="min" type="number" step="any"></label>'
        if metrics
        else ""
    )
    controls = (
        '<div id="controls" hidden><label>Filter <input id="filter" type="search" '
        'placeholder="title or stem"></label> <label>show <select id="which">'
        '<option value="">all</option><option value="failed">failed</option>'
        f'<option value="flagged">flagged</option></select></label> {score_filter} '
        '<button type="button" id="prev">← previous</button> <output id="shown"></output> '
        '<button type="button" id="next">next →</button></div>'
    )
    data = f'data-pages="{escape(quote(folder))}/" data-metrics="{escape(json.dumps(metrics))}"'
    return (
        f'<section id="index"><h2>Articles</h2>{controls}'
        "<noscript><p>Sorting and paging the index needs JavaScript; the pages above list every "
        "article.</p></noscript>"
        f'<div class="wide"><table id="articles" {data}><thead><tr>{heads}<th>summary</th>'
        "</tr></thead><tbody></tbody></table></div>"
    )
