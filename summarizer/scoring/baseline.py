"""Baselines for `summarizer regress`: a stored score report and the gate's verdict."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from summarizer.errors import InputError, UsageError
from summarizer.fileio import write_output
from summarizer.scoring.comparison import MEAN, Change, Comparison, compare
from summarizer.scoring.metrics import metric_scale
from summarizer.scoring.report import ScoreReport
from summarizer.scoring.significance import DEFAULT_ALPHA, Test

Gate = Literal["tolerance", "significant"]
GATES = ("tolerance", "significant")


def read_baseline(path: Path) -> ScoreReport:
    """The stored report; anything but a sound one is a usage error (exit 2), never a verdict.

    Exit 1 means "quality dropped", so a corrupt, foreign, unreadable or empty baseline, or one
    holding anything but a finite number in its metric's range (NaN, -1e308, `true`, "0.5"),
    must not be mistaken for it, nor pass as a comparison.
    """
    if not path.is_file():
        raise UsageError(f"no baseline at {path}; create one with --update-baseline")
    hint = "; fix it or recreate it with --update-baseline"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        report = ScoreReport.from_dict(data)
    except (OSError, UnicodeDecodeError, ValueError, InputError) as exc:
        raise UsageError(f"cannot use baseline {path}: {exc}{hint}") from exc
    if not report.means:
        raise UsageError(f"cannot use baseline {path}: it holds no scores{hint}")
    bad = _bad_value(data)
    if bad:
        raise UsageError(f"cannot use baseline {path}: {bad}{hint}")
    return report


def _bad_value(data: dict[str, Any]) -> str | None:
    """What is wrong with the first score of a baseline (read by `ScoreReport.from_dict`, so
    its shape is sound) that is not a finite number within its metric's range, named by its
    key (`means.rouge1.value`, `articles[2].scores.bleu.recall`); None when all are."""
    scopes = [("means", data["means"])] + [
        (f"articles[{i}].scores", article["scores"]) for i, article in enumerate(data["articles"])
    ]
    for scope, scores in scopes:
        for metric, score in scores.items():
            top = metric_scale(metric)
            for part in ("value", "precision", "recall"):
                value = score.get(part)
                if value is None and part != "value":
                    continue
                key = f"{scope}.{metric}.{part}"
                if isinstance(value, bool) or not isinstance(value, int | float):
                    return f"{key} is {json.dumps(value)}, not a number"
                if not (math.isfinite(value) and 0 <= value <= top):
                    return f"{key} is {value}, not a number from 0 to {top:g}"
    return None


def write_baseline(path: Path, report: ScoreReport) -> None:
    write_output(path, json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Verdict:
    """What the gate decides: 0 pass, 1 quality dropped, 2 not comparable.

    The `tolerance` gate fails on any drop beyond the tolerance, per article or of a mean. The
    `significant` gate fails only on a mean that dropped beyond the tolerance with a paired
    test's p-value below `alpha` (one article's drop cannot be significant on its own).
    """

    comparison: Comparison
    allow_signature_change: bool
    gate: Gate = "tolerance"
    alpha: float = DEFAULT_ALPHA

    @property
    def failures(self) -> list[Change]:
        regressions = self.comparison.regressions
        if self.gate == "tolerance":
            return regressions
        tests = self.comparison.significance.results
        return [
            c
            for c in regressions
            if c.scope == MEAN and c.metric in tests and tests[c.metric].significant(self.alpha)
        ]

    @property
    def comparable(self) -> bool:
        return self.allow_signature_change or not self.comparison.signature_diffs

    @property
    def exit_code(self) -> int:
        if not self.comparable:
            return 2
        failed = self.failures or self.comparison.only_in_baseline
        return 1 if failed else 0


def check_gate(gate: str, alpha: float) -> None:
    if gate not in GATES:
        raise UsageError(f"--gate must be one of {', '.join(GATES)}, got {gate!r}")
    if not 0 < alpha < 1:
        raise UsageError(f"--alpha must be between 0 and 1, got {alpha}")


def judge(
    baseline: ScoreReport,
    current: ScoreReport,
    tolerance: float | dict[str, float],
    allow_signature_change: bool = False,
    gate: str = "tolerance",
    alpha: float = DEFAULT_ALPHA,
    test: Test = "bs",
) -> Verdict:
    """Compare, then decide; the `significant` gate refuses metrics it cannot test."""
    check_gate(gate, alpha)
    comparison = compare(baseline, current, tolerance, test)
    untested = comparison.significance.untested
    if gate == "significant" and untested:
        reasons = "; ".join(f"{metric}: {why}" for metric, why in untested.items())
        raise UsageError(f"--gate significant cannot test every metric ({reasons})")
    return Verdict(comparison, allow_signature_change, cast(Gate, gate), alpha)
