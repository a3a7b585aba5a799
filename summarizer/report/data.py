"""What a report shows, read from an outputs folder: the index, each result.json, and the
scores and comparison where their files parse and match the outputs."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.pipeline.index import INDEX_FILE, index_entries
from summarizer.pipeline.outputs import RESULT_FILE
from summarizer.pipeline.result_file import read_result
from summarizer.scoring.comparison import MEAN, Change
from summarizer.scoring.metrics import Score
from summarizer.scoring.report import METRIC_KEYS, ScoreReport
from summarizer.scoring.signature import models_signature
from summarizer.wording import count

SCORES_FILE = "scores.json"
REGRESS_FILE = "regress.json"
TIMING_STAGES = (
    ("read_s", "read"),
    ("segment_s", "segment"),
    ("translate_s", "translate"),
    ("summarize_s", "summarize"),
)


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
    unreadable: bool = False
    """Whether `error` says why its result.json cannot be read (not why the article failed)."""

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


@dataclass(frozen=True)
class Extras:
    """An outputs folder's scores and comparison, as far as their files parse."""

    scores: ScoreReport | None
    regress: Any
    notes: list[str]


def read_outputs(folder: Path) -> Outputs:
    """Read an outputs folder; scores and regressions only where their files parse and match."""
    return outputs_of(folder, list(iter_entries(folder)), read_extras(folder))


def index_file(folder: Path) -> Path:
    """The folder's index.jsonl; InputError when there is none."""
    index = folder / INDEX_FILE
    if not index.is_file():
        raise InputError(f"no {INDEX_FILE} in {folder}: run `summarizer run ARTICLES -o {folder}`")
    return index


def iter_entries(folder: Path) -> Iterator[Entry]:
    """The folder's articles in index order with their result.json, read one at a time (a line
    of the index that is no entry is named in a warning and left out)."""
    index_file(folder)
    for number, row in enumerate(index_entries(folder), start=1):
        yield _entry(number, row, folder)


def count_entries(folder: Path) -> int:
    """How many articles the folder's index lists, without reading their results."""
    index_file(folder)
    return sum(1 for _ in index_entries(folder))


def read_extras(folder: Path) -> Extras:
    """The folder's scores.json and regress.json, where they parse."""
    notes: list[str] = []
    scores_data = _read_json(folder / SCORES_FILE, notes)
    regress = _read_json(folder / REGRESS_FILE, notes)
    scores_file = SCORES_FILE
    if scores_data is None and isinstance(regress, Mapping) and "current" in regress:
        scores_data, scores_file = regress["current"], REGRESS_FILE
    return Extras(_score_report(scores_data, scores_file, notes), regress, notes)


def outputs_of(folder: Path, entries: list[Entry], extras: Extras) -> Outputs:
    """What the report shows of `entries` (all of a folder's, or one page of them)."""
    notes = [*extras.notes, *(str(e.error) for e in entries if e.unreadable)]
    if extras.scores is not None:
        entries = _with_scores(entries, extras.scores, notes)
    regress = extras.regress if isinstance(extras.regress, Mapping) else {}
    changes = _changes(regress, entries, notes) if extras.regress is not None else []
    metrics = [key for key in METRIC_KEYS if any(key in e.scores for e in entries)]
    finished = datetime.fromtimestamp(index_file(folder).stat().st_mtime)
    return Outputs(folder, entries, metrics, changes, finished, notes)


def _entry(number: int, row: Mapping[str, Any], folder: Path) -> Entry:
    stem = str(row.get("stem", f"#{number}"))
    if not row.get("ok"):
        error = str(row.get("error") or "failed")
        return Entry(number, stem, stem, None, error)
    path = folder / str(row.get("dir", stem)) / RESULT_FILE
    try:
        result = read_result(path)
    except InputError as exc:
        return Entry(number, stem, stem, None, str(exc), unreadable=True)
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
            f"scores of {count(len(stale), 'article')} came from other models or settings and "
            "are left out; run `summarizer score` again"
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


def timings(entry: Entry) -> dict[str, float]:
    timings = (entry.result or {}).get("timings") or {}
    return {k: float(v) for k, v in timings.items() if isinstance(v, int | float)}


def cache_info(entry: Entry) -> dict[str, Any]:
    return (entry.result or {}).get("cache") or {}


def translated(entry: Entry) -> bool:
    """Whether the article was translated (a Korean source), so cache hits mean something."""
    article = (entry.result or {}).get("article") or {}
    return article.get("language", "ko") == "ko"
