"""The report's bar charts as inline SVG: time per article by stage, and a metric against the
baseline after `summarizer regress`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from summarizer.report.data import TIMING_STAGES, Entry, Outputs, timings
from summarizer.report.text import fmt, seconds
from summarizer.scoring.comparison import MEAN

CHART_METRICS = ("rougeL", "rouge1", "rougeL_ko", "rouge1_ko")
"""The first of these that `regress.json` compares is charted against the baseline."""
ROW, LABEL, WIDTH = 16, 56, 460
"""Chart geometry in pixels: height of a bar's row, width of the label column, whole width."""


def charts(outputs: Outputs) -> str:
    done = [e for e in outputs.entries if e.result is not None]
    charts = [_time_chart(done)] if done else []
    charts += _score_chart(outputs)
    if not charts:
        return ""
    return (
        f'<section id="charts"><h2>Charts</h2><div class="charts">{"".join(charts)}</div></section>'
    )


def _time_chart(entries: list[Entry]) -> str:
    top = max((timings(e).get("total_s", 0.0) for e in entries), default=0.0) or 1.0
    scale = (WIDTH - LABEL - 8) / top
    rows = []
    for row, entry in enumerate(entries):
        times, x, y = timings(entry), float(LABEL), 18 + row * ROW
        bars = []
        for key, name in TIMING_STAGES:
            width = times.get(key, 0.0) * scale
            bars.append(_rect(x, y, width, ROW - 4, name))
            x += width
        parts = ", ".join(f"{name} {times.get(key, 0.0):.2f} s" for key, name in TIMING_STAGES)
        tip = f"#{entry.number} {entry.title}: {times.get('total_s', 0.0):.2f} s ({parts})"
        rows.append(_chart_row(entry, y, tip, "".join(bars)))
    legend = "".join(f'<span class="key {name}"></span>{name} ' for _, name in TIMING_STAGES)
    axis = _axis(top, lambda v: seconds(v, top))
    return _chart("Time per article", legend, axis, rows, len(entries))


def _score_chart(outputs: Outputs) -> list[str]:
    compared = {c.metric for c in outputs.changes}
    metric = next((m for m in CHART_METRICS if m in compared), None)
    if metric is None:
        return []
    changes = {c.scope: c for c in outputs.changes if c.metric == metric}
    entries = [e for e in outputs.entries if e.stem in changes]
    top = max((max(c.baseline, c.current) for c in changes.values()), default=0.0) or 1.0
    scale = (WIDTH - LABEL - 8) / top
    rows = []
    scopes: list[tuple[str, Entry | None]] = [(MEAN, None)] if MEAN in changes else []
    scopes += [(e.stem, e) for e in entries]
    for row, (scope, entry) in enumerate(scopes):
        change, y = changes[scope], 18 + row * ROW
        bars = _rect(LABEL, y, change.baseline * scale, 5, "baseline") + _rect(
            LABEL, y + 6, change.current * scale, 6, change.status
        )
        name = f"#{entry.number} {entry.title}" if entry else "mean"
        tip = (
            f"{name}: {metric} {fmt(metric, change.current)} "
            f"(baseline {fmt(metric, change.baseline)}, {change.status})"
        )
        rows.append(_chart_row(entry, y, tip, bars))
    legend = (
        '<span class="key baseline"></span>baseline <span class="key unchanged"></span>current '
        '<span class="key regression"></span>regression '
        '<span class="key improvement"></span>improvement'
    )
    axis = _axis(top, lambda v: fmt(metric, v))
    return [_chart(f"{metric} against the baseline", legend, axis, rows, len(scopes))]


def _rect(x: float, y: float, width: float, height: float, cls: str) -> str:
    return (
        f'<rect class="{cls}" x="{x:.1f}" y="{y:.1f}" width="{max(width, 0.0):.1f}" '
        f'height="{height}"/>'
    )


def _chart_row(entry: Entry | None, y: float, tip: str, bars: str) -> str:
    label = f"#{entry.number}" if entry else "mean"
    inner = (
        f"<title>{escape(tip)}</title>"
        f'<text x="{LABEL - 6}" y="{y + ROW - 6}" class="label">{label}</text>{bars}'
    )
    return f'<a href="#{entry.anchor}">{inner}</a>' if entry else f"<g>{inner}</g>"


def _axis(top: float, label: Callable[[float], str]) -> str:
    ticks = []
    for fraction, anchor in ((0.0, "start"), (0.5, "middle"), (1.0, "end")):
        x = LABEL + fraction * (WIDTH - LABEL - 8)
        ticks.append(
            f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="14" y2="100%"/>'
            f'<text x="{x:.1f}" y="10" text-anchor="{anchor}">{label(top * fraction)}</text>'
        )
    return "".join(ticks)


def _chart(title: str, legend: str, axis: str, rows: Iterable[str], count: int) -> str:
    height = 22 + count * ROW
    return (
        f'<figure class="chart"><figcaption>{escape(title)} <small>{legend}</small></figcaption>'
        f'<div class="scroll"><svg role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}"><title>{escape(title)}</title>{axis}'
        f"{''.join(rows)}</svg></div></figure>"
    )
