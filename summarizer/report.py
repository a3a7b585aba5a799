"""A self-contained HTML report of an outputs folder: index, charts and every article in full.

Reads what `summarizer run` wrote (index.jsonl, <stem>/result.json) and, when present,
`scores.json` from `summarizer score` and `regress.json` from `summarizer regress`. Everything
rendered is escaped; the page has inline CSS and JavaScript only, pinned by a Content Security
Policy, and works without JavaScript (sorting and filtering need it).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.outputs import INDEX_FILE, RESULT_FILE
from summarizer.report_flags import FLAGS_CSS, FLAGS_JS, flags_section
from summarizer.scoring.compare import MEAN, Change
from summarizer.scoring.metrics import Score, metric_scale
from summarizer.scoring.report import METRIC_KEYS, ScoreReport
from summarizer.scoring.signature import model_fields, models_signature

REPORT_FILE = "report.html"
SCORES_FILE = "scores.json"
REGRESS_FILE = "regress.json"
CHART_METRICS = ("rougeL", "rouge1", "rougeL_ko", "rouge1_ko")
"""The first of these that `regress.json` compares is charted against the baseline."""
TIMING_STAGES = (
    ("read_s", "read"),
    ("segment_s", "segment"),
    ("translate_s", "translate"),
    ("summarize_s", "summarize"),
)
INDEX_COLUMNS = ("#", "title", "sentences", "characters", "seconds", "cached")
"""The index's first columns; a column per metric and the summary follow."""
ROW, LABEL, WIDTH = 16, 56, 460
"""Chart geometry in pixels: height of a bar's row, width of the label column, whole width."""


@dataclass(frozen=True)
class Entry:
    """One line of index.jsonl with its result.json (None when the article failed)."""

    number: int
    stem: str
    title: str
    result: dict[str, Any] | None
    error: str | None
    scores: dict[str, Score] = field(default_factory=dict)
    unscored: str | None = None

    @property
    def anchor(self) -> str:
        return f"a-{self.number}"


@dataclass(frozen=True)
class Outputs:
    """What the report shows; `notes` explain files that were skipped."""

    folder: Path
    entries: list[Entry]
    metrics: list[str]
    changes: list[Change]
    finished: datetime
    notes: list[str]


def read_outputs(folder: Path) -> Outputs:
    """Read an outputs folder; scores and regressions only where their files parse and match."""
    index = folder / INDEX_FILE
    if not index.is_file():
        raise InputError(f"no {INDEX_FILE} in {folder}: run `summarizer run ARTICLES -o {folder}`")
    try:
        lines = index.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read {index}: {exc}; run `summarizer run` again") from exc
    if not all(isinstance(row, dict) for row in rows):
        raise InputError(f"{index} is not an index of articles; run `summarizer run` again")
    notes: list[str] = []
    entries = [_entry(number, row, folder) for number, row in enumerate(rows, start=1)]
    scores_data = _read_json(folder / SCORES_FILE, notes)
    regress_data = _read_json(folder / REGRESS_FILE, notes)
    regress = regress_data if isinstance(regress_data, Mapping) else {}
    scores_file = SCORES_FILE
    if scores_data is None and "current" in regress:
        scores_data, scores_file = regress["current"], REGRESS_FILE
    scores = _score_report(scores_data, scores_file, notes)
    if scores is not None:
        entries = _with_scores(entries, scores, notes)
    changes = _changes(regress, entries, notes) if regress_data is not None else []
    metrics = [key for key in METRIC_KEYS if any(key in e.scores for e in entries)]
    finished = datetime.fromtimestamp(index.stat().st_mtime)
    return Outputs(folder, entries, metrics, changes, finished, notes)


def _entry(number: int, row: Mapping[str, Any], folder: Path) -> Entry:
    stem = str(row.get("stem", f"#{number}"))
    if not row.get("ok"):
        error = str(row.get("error") or "failed")
        return Entry(number, stem, stem, None, error)
    path = folder / str(row.get("dir", stem)) / RESULT_FILE
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Entry(number, stem, stem, None, f"cannot read {path}: {exc}")
    if not isinstance(result, dict) or not isinstance(result.get("segments"), list):
        return Entry(number, stem, stem, None, f"{path} is not a result.json of this version")
    title = (result.get("article") or {}).get("title") or row.get("title") or stem
    return Entry(number, stem, str(title), result, None)


def _read_json(path: Path, notes: list[str]) -> Any:
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        notes.append(f"{path.name} is left out: {exc}")
        return None


def _score_report(data: Any, name: str, notes: list[str]) -> ScoreReport | None:
    if data is None:
        return None
    try:
        return ScoreReport.from_dict(data)
    except InputError as exc:
        notes.append(f"{name} is left out: {exc}")
        return None


def _signature(entry: Entry) -> str:
    models = (entry.result or {}).get("models")
    return models_signature(models) if isinstance(models, Mapping) else ""


def _stale(report: ScoreReport, entries: list[Entry]) -> set[str]:
    """Stems whose scores were computed from outputs of other models or settings."""
    by_stem = {e.stem: e for e in entries if e.result is not None}
    return {
        a.stem
        for a in report.articles
        if a.stem in by_stem and a.models not in ("", _signature(by_stem[a.stem]))
    }


def _with_scores(entries: list[Entry], report: ScoreReport, notes: list[str]) -> list[Entry]:
    stale = _stale(report, entries)
    scored = {a.stem: a.scores for a in report.articles if a.stem not in stale}
    if stale:
        notes.append(
            f"scores of {len(stale)} article(s) came from other models or settings and are left "
            "out; run `summarizer score` again"
        )
    unscored = {u.stem: u.reason for u in report.unscored}
    return [
        replace(e, scores=scored.get(e.stem, {}), unscored=unscored.get(e.stem)) for e in entries
    ]


def _changes(regress: Mapping[str, Any], entries: list[Entry], notes: list[str]) -> list[Change]:
    comparison = regress.get("comparison", regress)
    try:
        changes = [
            Change(
                str(c["scope"]),
                str(c["metric"]),
                float(c["baseline"]),
                float(c["current"]),
                float(c.get("threshold", 0.0)),
            )
            for c in comparison["changes"]
        ]
    except (KeyError, TypeError, ValueError) as exc:
        notes.append(f"{REGRESS_FILE} is left out: no comparison of scores ({exc!r})")
        return []
    if "current" in regress:
        current = _score_report(regress["current"], REGRESS_FILE, notes)
        if current is None:
            return []
        if _stale(current, entries):
            notes.append(f"{REGRESS_FILE} is older than these outputs; run `summarizer regress`")
            return []
    stems = {e.stem for e in entries}
    return [c for c in changes if c.scope == MEAN or c.scope in stems]


def render(outputs: Outputs) -> str:
    """The whole page as one string."""
    body = "".join(
        (
            _header(outputs),
            _charts(outputs),
            _index(outputs),
            flags_section(outputs.entries),
            *(_article(e, outputs) for e in outputs.entries if e.result is not None),
        )
    )
    title = f"Summaries: {outputs.folder.name or outputs.folder}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(_POLICY)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<link rel="icon" href="data:,">'
        f"<title>{escape(title)}</title><style>{_CSS}{FLAGS_CSS}</style></head>\n"
        f"<body>{body}<script>{_JS}{FLAGS_JS}</script></body></html>\n"
    )


def _header(outputs: Outputs) -> str:
    done = [e for e in outputs.entries if e.result is not None]
    failed = len(outputs.entries) - len(done)
    seconds = sum(_timings(e).get("total_s", 0.0) for e in done)
    hits = sum(_cache(e).get("translation_hits", 0) for e in done)
    total = sum(len(e.result["segments"]) for e in done if e.result)
    facts = [
        f"{len(done)} article(s)",
        f"{failed} failed" if failed else "",
        f"{total:,} sentences, {hits:,} translated from the cache",
        f"{seconds:.1f} s of work",
        f"run finished {outputs.finished:%Y-%m-%d %H:%M}",
    ]
    notes = "".join(f"<li>{escape(note)}</li>" for note in outputs.notes)
    return (
        f"<header><h1>Summaries of {escape(str(outputs.folder))}</h1>"
        f"<p>{escape(' · '.join(f for f in facts if f))}</p>"
        + (f'<ul class="notes">{notes}</ul>' if notes else "")
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
        f'<table id="articles">{head}<tbody>{rows}</tbody></table></section>'
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
    article, cache = entry.result.get("article") or {}, _cache(entry)
    sentences = len(entry.result["segments"])
    characters = int(article.get("characters") or 0)
    seconds = float(_timings(entry).get("total_s", 0.0))
    hits = int(cache.get("translation_hits", 0))
    cached = f"{hits}/{sentences}" + (" +S" if cache.get("summary_hit") else "")
    scores = "".join(_score_cell(m, entry.scores.get(m)) for m in metrics)
    return (
        f'<tr data-key="{key}" data-target="{entry.anchor}">{number}'
        f'<td><a href="#{entry.anchor}">{escape(entry.title)}</a>'
        f"<br><small>{escape(entry.stem)}</small></td>"
        f'<td data-v="{sentences}">{sentences}</td>'
        f'<td data-v="{characters}">{characters:,}</td>'
        f'<td data-v="{seconds}">{seconds:.2f}</td>'
        f'<td data-v="{hits / sentences if sentences else 0}">{escape(cached)}</td>'
        f'{scores}<td class="summary">{escape(str(entry.result.get("summary", "")))}</td></tr>'
    )


def _score_cell(metric: str, score: Score | None) -> str:
    if score is None:
        return '<td data-v=""></td>'
    return f'<td data-v="{score.value}">{_fmt(metric, score.value)}</td>'


def _fmt(metric: str, value: float | None, sign: str = "") -> str:
    """A score as text: 0.123 for ROUGE, 12.3 for chrF and BLEU; `sign="+"` for changes."""
    if value is None:
        return ""
    return f"{value:{sign}.1f}" if metric_scale(metric) > 1 else f"{value:{sign}.3f}"


def _timings(entry: Entry) -> dict[str, float]:
    timings = (entry.result or {}).get("timings") or {}
    return {k: float(v) for k, v in timings.items() if isinstance(v, int | float)}


def _cache(entry: Entry) -> dict[str, Any]:
    return (entry.result or {}).get("cache") or {}


def _charts(outputs: Outputs) -> str:
    done = [e for e in outputs.entries if e.result is not None]
    charts = [_time_chart(done)] if done else []
    charts += _score_chart(outputs)
    if not charts:
        return ""
    return (
        f'<section id="charts"><h2>Charts</h2><div class="charts">{"".join(charts)}</div></section>'
    )


def _time_chart(entries: list[Entry]) -> str:
    top = max((_timings(e).get("total_s", 0.0) for e in entries), default=0.0) or 1.0
    scale = (WIDTH - LABEL - 8) / top
    rows = []
    for row, entry in enumerate(entries):
        timings, x, y = _timings(entry), float(LABEL), 18 + row * ROW
        bars = []
        for key, name in TIMING_STAGES:
            width = timings.get(key, 0.0) * scale
            bars.append(_rect(x, y, width, ROW - 4, name))
            x += width
        parts = ", ".join(f"{name} {timings.get(key, 0.0):.2f} s" for key, name in TIMING_STAGES)
        tip = f"#{entry.number} {entry.title}: {timings.get('total_s', 0.0):.2f} s ({parts})"
        rows.append(_chart_row(entry, y, tip, "".join(bars)))
    legend = "".join(f'<span class="key {name}"></span>{name} ' for _, name in TIMING_STAGES)
    return _chart(
        "Time per article (seconds)", legend, _axis(top, lambda v: f"{v:.1f}s"), rows, len(entries)
    )


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
            f"{name}: {metric} {_fmt(metric, change.current)} "
            f"(baseline {_fmt(metric, change.baseline)}, {change.status})"
        )
        rows.append(_chart_row(entry, y, tip, bars))
    legend = (
        '<span class="key baseline"></span>baseline <span class="key unchanged"></span>current '
        '<span class="key regression"></span>regression '
        '<span class="key improvement"></span>improvement'
    )
    axis = _axis(top, lambda v: _fmt(metric, v))
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


def _article(entry: Entry, outputs: Outputs) -> str:
    assert entry.result is not None
    result = entry.result
    article = result.get("article") or {}
    facts = [
        str(article.get("path", "")),
        " ".join(str(article.get(k, "")) for k in ("language", "encoding", "format")),
        f"{article.get('paragraphs', '?')} paragraphs, {len(result['segments'])} sentences, "
        f"{int(article.get('characters') or 0):,} characters",
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
            f'<td>{_fmt(metric, change.baseline)}</td><td class="{change.status}">'
            f"{_fmt(metric, change.delta, '+')} {change.status}</td>"
            if change
            else "<td></td><td></td>"
        )
        rows.append(
            f"<tr><th>{escape(metric)}</th><td>{_fmt(metric, score.value)}</td>"
            f"<td>{_fmt(metric, score.precision)}</td><td>{_fmt(metric, score.recall)}</td>"
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
        rows.append(
            f'<tr class="{" ".join(classes)}"><td>{number}</td>'
            f'<td lang="{escape(language)}">{escape(str(segment.get("source", "")))}</td>'
            f'<td lang="en">{escape(str(segment.get("translation", "")))}</td></tr>'
        )
    source = "Korean" if language == "ko" else "Source"
    return (
        f"<details open><summary>Source and translation ({len(rows)} sentences, "
        "● = from the cache)</summary>"
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
        f"<details><summary>Removed boilerplate ({len(removed)} lines)</summary>"
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
    timings, cache = _timings(entry), _cache(entry)
    stages = ", ".join(f"{name} {timings.get(key, 0.0):.2f} s" for key, name in TIMING_STAGES)
    rounds = timings.get("summary_rounds")
    hits, misses = int(cache.get("translation_hits", 0)), int(cache.get("translation_misses", 0))
    summary = "from the cache" if cache.get("summary_hit") else "computed"
    text = (
        f"Time: {timings.get('total_s', 0.0):.2f} s ({stages}"
        + (f", {int(rounds)} summary round(s)" if rounds else "")
        + f"). Cache: {hits} of {hits + misses} sentences translated earlier; summary {summary}."
    )
    return f'<p class="meta work">{escape(text)}</p>'


_CSS = """
:root{--fg:#1d2330;--muted:#5c6473;--line:#d8dce3;--bg:#fff;--alt:#f5f7fa;--accent:#2d5fb8;
--read:#9aa5b8;--segment:#c8a24a;--translate:#3f7fd1;--summarize:#3aa37a;--bad:#c8423b;
--good:#2f9e5a;--base:#b9c0cc}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1400px;padding:1rem 1.5rem 4rem;font:15px/1.45 system-ui,
"Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic",sans-serif;color:var(--fg);
background:var(--bg);word-break:keep-all}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.6rem 0 .4rem}
h3{font-size:1rem;margin:.8rem 0 .2rem}
a{color:var(--accent)}small,.meta{color:var(--muted)}
code{font-size:.85em;word-break:break-all}
.notes{background:#fff6df;border:1px solid #ecd38f;padding:.4rem 1.6rem;border-radius:4px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top;
overflow-wrap:anywhere}
thead th{background:var(--alt);position:sticky;top:0;z-index:1;white-space:nowrap}
#articles td[data-v]{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
#articles td:nth-child(2){min-width:13rem}
#articles td.summary{min-width:18rem}
#articles tr.failed td{color:var(--bad)}
#articles th button{all:unset;cursor:pointer}
#articles th[aria-sort=ascending] button::after{content:" ▲"}
#articles th[aria-sort=descending] button::after{content:" ▼"}
#controls{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:.4rem 0}
#controls[hidden]{display:none}
.charts{display:flex;gap:2rem;flex-wrap:wrap}
.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.3rem}
.chart small{font-weight:400}
.scroll{max-height:22rem;overflow-y:auto;border:1px solid var(--line);border-radius:4px}
svg text{font-size:11px;fill:var(--muted)}svg .label{text-anchor:end}
svg .grid{stroke:var(--line)}svg a:hover rect{opacity:.75}
.key{display:inline-block;width:.8em;height:.8em;margin:0 .2em 0 .6em;vertical-align:-.05em}
rect.read{fill:var(--read)}.key.read{background:var(--read)}
rect.segment{fill:var(--segment)}.key.segment{background:var(--segment)}
rect.translate{fill:var(--translate)}.key.translate{background:var(--translate)}
rect.summarize{fill:var(--summarize)}.key.summarize{background:var(--summarize)}
rect.baseline{fill:var(--base)}.key.baseline{background:var(--base)}
rect.unchanged{fill:var(--accent)}.key.unchanged{background:var(--accent)}
rect.regression{fill:var(--bad)}.key.regression{background:var(--bad)}
rect.improvement{fill:var(--good)}.key.improvement{background:var(--good)}
td.regression{color:var(--bad)}td.improvement{color:var(--good)}
.article{border-top:2px solid var(--line);margin-top:2rem;content-visibility:auto;
contain-intrinsic-size:auto 900px}
.article h2 .num{color:var(--muted);font-weight:400;margin-right:.3rem}
.article .summary{font-size:1.05rem;background:var(--alt);padding:.5rem .7rem;border-radius:4px}
details{margin:.6rem 0}summary{cursor:pointer;font-weight:600}
.aligned td:first-child{color:var(--muted);width:3.5rem;white-space:nowrap}
.aligned td:nth-child(2),.aligned td:nth-child(3){width:48%}
.aligned tr.para td{border-top:2px solid var(--line)}
.aligned tr.cached td:first-child::after{content:" ●";color:var(--summarize)}
.removed td:first-child,.removed td:nth-child(2){white-space:nowrap;color:var(--muted);width:5rem}
.fields th{font-weight:400;color:var(--muted);width:18rem}
.scores{width:auto}.scores td{text-align:right;font-variant-numeric:tabular-nums}
[hidden]{display:none!important}
"""

_JS = """
(() => {
  const table = document.getElementById("articles");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const text = document.getElementById("filter");
  const metric = document.getElementById("metric");
  const least = document.getElementById("min");
  const shown = document.getElementById("shown");
  const value = (row, col, numeric) => {
    const cell = row.cells[col];
    const raw = cell.dataset.v ?? cell.textContent.trim();
    return numeric ? (raw === "" ? NaN : Number(raw)) : raw;
  };
  const sort = (th) => {
    const col = th.cellIndex;
    const numeric = th.dataset.type === "num";
    const dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    for (const other of table.tHead.rows[0].cells) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
    rows.sort((a, b) => {
      const x = value(a, col, numeric), y = value(b, col, numeric);
      if (numeric) {
        if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) - Number.isNaN(y);
        return dir * (x - y);
      }
      return dir * x.localeCompare(y);
    });
    body.append(...rows);
  };
  for (const th of table.tHead.rows[0].cells) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.replaceChildren(button);
    button.addEventListener("click", () => sort(th));
  }
  const apply = () => {
    const query = text.value.trim().toLowerCase();
    const col = metric && metric.value ? Number(metric.value) : -1;
    const floor = least && least.value !== "" ? Number(least.value) : NaN;
    let count = 0;
    for (const row of rows) {
      let keep = row.dataset.key.includes(query);
      if (keep && col >= 0 && !Number.isNaN(floor)) {
        const v = value(row, col, true);
        keep = !Number.isNaN(v) && v >= floor;
      }
      row.hidden = !keep;
      const section = row.dataset.target && document.getElementById(row.dataset.target);
      if (section) section.hidden = !keep;
      count += keep;
    }
    shown.textContent = `${count} of ${rows.length} shown`;
  };
  for (const input of [text, metric, least]) if (input) input.addEventListener("input", apply);
  document.getElementById("controls").hidden = false;
  apply();
})();
"""


def _hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


_POLICY = (
    f"default-src 'none'; style-src {_hash(_CSS + FLAGS_CSS)}; "
    f"script-src {_hash(_JS + FLAGS_JS)}; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
