"""`check`: flag bad translations and summaries without a reference."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.console import errors, friendly


@friendly
def check(
    outputs: Annotated[
        Path | None,
        typer.Argument(help="Results folder written by `summarizer run`.", show_default=False),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(help="Korean segments, one per line (UTF-8).", show_default=False),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(help="Their English translations, line by line.", show_default=False),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per segment: {index, flags}.")
    ] = False,
) -> None:
    """Check translations for untranslated, copied, empty, looping, too short or long output,
    changed or invented numbers, lost Latin-script terms, names the Korean does not have and
    English that says something else (adequacy); and summaries for numbers, names and
    sentences that the article does not support.

    Give a finished run's folder (`summarizer check outputs/`) or any system's output as two
    line-aligned files (`summarizer check --source ko.txt --target en.txt`). Prints each flag
    with its reason; `--json` prints one object per line, `{"index": N, "flags": [...]}` (N
    counts from 0; a run's lines also name the "article", and its summary has "summary": true
    instead of an index). An article of the run that cannot be checked (it failed, or its
    result.json is unreadable or not of this version) is named on stderr, and in `--json` as
    `{"article": ..., "not_checked": why}`. Exit 0 when everything was checked and nothing is
    flagged, 1 when something is flagged or could not be checked, 2 on usage errors.
    """
    from summarizer.checks.runs import check_articles, check_files, tally
    from summarizer.errors import InputError, UsageError
    from summarizer.report import read_outputs
    from summarizer.wording import count

    if outputs is not None and (source or target):
        raise UsageError("give either OUTPUTS or --source and --target, not both")
    unchecked: list[tuple[str, str]] = []
    if outputs is not None:
        try:
            run = read_outputs(outputs)
        except InputError as exc:
            raise UsageError(str(exc)) from exc
        checked, unchecked = check_articles((e.stem, e.result, e.error) for e in run.entries)
    elif source and target:
        checked = check_files(source, target)
    else:
        raise UsageError("give OUTPUTS (a `summarizer run` folder) or both --source and --target")
    for item in checked:
        if as_json:
            typer.echo(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            for flag in item.flags:
                typer.echo(f"{item.place}: {flag.check}: {flag.detail}")
    for stem, why in unchecked:
        if as_json:
            typer.echo(json.dumps({"article": stem, "not_checked": why}, ensure_ascii=False))
        errors.print(f"{stem}: not checked: {why}", highlight=False, markup=False, soft_wrap=True)
    flagged = sum(1 for item in checked if item.flags)
    counts = ", ".join(f"{name} {count}" for name, count in tally(checked).most_common())
    missed = f"; {count(len(unchecked), 'article')} not checked" if unchecked else ""
    errors.print(
        f"{flagged} of {len(checked)} flagged" + (f" ({counts})" if counts else "") + missed,
        highlight=False,
        markup=False,
    )
    if flagged or unchecked:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(check)
