"""`translate`, `summarize` and `run`: the pipeline's commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.common import (
    BackendOption,
    BatchOption,
    BeamsOption,
    CacheOption,
    ComputeTypeOption,
    DeviceOption,
    ModelsDirOption,
    NoCacheOption,
    RefreshOption,
    SentencesOption,
    SummarizerOption,
    ThreadsOption,
    TranslatorOption,
    WordsOption,
    check_input,
    check_output,
    console,
    errors,
    friendly,
    load,
    notice,
    open_cache,
    plain,
    prepare_models,
    tasks_for,
    write_or_print,
)
from summarizer.cli.progress import run_progress

if TYPE_CHECKING:
    from summarizer.checks import Flag
    from summarizer.pipeline import ArticleRecord, ArticleResult, RunReport

DEFAULT_OUT = Path("outputs")
PREVIEW_CHARS = 70
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
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Translate one Korean article into English, paragraph by paragraph.

    Site boilerplate (datelines, bylines, footers, related-article lists) is removed first.
    Example: `summarizer translate seeds/003_b1d73babfa129a0a.txt -o article.en.md`
    """
    from summarizer.pipeline import Pipeline

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
    )
    check_input(file, settings.max_article_chars)
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
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Print a short English summary of one article (Korean is translated first).

    Example: `summarizer summarize article.txt --summarizer smollm2 --sentences 2`
    """
    from summarizer.pipeline import Pipeline

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
    out: Annotated[Path, typer.Option("--out", "-o", help="Results folder.")] = DEFAULT_OUT,
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
    from summarizer.pipeline import Pipeline, run_inputs

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
    )
    check_input(folder, settings.max_article_chars, folder=True)
    check_output(out)
    runner = make_executor(executor, ray_address)
    specs = prepare_models(settings, tasks_for(run_inputs(folder, out), settings.max_article_chars))
    with open_cache(cache, no_cache, out) as store, run_progress() as sink:
        pipeline = Pipeline(
            settings, store, refresh=refresh, specs=specs, notify=notice, executor=runner
        )
        report = pipeline.run(folder, out, sink)
    _print_report(report)
    _warn_flagged(report.results)
    if not no_report:
        from summarizer.cli.report_commands import save_report

        save_report(out)
    if report.failed:
        raise typer.Exit(1)


def _warn_flagged(results: list[ArticleResult] | list[ArticleRecord]) -> None:
    """Say how many translated sentences and summaries the checks still flag."""
    what = _flagged_count(results)
    if what:
        errors.print(
            f"[yellow]warning:[/] the checks flag {what} even after a retry (numbers or names "
            "that do not match the source, untranslated or repeated text, off-topic "
            "summaries); result.json and the report list each flag",
            highlight=False,
        )


def _show_flags(result: ArticleResult) -> None:
    """One article's flags after a retry: a line per flagged sentence and for the summary (the
    first SHOWN_FLAGS lines)."""
    what = _flagged_count([result])
    if not what:
        return
    lines = []
    if result.translated and result.document is not None:
        for position, source in enumerate(result.document.flat):
            if flags := result.flags_at(position):
                shown = _shorten(source, PREVIEW_FLAGGED)
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


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flagged_count(results: list[ArticleResult] | list[ArticleRecord]) -> str:
    """Like "3 translated sentences and 1 summary"; empty when nothing is flagged."""
    from summarizer.wording import count

    sentences = sum(r.flagged_segments for r in results)
    summaries = sum(1 for r in results if r.summary_flagged)
    parts = (
        count(sentences, "translated sentence") if sentences else "",
        count(summaries, "summary", "summaries") if summaries else "",
    )
    return " and ".join(part for part in parts if part)


def _print_report(report: RunReport) -> None:
    """A table on a terminal; in a log (CI, `| tee`, a file) one line per article, since a
    table squeezed into 80 columns wraps each summary over many lines."""
    if console.is_terminal:
        _print_table(report)
    else:
        for record in report.results:
            console.print(_article_line(record), highlight=False, soft_wrap=True)
    done = len(report.results) - len(report.failed)
    console.print(
        f"{done} done, {len(report.failed)} failed in {report.seconds:.1f} s "
        f"(cached: sentences translated earlier / total, +S = summary from cache; "
        f"flags: sentences flagged, +S = summary flagged, see `summarizer check`)",
        highlight=False,
    )


def _article_line(record: ArticleRecord) -> str:
    """`stem: 14 sentences, 3210 characters, 0.81 s, cached 12/14 +S, flags – | summary…`"""
    if not record.ok:
        return f"{plain(record.stem)}: [red]failed: {plain(record.error or 'not finished')}[/]"
    return (
        f"{plain(record.stem)}: {record.sentences} sentences, {record.characters} characters, "
        f"{record.seconds:.2f} s, cached {_cached_cell(record)}, flags {_flags_cell(record)} | "
        + plain(_shorten(record.summary, PREVIEW_CHARS))
    )


def _cached_cell(record: ArticleRecord) -> str:
    cached = f"{record.translation_hits}/{record.sentences}" if record.translated else "–"
    return cached + (" +S" if record.summary_cached else "")


def _print_table(report: RunReport) -> None:
    from rich.table import Table

    table = Table(title=f"{len(report.results)} articles → {plain(str(report.out_dir))}/")
    for name, justify in (
        ("article", "left"),
        ("sentences", "right"),
        ("characters", "right"),
        ("seconds", "right"),
        ("cached", "right"),
        ("flags", "right"),
        ("summary", "left"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for record in report.results:
        if not record.ok:
            error = plain(record.error or "not finished")
            table.add_row(plain(record.stem), "", "", "", "", "", f"[red]failed: {error}[/]")
            continue
        table.add_row(
            plain(record.stem),
            str(record.sentences),
            str(record.characters),
            f"{record.seconds:.2f}",
            _cached_cell(record),
            _flags_cell(record),
            plain(_shorten(record.summary, PREVIEW_CHARS)),
        )
    console.print(table)


def _flags_cell(record: ArticleRecord) -> str:
    if not record.flagged_segments and not record.summary_flagged:
        return "–"
    return f"[yellow]{record.flagged_segments}{' +S' if record.summary_flagged else ''}[/]"


def register(app: typer.Typer) -> None:
    app.command()(run)
    app.command()(translate)
    app.command()(summarize)
