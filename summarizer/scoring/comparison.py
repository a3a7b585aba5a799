"""Compare a score report with a baseline: regressions, improvements and signature changes.

Means are compared over the articles both reports scored (paired): when one report scored
articles the other did not, each mean is recomputed over the shared ones (as the paired tests
compute them) and the others are named in `left_out`, never averaged in silently.

Tolerances are absolute drops on a 0-1 scale, whatever the metric: the default 0.02 is 0.02 of
ROUGE F1 and 2 points of sacrebleu's 0-100 chrF and BLEU.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from summarizer.errors import UsageError
from summarizer.scoring.metrics import metric_scale
from summarizer.scoring.paired import Significance, paired_reports
from summarizer.scoring.report import METRIC_KEYS, ScoreReport
from summarizer.scoring.signature import FieldDiff
from summarizer.scoring.significance import Test

DEFAULT_TOLERANCE = 0.02
MEAN = "(mean)"
"""The scope name of the aggregate row."""

_SLACK = 1e-9  # a drop of exactly the tolerance is not a regression, despite float rounding
Status = Literal["regression", "improvement", "unchanged"]
Side = Literal["baseline", "current"]


@dataclass(frozen=True)
class Change:
    """One metric in one scope (an article stem or MEAN), baseline against current."""

    scope: str
    metric: str
    baseline: float
    current: float
    threshold: float
    """The tolerance in the metric's own units."""

    @property
    def delta(self) -> float:
        return self.current - self.baseline

    @property
    def status(self) -> Status:
        if self.delta < -(self.threshold + _SLACK):
            return "regression"
        if self.delta > self.threshold + _SLACK:
            return "improvement"
        return "unchanged"

    def to_dict(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "metric": self.metric,
            "baseline": self.baseline,
            "current": self.current,
            "delta": self.delta,
            "threshold": self.threshold,
            "status": self.status,
        }


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between a baseline report and the current one."""

    changes: list[Change]
    signature_diffs: list[FieldDiff]
    only_in_baseline: list[tuple[str, str]]
    """(scope, metric) pairs the current report no longer scores."""
    only_in_current: list[tuple[str, str]]
    significance: Significance
    """Paired tests of the means, metric by metric."""
    left_out: dict[str, Side] = field(default_factory=dict)
    """Articles only one report scored (stem -> the report that did), left out of the means."""

    def _with(self, status: Status) -> list[Change]:
        return [c for c in self.changes if c.status == status]

    @property
    def regressions(self) -> list[Change]:
        return self._with("regression")

    @property
    def improvements(self) -> list[Change]:
        return self._with("improvement")

    @property
    def unchanged(self) -> list[Change]:
        return self._with("unchanged")

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature_diffs": [
                {"field": d.field, "baseline": d.baseline, "current": d.current}
                for d in self.signature_diffs
            ],
            "changes": [c.to_dict() for c in self.changes],
            "only_in_baseline": [list(pair) for pair in self.only_in_baseline],
            "only_in_current": [list(pair) for pair in self.only_in_current],
            "significance": self.significance.to_dict(),
            "left_out": dict(self.left_out),
        }


def tolerances(tolerance: float | Mapping[str, float] = DEFAULT_TOLERANCE) -> dict[str, float]:
    """Per-metric tolerances: one value for all, or overrides of the default by metric key."""
    given = {key: tolerance for key in METRIC_KEYS} if isinstance(tolerance, float | int) else {}
    if isinstance(tolerance, Mapping):
        unknown = sorted(set(tolerance) - set(METRIC_KEYS))
        if unknown:
            raise UsageError(
                f"unknown metric(s) in tolerance: {', '.join(unknown)}; "
                f"choose from {', '.join(METRIC_KEYS)}"
            )
        given = {key: tolerance.get(key, DEFAULT_TOLERANCE) for key in METRIC_KEYS}
    bad = sorted(key for key, value in given.items() if not math.isfinite(value) or value < 0)
    if bad:
        raise UsageError(
            f"tolerance must be a finite number, not negative (given for {', '.join(bad)})"
        )
    return {key: float(value) for key, value in given.items()}


def compare(
    baseline: ScoreReport | Mapping[str, Any],
    current: ScoreReport | Mapping[str, Any],
    tolerance: float | Mapping[str, float] = DEFAULT_TOLERANCE,
    test: Test = "bs",
    samples: int | None = None,
) -> Comparison:
    """Compare per article and for the mean, metric by metric, with drops beyond `tolerance`
    counted as regressions and rises beyond it as improvements; test each mean's change for
    significance with `test` (paired bootstrap or approximate randomization) and `samples`
    resamples or trials (default: sacrebleu's 1,000 or 10,000)."""
    old, new = _report(baseline), _report(current)
    limits = tolerances(tolerance)
    significance = paired_reports(old, new, test, samples)
    old_values, new_values = _values(old), _values(new)
    _pair_means(old, new, significance, old_values, new_values)
    changes = [
        Change(
            scope,
            metric,
            old_values[scope, metric],
            new_values[scope, metric],
            limits[metric] * metric_scale(metric),
        )
        for scope, metric in _ordered(old_values.keys() & new_values.keys())
    ]
    old_stems = {a.stem for a in old.articles}
    new_stems = {a.stem for a in new.articles}
    left_out: dict[str, Side] = {stem: "baseline" for stem in sorted(old_stems - new_stems)}
    left_out |= {stem: "current" for stem in sorted(new_stems - old_stems)}
    return Comparison(
        changes=changes,
        signature_diffs=old.signature.diff(new.signature),
        only_in_baseline=_ordered(old_values.keys() - new_values.keys()),
        only_in_current=_ordered(new_values.keys() - old_values.keys()),
        significance=significance,
        left_out=left_out,
    )


def _pair_means(
    old: ScoreReport,
    new: ScoreReport,
    significance: Significance,
    old_values: dict[tuple[str, str], float],
    new_values: dict[tuple[str, str], float],
) -> None:
    """Where the reports scored a metric on different articles, its means become those of the
    paired test (over the shared articles); without one, the mean is not compared."""
    for metric in old.means.keys() & new.means.keys():
        if _scored(old, metric) == _scored(new, metric):
            continue
        paired = significance.results.get(metric)
        if paired is None:
            del old_values[MEAN, metric], new_values[MEAN, metric]
            continue
        old_values[MEAN, metric], new_values[MEAN, metric] = paired.baseline, paired.current


def _scored(report: ScoreReport, metric: str) -> set[str]:
    return {a.stem for a in report.articles if metric in a.scores}


def _report(report: ScoreReport | Mapping[str, Any]) -> ScoreReport:
    return report if isinstance(report, ScoreReport) else ScoreReport.from_dict(report)


def _values(report: ScoreReport) -> dict[tuple[str, str], float]:
    values = {(MEAN, key): score.value for key, score in report.means.items()}
    for article in report.articles:
        values |= {(article.stem, key): score.value for key, score in article.scores.items()}
    return values


def _ordered(pairs: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The mean first, then articles by stem; metrics in display order."""
    rank = {key: i for i, key in enumerate(METRIC_KEYS)}
    return sorted(pairs, key=lambda p: (p[0] != MEAN, p[0], rank.get(p[1], len(rank)), p[1]))
