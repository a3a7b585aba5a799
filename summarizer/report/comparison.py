"""The comparison page of `summarizer compare --html`: two runs on the same articles.

The means with their paired tests, the signature fields that differ, a sortable table of the
per-article changes with the winner, then every article with the reference and both summaries
side by side. The same style sheet and policy as the report; nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path

from summarizer.errors import InputError
from summarizer.pipeline.outputs import article_dir
from summarizer.report.assets import html_page
from summarizer.report.data import read_outputs
from summarizer.report.text import fmt
from summarizer.scoring.comparison import MEAN
from summarizer.scoring.metrics import Score
from summarizer.scoring.references import find_references
from summarizer.scoring.runs import RunComparison, Winner
from summarizer.scoring.significance import TEST_NAMES
from summarizer.wording import count

SUMMARY_FILE = "summary.en.txt"


def render_comparison(result: RunComparison, alpha: float) -> str:
    """The whole comparison page as one string."""
    metrics = [c.metric for c in result.comparison.changes if c.scope == MEAN]
    titles = _titles(result.out_b) | _titles(result.out_a)
    winners = result.winners()
    body = "".join(
        (
            _header(result, len(winners)),
            _means(result, alpha),
            _index(result, metrics, titles, winners),
            *(
                _article(result, number, stem, titles.get(stem, stem), winner)
                for number, (stem, winner) in enumerate(winners.items(), start=1)
            ),
        )
    )
    return html_page(f"Comparison: {result.out_b.name} against {result.out_a.name}", body)


def _titles(out: Path) -> dict[str, str]:
    try:
        return {entry.stem: entry.title for entry in read_outputs(out).entries}
    except InputError:
        return {}


def _header(result: RunComparison, articles: int) -> str:
    sides = "".join(
        f"<li><b>{side}</b> <code>{escape(str(out))}</code><br>"
        f"<small><code>{escape(report.signature.short())}</code></small></li>"
        for side, out, report in (
            ("A", result.out_a, result.report_a),
            ("B", result.out_b, result.report_b),
        )
    )
    diffs = result.comparison.signature_diffs
    rows = "".join(
        f"<tr><th>{escape(d.field)}</th><td>{escape(d.baseline or '(absent)')}</td>"
        f"<td>{escape(d.current or '(absent)')}</td></tr>"
        for d in diffs
    )
    differs = (
        f'<h2>What differs ({len(diffs)})</h2><table class="fields"><thead><tr><th>field</th>'
        f"<th>A</th><th>B</th></tr></thead><tbody>{rows}</tbody></table>"
        if diffs
        else "<p>Both runs have the same signature.</p>"
    )
    return (
        f"<header><h1>B against A, on {count(articles, 'article')}</h1>"
        f"<ul>{sides}</ul></header>{differs}"
    )


def _means(result: RunComparison, alpha: float) -> str:
    tests = result.comparison.significance.results
    rows = []
    for change in (c for c in result.comparison.changes if c.scope == MEAN):
        metric, test = change.metric, tests.get(change.metric)
        cells = "<td>–</td><td>–</td><td>not tested</td>"
        if test is not None:
            verdict = "significant" if test.significant(alpha) else "within noise"
            status = ("improvement" if change.delta > 0 else "regression") * (verdict[0] == "s")
            cells = (
                f"<td>[{fmt(metric, test.ci[0], '+')}, {fmt(metric, test.ci[1], '+')}]</td>"
                f'<td>{test.p_value:.4f}</td><td class="{status}">{verdict}</td>'
            )
        rows.append(
            f"<tr><th>{escape(metric)}</th><td>{fmt(metric, change.baseline)}</td>"
            f"<td>{fmt(metric, change.current)}</td><td>{fmt(metric, change.delta, '+')}</td>"
            f"{cells}</tr>"
        )
    untested = "".join(
        f"<li>{escape(metric)}: {escape(why)}</li>"
        for metric, why in result.comparison.significance.untested.items()
    )
    first = next(iter(tests.values()), None)
    method = (
        f"{TEST_NAMES[first.test]}, {first.samples:,} "
        f"{'trials' if first.test == 'ar' else 'resamples'}, seed "
        f"{'none' if first.seed is None else first.seed}; 95% intervals "
        f"over {first.articles} articles; alpha {alpha:g}"
        if first
        else "no metric could be tested"
    )
    return (
        '<h2>Means</h2><table class="scores"><thead><tr><th>metric</th><th>A</th><th>B</th>'
        "<th>B - A</th><th>95% CI</th><th>p-value</th><th>verdict</th></tr></thead>"
        f'<tbody>{"".join(rows)}</tbody></table><p class="meta">{escape(method)}</p>'
        + (f'<ul class="notes">{untested}</ul>' if untested else "")
    )


def _index(
    result: RunComparison, metrics: list[str], titles: dict[str, str], winners: dict[str, Winner]
) -> str:
    deltas = {(c.scope, c.metric): c.delta for c in result.comparison.changes}
    heads = "".join(f'<th data-type="num">{escape(m)} B - A</th>' for m in metrics)
    rows = []
    for number, (stem, winner) in enumerate(winners.items(), start=1):
        cells = []
        for metric in metrics:
            delta = deltas.get((stem, metric))
            value = "" if delta is None else delta
            cells.append(f'<td data-v="{value}">{fmt(metric, delta, "+")}</td>')
        title = titles.get(stem, stem)
        key = escape(f"{title} {stem}".lower())
        rows.append(
            f'<tr data-key="{key}" data-target="c-{number}"><td data-v="{number}">{number}</td>'
            f'<td><a href="#c-{number}">{escape(title)}</a><br><small>{escape(stem)}</small></td>'
            f"{''.join(cells)}<td>{winner}</td></tr>"
        )
    counts = {side: sum(1 for w in winners.values() if w == side) for side in "AB"}
    return (
        f'<section id="index"><h2>Per article</h2><p>A wins {counts["A"]}, B wins '
        f"{counts['B']}, ties {len(rows) - counts['A'] - counts['B']} (the run better on more "
        'metrics).</p><div id="controls" hidden><label>Filter <input id="filter" '
        'type="search" placeholder="title or stem"></label> <output id="shown"></output></div>'
        '<div class="wide"><table id="articles"><thead><tr><th data-type="num">#</th>'
        f"<th>title</th>{heads}<th>wins</th></tr></thead><tbody>{''.join(rows)}</tbody>"
        "</table></div></section>"
    )


def _article(result: RunComparison, number: int, stem: str, title: str, winner: Winner) -> str:
    scores = {
        side: next((a.scores for a in report.articles if a.stem == stem), {})
        for side, report in (("A", result.report_a), ("B", result.report_b))
    }
    references = find_references(result.articles / f"{stem}.txt", result.refs).summaries_en
    reference = (
        f'<h3>Reference</h3><p class="summary">{escape(references[0])}</p>' if references else ""
    )
    columns = "".join(
        f"<td><h3>{side}{' (wins)' if winner == side else ''}</h3>"
        f'<p class="summary">{escape(_summary(out, stem))}</p>'
        f'<p class="meta">{escape(_scores(scores[side]))}</p></td>'
        for side, out in (("A", result.out_a), ("B", result.out_b))
    )
    return (
        f'<section class="article" id="c-{number}">'
        f'<h2><span class="num">{number}</span> {escape(title)}</h2>'
        f'<p class="meta"><code>{escape(stem)}</code></p>{reference}'
        f'<table class="sides"><tbody><tr>{columns}</tr></tbody></table></section>'
    )


def _summary(out: Path, stem: str) -> str:
    try:
        return (out / article_dir(stem) / SUMMARY_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return "(no summary)"


def _scores(scores: Mapping[str, Score]) -> str:
    return " · ".join(f"{metric} {fmt(metric, score.value)}" for metric, score in scores.items())
