"""`score` and `regress`: summary quality against references, and a gate on a baseline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.common import (
    check_input,
    known_caches,
    load,
    open_cache,
    outputs_folder,
    prepare_models,
    tasks_for,
)
from summarizer.cli.console import console, errors, friendly, notice, plain, print_warning
from summarizer.cli.options import (
    BackendOption,
    BatchOption,
    BeamsOption,
    CacheOption,
    CandidatesOption,
    ComputeTypeOption,
    DeviceOption,
    GlossaryOption,
    ModelsDirOption,
    NoCacheOption,
    OutputsOption,
    RefreshOption,
    SentencesOption,
    SummarizerOption,
    ThreadsOption,
    TranslatorOption,
    WordsOption,
)
from summarizer.cli.targets import check_target
from summarizer.errors import UsageError
from summarizer.scoring.significance import DEFAULT_ALPHA

if TYPE_CHECKING:
    from summarizer.scoring.report import ScoreReport

DEFAULT_OUT = Path("outputs")

ArticlesArgument = Annotated[
    Path, typer.Argument(help="Folder of articles; references are read from FOLDER/refs/.")
]
RefsOption = Annotated[
    Path | None,
    typer.Option(help="Folder of references instead of FOLDER/refs/.", show_default=False),
]
TestOption = Annotated[
    str,
    typer.Option(
        "--test",
        help="Paired test: bs (bootstrap resampling, 1,000 resamples) or ar (approximate "
        "randomization, 10,000 trials); the 95% CI is always the bootstrap's.",
    ),
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
    from summarizer.cli.score_tables import print_scores, scores_csv

    if as_json and as_csv:
        raise UsageError("--json and --csv cannot be combined; choose one")
    _check_refs(refs)
    said = _ignored_before(out)
    report = save_scores(out, folder, refs)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    elif as_csv:
        typer.echo(scores_csv(report), nl=False)
    else:
        print_scores(report)
    _warn_ignored(report, said)


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
    gate: Annotated[
        str,
        typer.Option(
            help="`tolerance`: fail on any drop beyond the tolerance; `significant`: only on a "
            "mean's drop beyond it that a paired bootstrap finds significant at --alpha."
        ),
    ] = "tolerance",
    alpha: Annotated[
        float, typer.Option(help="Significance level for `--gate significant`.")
    ] = DEFAULT_ALPHA,
    test: TestOption = "bs",
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
    beams: BeamsOption = None,
    sentences: SentencesOption = None,
    words: WordsOption = None,
    batch_size: BatchOption = None,
    candidates: CandidatesOption = None,
    glossary: GlossaryOption = None,
    threads: ThreadsOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Run the pipeline over FOLDER (cached results are reused), score it, compare with a baseline.

    Takes every setting `run` takes. Outputs in OUT made with other settings are not silently
    replaced: the command lists what differs and exits 2 (use another --out, or --refresh).
    Per metric it shows baseline, current, change, the change's 95% confidence interval and a
    paired p-value (bootstrap or, with `--test ar`, approximate randomization over articles;
    sacrebleu's own tests for chrF and BLEU; seed 12345 or `SACREBLEU_SEED`).
    Exit 0 when the gate passes, 1 with a table of the regressions otherwise (or when an
    article lost its scores), 2 on usage errors or when the baseline was produced with other
    models or metric settings. Writes OUT/scores.json and OUT/regress.json.
    Example: `summarizer regress seeds/ --baseline quality/baseline.json --gate significant`
    """
    from summarizer.cli.progress import run_progress
    from summarizer.cli.report_commands import save_report
    from summarizer.cli.score_tables import print_comparison, print_scores
    from summarizer.fileio import write_atomic
    from summarizer.pipeline.core import Pipeline
    from summarizer.report import REGRESS_FILE
    from summarizer.scoring.baseline import check_gate, judge, read_baseline, write_baseline
    from summarizer.scoring.reuse import differing_settings
    from summarizer.scoring.significance import check_test
    from summarizer.text.listing import find_articles

    check_gate(gate, alpha)
    paired_test = check_test(test)
    limits = _tolerances(tolerance, metric_tolerance or [])
    _check_refs(refs)
    old = None if update_baseline else read_baseline(baseline)
    if update_baseline:
        baseline = check_target(baseline, "--baseline", caches=known_caches(cache, out))
    settings = load(
        translator,
        summarizer,
        models_dir,
        backend,
        device,
        beams,
        sentences,
        words,
        batch_size,
        compute_type=compute_type,
        threads=threads,
        candidates=candidates,
        glossary=glossary,
    )
    check_input(folder, settings.max_article_chars, folder=True)
    with outputs_folder(out):
        differing = [] if refresh else differing_settings(out, find_articles(folder), settings)
        if differing:
            fields = "; ".join(str(diff) for diff in differing)
            raise UsageError(
                f"{out} holds outputs made with other settings ({fields}); pass another --out, "
                "or --refresh to replace them"
            )
        tasks = tasks_for(find_articles(folder), settings.max_article_chars)
        specs = prepare_models(settings, tasks)
        with open_cache(cache, no_cache, out) as store, run_progress() as sink:
            pipeline = Pipeline(settings, store, refresh=refresh, specs=specs, notify=notice)
            run_report = pipeline.run(folder, out, sink)
        for failed in (record for record in run_report.records() if record.error):
            line = plain(f"{failed.stem}: {failed.error}")
            errors.print(f"[red]failed:[/] {line}", highlight=False)
        said = _ignored_before(out)
        current = save_scores(out, folder, refs)
        if old is None:
            write_baseline(baseline, current)
            print_scores(current)
            console.print(f"wrote baseline {baseline}", highlight=False, soft_wrap=True)
            return
        _warn_ignored(current, said)
        verdict = judge(old, current, limits, allow_signature_change, gate, alpha, paired_test)
        record = {"baseline": old.to_dict(), "current": current.to_dict()}
        record["comparison"] = verdict.comparison.to_dict()
        gate_record = {"rule": gate, "alpha": alpha, "test": paired_test}
        record["gate"] = gate_record | {"exit_code": verdict.exit_code}
        write_atomic(out / REGRESS_FILE, json.dumps(record, indent=2, ensure_ascii=False))
        print_comparison(verdict, baseline)
        save_report(out)
        raise typer.Exit(verdict.exit_code)


def save_scores(out: Path, folder: Path, refs: Path | None) -> ScoreReport:
    """Score OUT against FOLDER's references and write OUT/scores.json."""
    from summarizer.fileio import write_atomic
    from summarizer.report import SCORES_FILE
    from summarizer.scoring.report import score_outputs

    report = score_outputs(out, folder, refs)
    write_atomic(out / SCORES_FILE, json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    return report


def _check_refs(refs: Path | None) -> None:
    if refs is not None and not refs.is_dir():
        raise UsageError(f"--refs {refs} is not a folder of references")


def _tolerances(default: float, overrides: list[str]) -> dict[str, float]:
    """Per-metric tolerances, checked (finite, not negative) before any work starts."""
    from summarizer.scoring.comparison import tolerances
    from summarizer.scoring.report import METRIC_KEYS

    limits = dict.fromkeys(METRIC_KEYS, default)
    for item in overrides:
        name, _, value = item.partition("=")
        try:
            limits[name.strip()] = float(value)
        except ValueError:
            raise UsageError(f"--metric-tolerance takes METRIC=NUMBER, got {item!r}") from None
    return tolerances(limits)


def _ignored_before(out: Path) -> set[str]:
    """The articles whose Korean references an earlier scoring of OUT already said it ignored."""
    from summarizer.report import SCORES_FILE

    try:
        earlier = json.loads((out / SCORES_FILE).read_text(encoding="utf-8"))
        return {str(stem) for stem in earlier["korean_refs_ignored"]}
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return set()


def _warn_ignored(report: ScoreReport, said: set[str]) -> None:
    """Korean reference summaries score only a Korean summary, which the pipeline never writes;
    said once per outputs folder (again only when more articles have them)."""
    from summarizer.wording import count

    stems = report.korean_refs_ignored
    if stems and not set(stems) <= said:
        print_warning(
            f"Korean reference summaries (.summary.ko.txt) of {count(len(stems), 'article')} "
            f"ignored ({', '.join(stems[:3])}{', …' if len(stems) > 3 else ''}): they score "
            "only a Korean summary, which the pipeline does not write; to score one, save it as "
            "OUT/<stem>/summary.ko.txt. English summaries are scored against .summary.en.txt. "
            "Said once for this outputs folder"
        )


def register(app: typer.Typer) -> None:
    app.command()(score)
    app.command()(regress)
