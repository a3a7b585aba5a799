"""The report page: header, charts, index, flags and one section per article."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from typing import Any, NamedTuple

from summarizer.report.assets import html_page
from summarizer.report.charts import charts
from summarizer.report.data import TIMING_STAGES, Entry, Outputs, cache_info, timings, translated
from summarizer.report.flags import flags_section
from summarizer.report.text import fmt
from summarizer.scoring.metrics import Score
from summarizer.scoring.report import METRIC_KEYS
from summarizer.scoring.signature import model_fields, models_signature
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
            *(_article(e, outputs) for e in outputs.entries if e.result is not None),
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


def _article(entry: Entry, outputs: Outputs) -> str:
    assert entry.result is not None
    result = entry.result
    article = result.get("article") or {}
    facts = [
        str(article.get("path", "")),
        " ".join(str(article.get(k, "")) for k in ("language", "encoding", "format")),
        ", ".join(
            (
                count(int(article.get("paragraphs") or 0), "paragraph"),
                count(len(result["segments"]), "sentence"),
                count(int(article.get("characters") or 0), "character"),
            )
        ),
    ]
    return (
        f'<section class="article" id="{entry.anchor}">'
        f'<h2><span class="num">{entry.number}</span> {escape(entry.title)}</h2>'
        f'<p class="meta"><code>{escape(entry.stem)}</code> · {escape(" · ".join(facts))}</p>'
        f'<h3>Summary</h3><p class="summary">{escape(str(result.get("summary", "")))}</p>'
        f"{_article_scores(entry, outputs)}{_aligned(result)}{_removed(result)}"
        f"{_models(result)}{_work(entry)}</section>"
    )


def _article_scores(entry: Entry, outputs: Outputs) -> str:
    if not entry.scores:
        reason = f" ({entry.unscored})" if entry.unscored else ""
        return f'<p class="meta">Not scored{escape(reason)}.</p>' if outputs.metrics else ""
    changes = {c.metric: c for c in outputs.changes if c.scope == entry.stem}
    rows = []
    for metric in METRIC_KEYS:
        score = entry.scores.get(metric)
        if score is None:
            continue
        change = changes.get(metric)
        baseline = (
            f'<td>{fmt(metric, change.baseline)}</td><td class="{change.status}">'
            f"{fmt(metric, change.delta, '+')} {change.status}</td>"
            if change
            else "<td></td><td></td>"
        )
        rows.append(
            f"<tr><th>{escape(metric)}</th><td>{fmt(metric, score.value)}</td>"
            f"<td>{fmt(metric, score.precision)}</td><td>{fmt(metric, score.recall)}</td>"
            f"{baseline}</tr>"
        )
    return (
        '<table class="scores"><thead><tr><th>metric</th><th>score</th><th>precision</th>'
        f"<th>recall</th><th>baseline</th><th>change</th></tr></thead><tbody>{''.join(rows)}"
        "</tbody></table>"
    )


def _aligned(result: Mapping[str, Any]) -> str:
    language = str((result.get("article") or {}).get("language") or "ko")
    rows, paragraph = [], None
    for number, segment in enumerate(result["segments"], start=1):
        segment = segment if isinstance(segment, Mapping) else {}
        classes = []
        if segment.get("paragraph") != paragraph:
            paragraph = segment.get("paragraph")
            classes.append("para")
        if segment.get("cached"):
            classes.append("cached")
        flags = [f for f in segment.get("flags") or [] if isinstance(f, Mapping)]
        mark = ""
        if flags:
            classes.append("flagged")
            reasons = "; ".join(f"{f.get('check', '')}: {f.get('detail', '')}" for f in flags)
            mark = f' <span class="flag" title="{escape(reasons)}">⚑ {escape(reasons)}</span>'
        rows.append(
            f'<tr class="{" ".join(classes)}"><td>{number}</td>'
            f'<td lang="{escape(language)}">{escape(str(segment.get("source", "")))}</td>'
            f'<td lang="en">{escape(str(segment.get("translation", "")))}{mark}</td></tr>'
        )
    source = "Korean" if language == "ko" else "Source"
    return (
        f"<details open><summary>Source and translation ({count(len(rows), 'sentence')}, "
        "● = from the cache, ⚑ = still flagged by the checks)</summary>"
        f'<table class="aligned"><thead><tr><th>#</th><th>{source}</th><th>English</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></details>"
    )


def _removed(result: Mapping[str, Any]) -> str:
    removed = [r for r in result.get("removed") or [] if isinstance(r, Mapping)]
    if not removed:
        return '<p class="meta">No boilerplate removed.</p>'
    rows = "".join(
        f"<tr><td>{escape(str(r.get('line', '')))}</td><td>{escape(str(r.get('reason', '')))}"
        f"</td><td>{escape(str(r.get('text', '')))}</td></tr>"
        for r in removed
    )
    return (
        f"<details><summary>Removed boilerplate ({count(len(removed), 'line')})</summary>"
        '<table class="removed"><thead><tr><th>line</th><th>reason</th><th>text</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></details>"
    )


def _models(result: Mapping[str, Any]) -> str:
    models = result.get("models")
    if not isinstance(models, Mapping):
        return ""
    rows = "".join(
        f"<tr><th>{escape(key)}</th><td>{escape(value)}</td></tr>"
        for key, value in model_fields(models).items()
    )
    return (
        "<details><summary>Models and settings</summary>"
        f"<p><code>{escape(models_signature(models))}</code></p>"
        f'<table class="fields"><tbody>{rows}</tbody></table></details>'
    )


def _work(entry: Entry) -> str:
    times, cache = timings(entry), cache_info(entry)
    stages = ", ".join(f"{name} {times.get(key, 0.0):.2f} s" for key, name in TIMING_STAGES)
    rounds = times.get("summary_rounds")
    hits, misses = int(cache.get("translation_hits", 0)), int(cache.get("translation_misses", 0))
    summary = "from the cache" if cache.get("summary_hit") else "computed"
    translations = (
        f"{hits:,} of {count(hits + misses, 'sentence')} translated earlier"
        if translated(entry)
        else "not translated (English)"
    )
    rerun = times.get("this_run_s")
    text = (
        f"Time: {times.get('total_s', 0.0):.2f} s ({stages}"
        + (f", {count(int(rounds), 'summary round')}" if rounds else "")
        + ")"
        + (
            f", in the run that computed it; {rerun:.2f} s in the last run"
            if rerun is not None
            else ""
        )
        + f". Cache: {translations}; summary {summary}."
    )
    return f'<p class="meta work">{escape(text)}</p>'
