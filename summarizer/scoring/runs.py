"""Two finished runs on the same articles, side by side: `summarizer compare`.

Run A plays the baseline and run B the current system: each change is B - A, tested with the
same paired tests as `regress`. Per article, the winner is the run better on more metrics.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from summarizer.errors import InputError, UsageError
from summarizer.pipeline.index import INDEX_FILE, index_entries
from summarizer.scoring.comparison import MEAN, Comparison, compare
from summarizer.scoring.report import ScoreReport, score_outputs
from summarizer.scoring.significance import DEFAULT_ALPHA, Test

Winner = Literal["A", "B", "tie"]


@dataclass(frozen=True)
class RunComparison:
    out_a: Path
    out_b: Path
    report_a: ScoreReport
    report_b: ScoreReport
    comparison: Comparison
    articles: Path
    """The folder of the articles both runs summarized."""
    refs: Path | None = None
    """The folder of references, if not ARTICLES/refs/."""

    def winners(self) -> dict[str, Winner]:
        """Per article stem: the run better on more of the metrics both scored."""
        tally: dict[str, int] = {}
        for change in self.comparison.changes:
            if change.scope != MEAN and change.delta:
                tally[change.scope] = tally.get(change.scope, 0) + (1 if change.delta > 0 else -1)
        stems = sorted({c.scope for c in self.comparison.changes if c.scope != MEAN})
        return {s: _winner(tally.get(s, 0)) for s in stems}

    def to_dict(self, alpha: float = DEFAULT_ALPHA) -> dict[str, Any]:
        tests = self.comparison.significance.results
        metrics: dict[str, Any] = {}
        for change in (c for c in self.comparison.changes if c.scope == MEAN):
            test = tests.get(change.metric)
            metrics[change.metric] = {
                "a": change.baseline,
                "b": change.current,
                "delta": change.delta,
                "ci": list(test.ci) if test else None,
                "p_value": test.p_value if test else None,
                "significant": test.significant(alpha) if test else None,
                "test": test.to_dict() if test else None,
            }
        scores = {
            side: {a.stem: {k: s.value for k, s in a.scores.items()} for a in report.articles}
            for side, report in (("a", self.report_a), ("b", self.report_b))
        }
        return {
            "a": {"out": str(self.out_a), "signature": self.report_a.signature.to_dict()},
            "b": {"out": str(self.out_b), "signature": self.report_b.signature.to_dict()},
            "differs": [
                {"field": d.field, "a": d.baseline, "b": d.current}
                for d in self.comparison.signature_diffs
            ],
            "alpha": alpha,
            "metrics": metrics,
            "untested": dict(self.comparison.significance.untested),
            "articles": [
                {
                    "stem": stem,
                    "winner": winner,
                    "a": scores["a"].get(stem, {}),
                    "b": scores["b"].get(stem, {}),
                }
                for stem, winner in self.winners().items()
            ],
            "only_in_a": sorted({s for s, _ in self.comparison.only_in_baseline if s != MEAN}),
            "only_in_b": sorted({s for s, _ in self.comparison.only_in_current if s != MEAN}),
        }


def compare_runs(
    out_a: Path,
    out_b: Path,
    folder: Path | None = None,
    refs: Path | None = None,
    test: Test = "bs",
) -> RunComparison:
    """Score both outputs folders against FOLDER's references (FOLDER defaults to the folder
    run A's articles came from) and compare them."""
    articles = folder or articles_folder(out_a)
    report_a = score_outputs(out_a, articles, refs)
    report_b = score_outputs(out_b, articles, refs)
    if not report_a.articles or not report_b.articles:
        empty = out_a if not report_a.articles else out_b
        raise UsageError(f"nothing in {empty} could be scored against the references of {articles}")
    comparison = compare(report_a, report_b, test=test)
    return RunComparison(out_a, out_b, report_a, report_b, comparison, articles, refs)


def articles_folder(out: Path) -> Path:
    """The one folder the articles of a run came from, as its index.jsonl records."""
    folders = {Path(str(e["path"])).parent for e in index_entries(out) if e.get("path")}
    if not folders:
        raise InputError(f"no articles in {out / INDEX_FILE} to find their folder; pass FOLDER")
    if len(folders) != 1:
        raise UsageError(f"the articles of {out} are not in one folder; pass FOLDER")
    return folders.pop()


def _winner(tally: int) -> Winner:
    return "B" if tally > 0 else "A" if tally < 0 else "tie"
