"""`compare`: two finished runs on the same articles, side by side, with significance."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.common import known_caches
from summarizer.cli.console import console, errors, friendly, plain
from summarizer.cli.score_commands import TestOption
from summarizer.cli.targets import check_target
from summarizer.scoring.significance import DEFAULT_ALPHA

if TYPE_CHECKING:
    from summarizer.scoring.runs import RunComparison

RunArgument = Annotated[Path, typer.Argument(help="Results folder written by `summarizer run`.")]


@friendly
def compare(
    out_a: RunArgument,
    out_b: RunArgument,
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="Folder of articles, with references in FOLDER/refs/ [default: where run A's "
            "articles came from].",
            show_default=False,
        ),
    ] = None,
    refs: Annotated[
        Path | None,
        typer.Option(help="Folder of references instead of FOLDER/refs/.", show_default=False),
    ] = None,
    alpha: Annotated[float, typer.Option(help="Significance level.")] = DEFAULT_ALPHA,
    test: TestOption = "bs",
    html: Annotated[
        Path | None,
        typer.Option(
            help="Also write a self-contained comparison page here: both summaries of every "
            "article side by side, with the tables.",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Compare two runs (two models, two settings) on the same articles: B against A.

    Per metric: both values, the change (B - A), its 95% confidence interval and a paired
    p-value (bootstrap, or approximate randomization with `--test ar`; seed 12345 or
    `SACREBLEU_SEED`); per article the run that wins on more metrics; both signatures and the
    fields that differ. `--json` prints one object whose `metrics` each carry `delta`, `ci`
    (two numbers) and `p_value`; `--html` writes a page with the summaries side by side.
    Example: `summarizer compare out-lead3/ out-smollm2/ english/ --html compare.html`
    """
    from summarizer.scoring.baseline import check_gate
    from summarizer.scoring.runs import compare_runs
    from summarizer.scoring.significance import check_test

    check_gate("tolerance", alpha)
    if html is not None:
        html = check_target(html, "--html", caches=known_caches(None, out_a))
    result = compare_runs(out_a, out_b, folder, refs, check_test(test))
    if html is not None:
        save_comparison_page(result, alpha, html)
    if as_json:
        typer.echo(json.dumps(result.to_dict(alpha), indent=2, ensure_ascii=False))
    else:
        _print(result, alpha)


def _print(result: RunComparison, alpha: float) -> None:
    from rich.table import Table

    from summarizer.cli.score_tables import print_significance

    sides = (("A", result.out_a, result.report_a), ("B", result.out_b, result.report_b))
    for side, out, report in sides:
        signature = "\n  ".join(plain(line) for line in report.signature.format().split("\n"))
        console.print(
            f"[bold]{side}[/] {plain(str(out))}\n  {signature}",
            highlight=False,
            soft_wrap=True,
        )
    diffs = result.comparison.signature_diffs
    console.print(f"differs ({len(diffs)}):" if diffs else "same signature", highlight=False)
    for diff in diffs:
        console.print(f"  {plain(str(diff))}", highlight=False, soft_wrap=True)
    print_significance(result.comparison, "A", "B", alpha)
    winners = result.winners()
    metrics = [c.metric for c in result.comparison.changes if c.scope == "(mean)"]
    table = Table(title="Per article: change B - A, and the run better on more metrics")
    table.add_column("article")
    for metric in metrics:
        table.add_column(metric, justify="right")
    table.add_column("wins")
    deltas = {(c.scope, c.metric): c.delta for c in result.comparison.changes}
    for stem, winner in winners.items():
        cells = [deltas.get((stem, m)) for m in metrics]
        table.add_row(plain(stem), *("–" if d is None else f"{d:+.4f}" for d in cells), winner)
    console.print(table)
    counts = {side: sum(1 for w in winners.values() if w == side) for side in ("A", "B", "tie")}
    console.print(
        f"A wins {counts['A']}, B wins {counts['B']}, ties {counts['tie']} "
        f"of {len(winners)} articles",
        highlight=False,
    )


def save_comparison_page(result: RunComparison, alpha: float, path: Path) -> None:
    """Write the comparison page and say where, on stderr (stdout may carry JSON)."""
    from summarizer.errors import UsageError
    from summarizer.fileio import write_output
    from summarizer.report.comparison import render_comparison

    try:
        write_output(path, render_comparison(result, alpha))
    except OSError as exc:
        raise UsageError(f"cannot write the comparison page to {path}: {exc.strerror}") from exc
    errors.print(f"comparison page: {plain(str(path))}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command()(compare)
