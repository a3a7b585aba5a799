"""Baselines for `summarizer regress`: a stored score report and the gate's verdict."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError, UsageError
from summarizer.fileio import write_atomic
from summarizer.scoring.compare import Comparison, compare
from summarizer.scoring.report import ScoreReport


def read_baseline(path: Path) -> ScoreReport:
    if not path.is_file():
        raise UsageError(f"no baseline at {path}; create one with --update-baseline")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"cannot read baseline {path}: {exc}") from exc
    return ScoreReport.from_dict(data)


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
