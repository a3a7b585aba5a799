"""`report`: one self-contained HTML page about an outputs folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.console import console, friendly, plain, print_warning

DEFAULT_OUT = Path("outputs")


def save_report(folder: Path, dest: Path | None = None) -> Path:
    """Write the report of `folder` (default FOLDER/report.html), print its path and warnings."""
    from summarizer.errors import UsageError
    from summarizer.fileio import is_special, write_output
    from summarizer.report import REPORT_FILE, read_outputs, render
    from summarizer.report.data import count_entries
    from summarizer.report.paged import PAGE_ARTICLES, remove_pages, write_paged

    path = dest or folder / REPORT_FILE
    total = count_entries(folder)
    if total > PAGE_ARTICLES and is_special(path):
        raise UsageError(
            f"a report of {total} articles is a page per {PAGE_ARTICLES} articles beside an "
            f"overview; {path} is not a file to put them beside: name a file"
        )
    try:
        if total > PAGE_ARTICLES:
            notes = write_paged(folder, path, total)
        else:
            outputs = read_outputs(folder)
            write_output(path, render(outputs))
            remove_pages(path)
            notes = outputs.notes
    except OSError as exc:
        raise UsageError(f"cannot write the report to {path}: {exc.strerror}") from exc
    for note in notes:
        print_warning(note)
    console.print(f"report: {plain(str(path))}", highlight=False, soft_wrap=True)
    return path


@friendly
def report(
    outputs: Annotated[
        Path, typer.Argument(help="Results folder written by `summarizer run`.")
    ] = DEFAULT_OUT,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Write the page here [default OUTPUTS/report.html].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write one HTML page about a run: open it from disk, it fetches nothing.

    It shows an index of the articles (sortable, filterable by title and score), charts of
    time per article and of ROUGE against the baseline (after `summarizer regress`), and per
    article the Korean sentences beside their translations, the summary, scores (after
    `summarizer score`), removed boilerplate, models and settings, timings and cache hits.
    `summarizer run` writes it too, unless given `--no-report`.
    Example: `summarizer report outputs/ -o report.html`
    """
    from summarizer.cli.common import known_caches
    from summarizer.cli.targets import check_target
    from summarizer.report import REPORT_FILE

    if out is not None:
        caches = known_caches(None, outputs)
        out = check_target(out, "-o", caches=caches, allowed=outputs / REPORT_FILE)
    save_report(outputs, out)


def register(app: typer.Typer) -> None:
    app.command()(report)
