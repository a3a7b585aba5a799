"""`translate`, `summarize` and `run`: the pipeline's commands."""

from __future__ import annotations

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
    write_or_print,
)
from summarizer.cli.console import errors, friendly, notice, plain
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
    RefreshOption,
    SentencesOption,
    SummarizerOption,
    ThreadsOption,
    TranslatorOption,
    WordsOption,
    folder_path,
)
from summarizer.cli.progress import run_progress
from summarizer.cli.run_summary import flagged_count, print_run_summary, shorten, warn_flagged
from summarizer.cli.targets import check_target
from summarizer.pipeline.outputs import REPORT_FILE

if TYPE_CHECKING:
    from summarizer.checks import Flag
    from summarizer.pipeline.core import ArticleResult

DEFAULT_OUT = Path("outputs")
PREVIEW_FLAGGED = 30
SHOWN_FLAGS = 10

FileArgument = Annotated[
    Path, typer.Argument(help="An article: .txt, .md or .html, any common Korean encoding.")
]


@friendly
def translate(
    file: FileArgument,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of printing.")
    ] = None,
    translator: TranslatorOption = None,
    models_dir: ModelsDirOption = None,
    backend: BackendOption = None,
    device: DeviceOption = None,
    compute_type: ComputeTypeOption = None,
    threads: ThreadsOption = None,
    beams: BeamsOption = None,
    batch_size: BatchOption = None,
    candidates: CandidatesOption = None,
    glossary: GlossaryOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Translate one Korean article into English, paragraph by paragraph.

    Site boilerplate (datelines, bylines, footers, related-article lists) is removed first.
    Example: `summarizer translate seeds/003_b1d73babfa129a0a.txt -o article.en.md`
    """
    from summarizer.pipeline.core import Pipeline

    settings = load(
        translator,
        None,
        models_dir,
        backend,
        device,
        beams,
        batch_size=batch_size,
        compute_type=compute_type,
        threads=threads,
        candidates=candidates,
        glossary=glossary,
    )
    check_input(file, settings.max_article_chars)
    if out is not None:
        out = check_target(out, "-o", caches=known_caches(cache, DEFAULT_OUT))
    specs = prepare_models(settings, ["translation"])
    with open_cache(cache, no_cache, DEFAULT_OUT) as store:
        pipeline = Pipeline(settings, store, refresh=refresh, specs=specs, notify=notice)
        result = pipeline.translate_file(file)
    _show_flags(result)
    write_or_print(result.translation, out)


@friendly
def summarize(
    file: FileArgument,
    translator: TranslatorOption = None,
    summarizer: SummarizerOption = None,
    models_dir: ModelsDirOption = None,
    backend: BackendOption = None,
    device: DeviceOption = None,
    compute_type: ComputeTypeOption = None,
    threads: ThreadsOption = None,
    sentences: SentencesOption = None,
    words: WordsOption = None,
    candidates: CandidatesOption = None,
    glossary: GlossaryOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Print a short English summary of one article (Korean is translated first).

    Example: `summarizer summarize article.txt --summarizer smollm2 --sentences 2`
    """
    from summarizer.pipeline.core import Pipeline

    settings = load(
        translator,
        summarizer,
        models_dir,
        backend,
        device,
        None,
        sentences,
        words,
        compute_type=compute_type,
        threads=threads,
        candidates=candidates,
        glossary=glossary,
    )
    check_input(file, settings.max_article_chars)
    specs = prepare_models(settings, tasks_for([file], settings.max_article_chars))
    with open_cache(cache, no_cache, DEFAULT_OUT) as store:
        pipeline = Pipeline(settings, store, refresh=refresh, specs=specs, notify=notice)
        result = pipeline.summarize_file(file)
    _show_flags(result)
    assert result.summary is not None
    write_or_print(result.summary.text, None)


@friendly
def run(
    folder: Annotated[Path, typer.Argument(help="Folder of articles (.txt, .md, .html).")],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="Results folder.", parser=folder_path, metavar="<path>"),
    ] = DEFAULT_OUT,
    translator: TranslatorOption = None,
    summarizer: SummarizerOption = None,
    models_dir: ModelsDirOption = None,
    backend: BackendOption = None,
    device: DeviceOption = None,
    compute_type: ComputeTypeOption = None,
    threads: ThreadsOption = None,
    beams: BeamsOption = None,
    sentences: SentencesOption = None,
    words: WordsOption = None,
    batch_size: BatchOption = None,
    candidates: CandidatesOption = None,
    glossary: GlossaryOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
    no_report: Annotated[
        bool, typer.Option("--no-report", help="Do not write OUT/report.html.")
    ] = False,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="Where the models run: local (this process) or ray (a Ray cluster; needs "
            "the summarizer[ray] extra).",
        ),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address",
            help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Translate and summarize every article in FOLDER into OUT/ARTICLE/.

    Each article gets `source.ko.txt` (cleaned; `source.en.txt` for English), `translation.en.md`,
    `summary.en.txt` and `result.json` (aligned sentences, removed boilerplate, models, settings,
    timings);
    `OUT/index.jsonl` lists them all and `OUT/report.html` shows them (see `summarizer report`).
    Articles stream through in small windows: each one's files appear as soon as it is done.
    Unchanged input is answered from the cache without loading a model (or starting Ray). A bad
    file is reported and skipped; the exit code is 1 if any failed.

    Example: `summarizer run seeds/ -o outputs/` or `summarizer run big/ --executor ray`
    """
    from summarizer.executors import make_executor
    from summarizer.pipeline.core import Pipeline, run_inputs

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
        runner = make_executor(executor, ray_address)
        tasks = tasks_for(run_inputs(folder, out), settings.max_article_chars)
        specs = prepare_models(settings, tasks)
        with open_cache(cache, no_cache, out) as store, run_progress() as sink:
            pipeline = Pipeline(
                settings, store, refresh=refresh, specs=specs, notify=notice, executor=runner
            )
            report = pipeline.run(folder, out, sink)
        print_run_summary(report, None if no_report else REPORT_FILE)
        warn_flagged(report.totals)
        if not no_report:
            from summarizer.cli.report_commands import save_report

            save_report(out)
    if report.failed:
        raise typer.Exit(1)


def _show_flags(result: ArticleResult) -> None:
    """One article's flags after a retry: a line per flagged sentence and for the summary (the
    first SHOWN_FLAGS lines)."""
    what = flagged_count(result.flagged_segments, int(result.summary_flagged))
    if not what:
        return
    lines = []
    if result.translated and result.document is not None:
        for position, source in enumerate(result.document.flat):
            if flags := result.flags_at(position):
                shown = shorten(source, PREVIEW_FLAGGED)
                lines.append(f"  sentence {position + 1} ({shown}): {_joined(flags)}")
    if result.summary_flags:
        lines.append(f"  summary: {_joined(result.summary_flags)}")
    errors.print(f"[yellow]warning:[/] the checks flag {what} even after a retry:", highlight=False)
    for line in lines[:SHOWN_FLAGS]:
        errors.print(plain(line), highlight=False, soft_wrap=True)
    if len(lines) > SHOWN_FLAGS:
        errors.print(f"  … and {len(lines) - SHOWN_FLAGS} more", highlight=False)


def _joined(flags: list[Flag]) -> str:
    return "; ".join(f"{flag.check}: {flag.detail}" for flag in flags)


def register(app: typer.Typer) -> None:
    app.command()(run)
    app.command()(translate)
    app.command()(summarize)
