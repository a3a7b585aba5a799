"""The `summarizer` command line: a thin layer over the Python API.

One `*_commands` module per group of commands registers them on `app`; `options` holds the
options they share, `console` the one-line errors and notices, `common` the settings, cache and
input checks. Heavy libraries (torch, transformers, kiwipiepy, trafilatura) and the scoring,
report and check modules load inside commands, never at import, so `summarizer --help` answers
at once.
"""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli import (
    cache_commands,
    check_commands,
    compare_commands,
    evaluate_commands,
    glossary_commands,
    models_commands,
    pipeline_commands,
    report_commands,
    score_commands,
)

app = typer.Typer(
    name="summarizer",
    help=(
        "Translate Korean news articles into English, summarize them, cache the work and score "
        "summary quality.\n\n"
        "Start with `summarizer run seeds/` (a folder of articles → outputs/), "
        "`summarizer translate FILE` or `summarizer summarize FILE`."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"summarizer {version('summarizer')}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    pass


pipeline_commands.register(app)
report_commands.register(app)
score_commands.register(app)
compare_commands.register(app)
evaluate_commands.register(app)
models_commands.register(app)
cache_commands.register(app)
check_commands.register(app)
glossary_commands.register(app)


def main() -> None:
    app()
