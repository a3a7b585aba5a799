"""`glossary suggest`: the names a run dropped, as a glossary file to complete."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.console import errors, friendly

glossary_app = typer.Typer(
    help="Glossaries: Korean → English terms the translation must keep (see `--glossary`).",
    no_args_is_help=True,
)


@glossary_app.command()
@friendly
def suggest(
    outputs: Annotated[
        Path, typer.Argument(help="Results folder written by `summarizer run`.")
    ] = Path("outputs"),
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write the TSV here instead of printing it."),
    ] = None,
) -> None:
    """List the Korean names a finished run dropped (its `dropped name` flags), most often
    first, each with how often, in how many articles and one sentence, as a glossary TSV
    with a guess at each name's English: how the run wrote it where it kept it, else a
    romanization (marked). Check the guesses, then run again with `--glossary FILE`: only the
    sentences holding a term are translated again.

    Example: `summarizer glossary suggest outputs/ -o names.tsv`
    """
    from summarizer.cli.common import write_or_print
    from summarizer.errors import InputError, UsageError
    from summarizer.names.suggest import as_tsv, suggestions
    from summarizer.report import read_outputs

    try:
        run = read_outputs(outputs)
    except InputError as exc:
        raise UsageError(str(exc)) from exc
    found = suggestions((e.stem, e.result) for e in run.entries if e.result)
    errors.print(f"{len(found)} dropped name(s) in {outputs}", highlight=False, markup=False)
    if found:
        write_or_print(as_tsv(found), out)


def register(app: typer.Typer) -> None:
    app.add_typer(glossary_app, name="glossary")
