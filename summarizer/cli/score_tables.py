"""Tables for `score`, `regress` and `compare`: scores, changes and their significance."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.cli.console import console, plain
from summarizer.scoring.comparison import MEAN

if TYPE_CHECKING:
    from summarizer.scoring.baseline import Verdict
    from summarizer.scoring.comparison import Comparison
    from summarizer.scoring.report import ScoreReport


def print_scores(report: ScoreReport) -> None:
    from rich.table import Table

    metrics = report.metrics
    table = Table(title="Scores (F1 for ROUGE; chrF and BLEU 0-100)")
    table.add_column("article")
    for metric in metrics:
        table.add_column(metric, justify="right")
    for article in report.articles:
        table.add_row(
            plain(article.stem),
            *(_fmt(metric, article.scores.get(metric)) for metric in metrics),
        )
    table.add_row("[bold]mean[/]", *(_fmt(m, report.means.get(m)) for m in metrics))
    console.print(table)
    for unscored in report.unscored:
        console.print(
            f"[dim]not scored: {plain(f'{unscored.stem}: {unscored.reason}')}[/]", highlight=False
        )
    console.print(f"signature: {report.signature.short()}", highlight=False, soft_wrap=True)
    console.print("[dim](every signature field: --json)[/]", highlight=False)


def _fmt(metric: str, score: object) -> str:
    value = getattr(score, "value", None)
    return "–" if value is None else _num(metric, value)


def scores_csv(report: ScoreReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["article", *report.metrics])
    for article in report.articles:
        writer.writerow([article.stem, *(_raw(article.scores.get(m)) for m in report.metrics)])
    writer.writerow(["mean", *(_raw(report.means.get(m)) for m in report.metrics)])
    return buffer.getvalue()


def _raw(score: object) -> str:
    """Every CSV number in one format: six decimals (0.000000, 0.412500, 23.170000)."""
    value = getattr(score, "value", None)
    return "" if value is None else f"{float(value):.6f}"


def print_comparison(verdict: Verdict, baseline: Path) -> None:
    from rich.table import Table

    comparison, allowed = verdict.comparison, verdict.comparable

    if comparison.signature_diffs:
        style = "yellow" if allowed else "red"
        console.print(
            f"[{style}]the baseline {plain(str(baseline))} was produced with different "
            "settings:[/]",
            highlight=False,
        )
        for diff in comparison.signature_diffs:
            console.print(f"  {plain(str(diff))}", highlight=False, soft_wrap=True)
        if not allowed:
            console.print(
                "not comparing; pass --allow-signature-change to compare anyway, or "
                "--update-baseline to accept the new settings",
                highlight=False,
            )
            return
    print_significance(comparison, "baseline", "current", verdict.alpha)
    for title, changes, colour in (
        ("Regressions", comparison.regressions, "red"),
        ("Improvements", comparison.improvements, "green"),
    ):
        if not changes:
            continue
        table = Table(title=f"[{colour}]{title}[/]")
        for name in ("article", "metric", "baseline", "current", "change", "tolerance"):
            table.add_column(name, justify="left" if name in ("article", "metric") else "right")
        for change in changes:
            table.add_row(
                plain(change.scope),
                change.metric,
                f"{change.baseline:.4f}",
                f"{change.current:.4f}",
                f"{change.delta:+.4f}",
                f"{change.threshold:.4f}",
            )
        console.print(table)
    for scope, metric in comparison.only_in_baseline:
        console.print(f"[red]no longer scored:[/] {plain(scope)} {metric}", highlight=False)
    outcome = "FAIL" if verdict.exit_code else "PASS"
    significant = ""
    if verdict.gate == "significant":
        significant = f" ({len(verdict.failures)} significant at alpha {verdict.alpha:g})"
    console.print(
        f"{outcome}: {len(comparison.regressions)} regressions{significant}, "
        f"{len(comparison.improvements)} improvements, {len(comparison.unchanged)} unchanged "
        f"against {plain(str(baseline))} (gate: {verdict.gate})",
        highlight=False,
        soft_wrap=True,
    )


def print_significance(comparison: Comparison, first: str, second: str, alpha: float) -> None:
    """Per metric: both means, the change, its 95% interval and the paired test's p-value."""
    from rich.table import Table

    from summarizer.scoring.significance import TEST_NAMES

    tests = comparison.significance.results
    means = [c for c in comparison.changes if c.scope == MEAN]
    kinds = {test.test for test in tests.values()}
    name = TEST_NAMES[kinds.pop()] if len(kinds) == 1 else "paired tests"
    table = Table(title=f"Means, {first} against {second} ({name}, 95% CI)")
    for name in ("metric", first, second, "change", "95% CI", "p-value"):
        table.add_column(name, justify="left" if name == "metric" else "right")
    for change in means:
        test = tests.get(change.metric)
        ci, p_value = "–", "–"
        if test is not None:
            ci = f"[{_num(change.metric, test.ci[0])}, {_num(change.metric, test.ci[1])}]"
            p_value = f"{test.p_value:.4f}"
            if test.significant(alpha):
                p_value = f"[bold]{p_value}[/]"
        table.add_row(
            change.metric,
            _num(change.metric, change.baseline),
            _num(change.metric, change.current),
            _num(change.metric, change.delta, signed=True),
            ci,
            p_value,
        )
    console.print(table)
    _print_left_out(comparison, first, second)
    for metric, why in comparison.significance.untested.items():
        console.print(f"[dim]not tested: {plain(f'{metric}: {why}')}[/]", highlight=False)
    few = sorted({test.articles for test in tests.values() if not test.resolvable(alpha)})
    if few:
        from summarizer.scoring.significance import min_articles

        console.print(
            f"[yellow]too few articles for a significance test:[/] {'/'.join(map(str, few))} "
            f"paired; at alpha {alpha:g} a change can be significant only from "
            f"{min_articles(alpha)} articles on, so none is called significant",
            highlight=False,
        )
    seeds = {test.seed for test in tests.values()}
    if tests:
        seed = seeds.pop() if len(seeds) == 1 else "mixed"
        first_test = next(iter(tests.values()))
        unit = "trials" if first_test.test == "ar" else "resamples"
        console.print(
            f"[dim]{first_test.samples:,} {unit}, seed {'none' if seed is None else seed} "
            f"(SACREBLEU_SEED); bold p-values are below alpha {alpha:g}[/]",
            highlight=False,
        )


def _print_left_out(comparison: Comparison, first: str, second: str) -> None:
    """Name the articles only one side scored, which the means leave out."""
    if not comparison.left_out:
        return
    parts = []
    for side, label in (("baseline", first), ("current", second)):
        stems = [stem for stem, which in comparison.left_out.items() if which == side]
        if stems:
            parts.append(f"{', '.join(stems)} (scored only in {label})")
    console.print(
        f"[yellow]means over the articles both scored;[/] left out: {plain('; '.join(parts))}",
        highlight=False,
        soft_wrap=True,
    )


def _num(metric: str, value: float, signed: bool = False) -> str:
    digits = 2 if metric in ("chrf", "bleu") else 4
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
