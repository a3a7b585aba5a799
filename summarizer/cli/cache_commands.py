"""`summarizer cache`: inspect, clear and export the translation memory."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from summarizer.cli.common import open_cache
from summarizer.cli.console import console, friendly
from summarizer.cli.options import CACHE_HELP, CacheOption
from summarizer.cli.pipeline_commands import DEFAULT_OUT
from summarizer.errors import CacheError, UsageError

if TYPE_CHECKING:
    from summarizer.cache.stats import CacheStats
    from summarizer.cache.store import Cache

cache_app = typer.Typer(
    help=(
        "The SQLite cache of translations, summaries and sentence splits that lets re-runs skip "
        f"finished work [env SUMMARIZER_CACHE; default {CACHE_HELP}]."
    ),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")


@cache_app.command()
@friendly
def stats(
    cache: CacheOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Entries by kind and model, size on disk and the hit rate of the last run.

    Example: `summarizer cache stats --cache elsewhere/cache.sqlite`
    """
    with _open(cache, read_only=True) as store:
        found = store.stats()
    if as_json:
        sys.stdout.write(json.dumps(stats_json(found), ensure_ascii=False, indent=2) + "\n")
    else:
        _print_stats(found)


@cache_app.command()
@friendly
def clear(
    model: Annotated[
        str | None,
        typer.Option(
            help="Only this model's entries (as `cache stats` lists it).", show_default=False
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    cache: CacheOption = None,
) -> None:
    """Delete cached entries: all of them, or one model's.

    Example: `summarizer cache clear --model Helsinki-NLP/opus-mt-tc-big-ko-en --yes`
    """
    with _open(cache) as store:
        entries = store.stats().entries
        count = sum(n for (_, name), n in entries.items() if model in (None, name))
        where = escape(str(store.path))
        if model is not None and not count:
            models = ", ".join(sorted({name for _, name in entries})) or "none"
            raise UsageError(
                f"no entries of model '{model}' in {store.path}; models in the cache: {models}"
            )
        if not count:
            console.print(f"the cache at {where} is already empty", highlight=False, soft_wrap=True)
            return
        if not yes:
            of_model = f" of model '{model}'" if model else ""
            _confirm(f"Delete {_entries(count)}{of_model} from {store.path}?", store.path)
        deleted = store.clear(model)
    console.print(f"deleted {_entries(deleted)} from {where}", highlight=False, soft_wrap=True)


@cache_app.command()
@friendly
def export(
    file: Annotated[Path, typer.Argument(help="JSON Lines file to write (replaced if present).")],
    cache: CacheOption = None,
) -> None:
    """Write every entry as one JSON line: kind, model, fingerprint, source, output, created.

    Example: `summarizer cache export memory.jsonl`
    """
    from summarizer.cli.common import known_caches
    from summarizer.cli.targets import check_target

    caches = [_path(cache), *known_caches(cache, DEFAULT_OUT)]
    file = check_target(file, "the cache export", caches=caches, unwritable=CacheError)
    with _open(cache, read_only=True) as store:
        count = store.export(file)
    console.print(
        f"exported {_entries(count)} to {escape(str(file))}", highlight=False, soft_wrap=True
    )


def stats_json(found: CacheStats) -> dict[str, Any]:
    """What `cache stats --json` prints."""
    last_run = None
    if found.last_run_at is not None:
        last_run = {
            "recorded": found.last_run_at,
            "hit_rate": found.last_run_hit_rate,
            "kinds": {
                kind: {"hits": c.hits, "misses": c.misses, "hit_rate": c.hit_rate}
                for kind, c in found.last_run.items()
            },
        }
    return {
        "path": str(found.path),
        "size_bytes": found.size_bytes,
        "total_entries": found.total_entries,
        "entries": [
            {"kind": kind, "model": model, "entries": n}
            for (kind, model), n in found.entries.items()
        ],
        "last_run": last_run,
    }


def _open(path: Path | None, read_only: bool = False) -> Cache:
    """The existing cache at PATH (or the default one); never creates an empty one, and when
    `read_only` never moves a damaged one aside."""
    target = _path(path)
    if not target.is_file():
        raise CacheError(
            f"no cache at {target}: run `summarizer run` first, or pass --cache PATH "
            "(or set SUMMARIZER_CACHE) to name another cache file"
        )
    return open_cache(target, False, DEFAULT_OUT, read_only=read_only)


def _path(path: Path | None) -> Path:
    """The cache a command works on: PATH, else the default one."""
    from summarizer.cache.location import default_cache_path

    return path or default_cache_path(DEFAULT_OUT)


def _interactive() -> bool:
    return sys.stdin.isatty()


def _confirm(question: str, path: Path | None) -> None:
    if not _interactive():
        raise UsageError(
            f"refusing to clear the cache at {path} without confirmation: input is not a "
            "terminal; pass --yes to clear it anyway"
        )
    typer.confirm(question, abort=True)


def _print_stats(found: CacheStats) -> None:
    from rich.filesize import decimal
    from rich.table import Table

    entries = Table(title=f"cache {escape(str(found.path))}")
    entries.add_column("kind")
    entries.add_column("model")
    entries.add_column("entries", justify="right")
    for (kind, model), n in found.entries.items():
        entries.add_row(kind, escape(model), str(n))
    entries.add_section()
    entries.add_row("total", "", str(found.total_entries))
    console.print(entries)
    console.print(f"size on disk: {decimal(found.size_bytes)}", highlight=False)
    if found.last_run_at is None:
        console.print("last run: none recorded yet", highlight=False)
        return
    runs = Table(title=f"last run ({found.last_run_at})")
    for column in ("kind", "hits", "misses", "hit rate"):
        runs.add_column(column, justify="left" if column == "kind" else "right")
    for kind, counts in found.last_run.items():
        runs.add_row(kind, str(counts.hits), str(counts.misses), _percent(counts.hit_rate))
    runs.add_section()
    hits = sum(c.hits for c in found.last_run.values())
    misses = sum(c.misses for c in found.last_run.values())
    runs.add_row("total", str(hits), str(misses), _percent(found.last_run_hit_rate))
    console.print(runs)


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.1%}"
