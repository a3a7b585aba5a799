"""One article's section of the report: its summary and scores, every sentence beside its
translation (cached and flagged ones marked), the boilerplate removed, models and timings."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from summarizer.report.data import TIMING_STAGES, Entry, Outputs, cache_info, timings, translated
from summarizer.report.text import fmt
from summarizer.scoring.report import METRIC_KEYS
from summarizer.scoring.signature import model_fields, models_signature
from summarizer.wording import count


def article_section(entry: Entry, outputs: Outputs) -> str:
    """One article in full: summary, scores, every sentence beside its translation, what was
    removed, the models and the work it took."""
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
