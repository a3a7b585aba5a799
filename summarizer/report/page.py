"""The report page: header, charts, index, flags and one section per article (`article`)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import NamedTuple

from summarizer.report.article import article_section
from summarizer.report.assets import html_page
from summarizer.report.charts import charts
from summarizer.report.data import Entry, Outputs, cache_info, timings, translated
from summarizer.report.flags import flags_section
from summarizer.report.text import fmt
from summarizer.scoring.metrics import Score
from summarizer.wording import count

INDEX_COLUMNS = ("#", "title", "sentences", "characters", "seconds", "cached")
"""The index's first columns; a column per metric and the summary follow."""


def render(outputs: Outputs, nav: str = "") -> str:
    """The whole page as one string; `nav` (markup) follows the header."""
    body = "".join(
        (
            _header(outputs),
            nav,
            charts(outputs),
            _index(outputs),
            flags_section(outputs.entries),
            *(article_section(e, outputs) for e in outputs.entries if e.result is not None),
        )
    )
    return html_page(f"Summaries: {outputs.folder.name or outputs.folder}", body)


def _header(outputs: Outputs) -> str:
    done = [e for e in outputs.entries if e.result is not None]
    facts = Facts(
        len(done),
        len(outputs.entries) - len(done),
        sum(len(e.result["segments"]) for e in done if e.result),
        sum(cache_info(e).get("translation_hits", 0) for e in done if translated(e)),
        sum(timings(e).get("total_s", 0.0) for e in done),
    )
    return header(outputs, facts, outputs.notes)


@dataclass
class Facts:
    """The header's counts: articles done and failed, sentences, cache hits, seconds of work."""

    done: int = 0
    failed: int = 0
    sentences: int = 0
    hits: int = 0
    seconds: float = 0.0


def header(outputs: Outputs, facts: Facts, notes: list[str]) -> str:
    """The page's title, its counts and the notes on files left out."""
    parts = [
        count(facts.done, "article"),
        f"{facts.failed:,} failed" if facts.failed else "",
        f"{count(facts.sentences, 'sentence')}, {facts.hits:,} translated from the cache",
        f"{facts.seconds:.1f} s of work",
        f"run finished {outputs.finished:%Y-%m-%d %H:%M}",
    ]
    items = "".join(f"<li>{escape(note)}</li>" for note in notes)
    return (
        f"<header><h1>Summaries of {escape(str(outputs.folder))}</h1>"
        f"<p>{escape(' · '.join(p for p in parts if p))}</p>"
        + (f'<ul class="notes">{items}</ul>' if items else "")
        + "</header>"
    )


def _index(outputs: Outputs) -> str:
    first = "".join(
        f"<th>{name}</th>" if name == "title" else f'<th data-type="num">{name}</th>'
        for name in INDEX_COLUMNS
    )
    metric_heads = "".join(f'<th data-type="num">{escape(m)}</th>' for m in outputs.metrics)
    options = "".join(
        f'<option value="{len(INDEX_COLUMNS) + i}">{escape(m)}</option>'
        for i, m in enumerate(outputs.metrics)
    )
    score_filter = (
        f'<label>score <select id="metric"><option value="">any</option>{options}</select>'
        '</label> <label>at least <input id="min" type="number" step="any"></label>'
        if outputs.metrics
        else ""
    )
    controls = (
        '<div id="controls" hidden><label>Filter <input id="filter" type="search" '
        f'placeholder="title or stem"></label> {score_filter} <output id="shown"></output></div>'
    )
    head = f"<thead><tr>{first}{metric_heads}<th>summary</th></tr></thead>"
    rows = "".join(_index_row(e, outputs.metrics) for e in outputs.entries)
    return (
        f'<section id="index"><h2>Articles</h2>{controls}'
        f'<div class="wide"><table id="articles">{head}<tbody>{rows}</tbody></table></div>'
        "</section>"
    )


def _index_row(entry: Entry, metrics: list[str]) -> str:
    number = f'<td data-v="{entry.number}">{entry.number}</td>'
    key = escape(f"{entry.title} {entry.stem}".lower())
    if entry.result is None:
        blanks = "<td></td>" * (len(INDEX_COLUMNS) - 2 + len(metrics))
        return (
            f'<tr class="failed" data-key="{key}">{number}'
            f"<td>{escape(entry.stem)}</td>{blanks}"
            f"<td>failed: {escape(entry.error or '')}</td></tr>"
        )
    sentences, characters, seconds, cached, share = index_values(entry)
    summary = escape(str(entry.result.get("summary", "")))
    scores = "".join(_score_cell(m, entry.scores.get(m)) for m in metrics)
    return (
        f'<tr data-key="{key}" data-target="{entry.anchor}">{number}'
        f'<td><a href="#{entry.anchor}">{escape(entry.title)}</a>'
        f"<br><small>{escape(entry.stem)}</small></td>"
        f'<td data-v="{sentences}">{sentences}</td>'
        f'<td data-v="{characters}">{characters:,}</td>'
        f'<td data-v="{seconds}">{seconds:.2f}</td>'
        f'<td data-v="{share}">{escape(cached)}</td>{scores}'
        f'<td class="summary"><div class="clamp" title="{summary}">{summary}</div></td></tr>'
    )


class IndexValues(NamedTuple):
    """An article's figures in the index: sentences, characters, seconds, cache hits as text
    ("3/12 +S") and as the share of sentences ("" when not translated)."""

    sentences: int
    characters: int
    seconds: float
    cached: str
    share: float | str


def index_values(entry: Entry) -> IndexValues:
    assert entry.result is not None
    article, cache = entry.result.get("article") or {}, cache_info(entry)
    sentences = len(entry.result["segments"])
    hits = int(cache.get("translation_hits", 0))
    cached = f"{hits}/{sentences}" if translated(entry) else "–"
    cached += " +S" if cache.get("summary_hit") else ""
    return IndexValues(
        sentences,
        int(article.get("characters") or 0),
        float(timings(entry).get("total_s", 0.0)),
        cached,
        hits / sentences if sentences and translated(entry) else "",
    )


def _score_cell(metric: str, score: Score | None) -> str:
    if score is None:
        return '<td data-v=""></td>'
    return f'<td data-v="{score.value}">{fmt(metric, score.value)}</td>'
