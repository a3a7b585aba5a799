"""`score` and `regress`: summary quality against references, and a gate on a baseline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.common import (
    BackendOption,
    CacheOption,
    ComputeTypeOption,
    DeviceOption,
    ModelsDirOption,
    NoCacheOption,
    RefreshOption,
    SummarizerOption,
    ThreadsOption,
    TranslatorOption,
    check_input,
    check_output,
    console,
    errors,
    friendly,
    load,
    open_cache,
    plain,
    print_warning,
)

if TYPE_CHECKING:
    from summarizer.scoring import Comparison, ScoreReport

DEFAULT_OUT = Path("outputs")

ArticlesArgument = Annotated[
    Path, typer.Argument(help="Folder of articles; references are read from FOLDER/refs/.")
]
OutputsOption = Annotated[
    Path, typer.Option("--out", "-o", help="Results folder written by `summarizer run`.")
]
RefsOption = Annotated[
    Path | None,
    typer.Option(help="Folder of references instead of FOLDER/refs/.", show_default=False),
]


@friendly
def score(
    folder: ArticlesArgument,
    out: OutputsOption = DEFAULT_OUT,
    refs: RefsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """Score the summaries (ROUGE) and translations (chrF, BLEU) in OUT against references.

    References follow a convention: for `FOLDER/<stem>.txt`, reference summaries are
    `FOLDER/refs/<stem>.summary.en.txt` (more as `.summary.en.1.txt`, `.2`, …; the best one
    counts) and a reference translation is `FOLDER/refs/<stem>.translation.en.txt`. The table
    shows F1; `--json` adds precision, recall and the full signature. Also writes
    OUT/scores.json. Example: `summarizer run seeds/ && summarizer score seeds/`
    """
    from summarizer.errors import UsageError
    from summarizer.fileio import write_atomic
    from summarizer.report import SCORES_FILE
    from summarizer.scoring import score_outputs

    if as_json and as_csv:
        raise UsageError("--json and --csv cannot be combined; choose one")
    _check_refs(refs)
    report = score_outputs(out, folder, refs)
    write_atomic(out / SCORES_FILE, json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
        _warn_ignored(report)
    elif as_csv:
        typer.echo(_csv(report), nl=False)
        _warn_ignored(report)
    else:
        _print_scores(report)


@friendly
def regress(
    folder: ArticlesArgument,
    baseline: Annotated[
        Path, typer.Option("--baseline", "-b", help="Baseline scores (JSON) to compare with.")
    ],
    out: OutputsOption = DEFAULT_OUT,
    refs: RefsOption = None,
    tolerance: Annotated[
        float,
        typer.Option(
            help="Largest allowed drop, absolute on a 0-1 scale (chrF/BLEU: ×100).", min=0
        ),
    ] = 0.02,
    metric_tolerance: Annotated[
        list[str] | None,
        typer.Option(
            "--metric-tolerance",
            help="Per-metric tolerance, e.g. `--metric-tolerance rouge2=0.05` (repeatable).",
            show_default=False,
        ),
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Write the current scores as the baseline.")
    ] = False,
    allow_signature_change: Annotated[
        bool,
        typer.Option(
            "--allow-signature-change",
            help="Compare even though models or metric settings differ from the baseline's.",
        ),
    ] = False,
    translator: TranslatorOption = None,
    summarizer: SummarizerOption = None,
    models_dir: ModelsDirOption = None,
    backend: BackendOption = None,
    device: DeviceOption = None,
    compute_type: ComputeTypeOption = None,
    threads: ThreadsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Run the pipeline over FOLDER (cached results are reused), score it, compare with a baseline.

    Exit 0 when no metric dropped more than the tolerance (per article and for the mean),
    1 with a table of the regressions otherwise (or when an article lost its scores), 2 on
    usage errors or when the baseline was produced with other models or metric settings.
    Example: `summarizer regress seeds/ --baseline quality/baseline.json`
    """
    from summarizer.cli.pipeline_commands import RichProgress, progress_bar
    from summarizer.cli.report_commands import save_report
    from summarizer.fileio import write_atomic
    from summarizer.pipeline import Pipeline
    from summarizer.report import REGRESS_FILE
    from summarizer.scoring import score_outputs
    from summarizer.scoring.baseline import judge, read_baseline, write_baseline

    limits = _tolerances(tolerance, metric_tolerance or [])
    _check_refs(refs)
    old = None if update_baseline else read_baseline(baseline)
    settings = load(
        translator,
        summarizer,
        models_dir,
        backend,
        device,
        compute_type=compute_type,
        threads=threads,
    )
    check_input(folder, folder=True)
    check_output(out)
    with open_cache(cache, no_cache, out) as store, progress_bar() as bar:
        run_report = Pipeline(settings, store, refresh=refresh).run(folder, out, RichProgress(bar))
    for failed in run_report.failed:
        errors.print(f"[red]failed:[/] {plain(f'{failed.stem}: {failed.error}')}", highlight=False)
    current = score_outputs(out, folder, refs)
    if old is None:
        write_baseline(baseline, current)
        _print_scores(current)
        console.print(f"wrote baseline {baseline}", highlight=False)
        return
    _warn_ignored(current)
    verdict = judge(old, current, limits, allow_signature_change)
    record = {"baseline": old.to_dict(), "current": current.to_dict()}
    record["comparison"] = verdict.comparison.to_dict()
    write_atomic(out / REGRESS_FILE, json.dumps(record, indent=2, ensure_ascii=False))
    _print_comparison(verdict.comparison, baseline, allowed=verdict.comparable)
    save_report(out)
    raise typer.Exit(verdict.exit_code)


def _check_refs(refs: Path | None) -> None:
    from summarizer.errors import UsageError

    if refs is not None and not refs.is_dir():
        raise UsageError(f"--refs {refs} is not a folder of references")


def _tolerances(default: float, overrides: list[str]) -> dict[str, float]:
    """Per-metric tolerances, checked (finite, not negative) before any work starts."""
    from summarizer.errors import UsageError
    from summarizer.scoring import METRIC_KEYS
    from summarizer.scoring.compare import tolerances

    limits = dict.fromkeys(METRIC_KEYS, default)
    for item in overrides:
        name, _, value = item.partition("=")
        try:
            limits[name.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--metric-tolerance takes METRIC=NUMBER, got {item!r}") from None
    return tolerances(limits)


def _print_scores(report: ScoreReport) -> None:
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
    _warn_ignored(report)


def _warn_ignored(report: ScoreReport) -> None:
    """Korean reference summaries score only a Korean summary, which the pipeline never writes."""
    from summarizer.wording import count

    stems = report.korean_refs_ignored
    if stems:
        print_warning(
            f"Korean reference summaries (.summary.ko.txt) of {count(len(stems), 'article')} "
            f"ignored ({', '.join(stems[:3])}{', …' if len(stems) > 3 else ''}): they score "
            "only a Korean summary saved as OUT/<stem>/summary.ko.txt; the pipeline writes "
            "English summaries, scored against .summary.en.txt"
        )


def _fmt(metric: str, score: object) -> str:
    value = getattr(score, "value", None)
    if value is None:
        return "–"
    return f"{value:.2f}" if metric in ("chrf", "bleu") else f"{value:.4f}"


def _csv(report: ScoreReport) -> str:
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


def _print_comparison(comparison: Comparison, baseline: Path, allowed: bool) -> None:
    from rich.table import Table

    if comparison.signature_diffs:
        style = "yellow" if allowed else "red"
        console.print(
            f"[{style}]the baseline {baseline} was produced with different settings:[/]",
            highlight=False,
        )
        for diff in comparison.signature_diffs:
            console.print(f"  {diff}", highlight=False)
        if not allowed:
            console.print(
                "not comparing; pass --allow-signature-change to compare anyway, or "
                "--update-baseline to accept the new settings",
                highlight=False,
            )
            return
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
    verdict = "FAIL" if comparison.regressions or comparison.only_in_baseline else "PASS"
    console.print(
        f"{verdict}: {len(comparison.regressions)} regressions, "
        f"{len(comparison.improvements)} improvements, {len(comparison.unchanged)} unchanged "
        f"against {baseline}",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.command()(score)
    app.command()(regress)
