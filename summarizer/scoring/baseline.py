"""Baselines for `summarizer regress`: a stored score report and the gate's verdict."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError, UsageError
from summarizer.fileio import write_atomic
from summarizer.scoring.compare import Comparison, compare
from summarizer.scoring.report import ScoreReport


def read_baseline(path: Path) -> ScoreReport:
    """The stored report; anything but a sound one is a usage error (exit 2), never a verdict.

    Exit 1 means "quality dropped", so a corrupt, foreign, unreadable or empty baseline, or one
    holding NaN or an infinity, must not be mistaken for it, nor pass as a comparison.
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
    bad = sorted(_non_finite(report))
    if bad:
        raise UsageError(
            f"cannot use baseline {path}: not a finite number: {', '.join(bad[:5])}{hint}"
        )
    return report


def _non_finite(report: ScoreReport) -> set[str]:
    """`scope.metric` for every score that is NaN or infinite."""
    scopes = [("mean", report.means)] + [(a.stem, a.scores) for a in report.articles]
    return {
        f"{scope}.{key}"
        for scope, scores in scopes
        for key, score in scores.items()
        if not all(
            v is None or (isinstance(v, int | float) and math.isfinite(v))
            for v in (score.value, score.precision, score.recall)
        )
    }


def write_baseline(path: Path, report: ScoreReport) -> None:
    write_atomic(path, json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class Verdict:
    """What the gate decides: 0 pass, 1 quality dropped, 2 not comparable."""

    comparison: Comparison
    allow_signature_change: bool

    @property
    def comparable(self) -> bool:
        return self.allow_signature_change or not self.comparison.signature_diffs

    @property
    def exit_code(self) -> int:
        if not self.comparable:
            return 2
        failed = self.comparison.regressions or self.comparison.only_in_baseline
        return 1 if failed else 0


def judge(
    baseline: ScoreReport,
    current: ScoreReport,
    tolerance: float | dict[str, float],
    allow_signature_change: bool = False,
) -> Verdict:
    return Verdict(compare(baseline, current, tolerance), allow_signature_change)
