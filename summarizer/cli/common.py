"""Helpers the commands share: settings, the models a run needs, checks of inputs and outputs
before any work, the cache."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from summarizer.cache.location import user_cache_file
from summarizer.cli.console import errors, notice, print_warning


def load(
    translator: str | None = None,
    summarizer: str | None = None,
    models_dir: Path | None = None,
    backend: str | None = None,
    device: str | None = None,
    beams: int | None = None,
    sentences: int | None = None,
    words: int | None = None,
    batch_size: int | None = None,
    compute_type: str | None = None,
    threads: int | None = None,
    candidates: int | None = None,
    glossary: Sequence[Path] | None = None,
) -> Any:
    """Settings from files and environment, with the command line's options on top; a
    glossary is read here, so that a bad one stops the command before any work."""
    from summarizer.config import load_settings
    from summarizer.names import Glossary

    settings = load_settings().with_overrides(
        translator=translator,
        summarizer=summarizer,
        models_dir=models_dir,
        backend=backend,
        device=device,
        compute_type=compute_type,
        summary_sentences=sentences,
        summary_words=words,
        batch_size=batch_size,
        intra_threads=threads,
        candidates=candidates,
        translator_decoding={"num_beams": beams} if beams else None,
        glossary=tuple(glossary) if glossary else None,
    )
    if settings.glossary:
        Glossary.read(settings.glossary)
    return settings


def tasks_for(paths: Sequence[Path], max_chars: int) -> list[str]:
    """The models some article needs: a translator only when one of them is Korean (found by
    reading articles until the first Korean one; unreadable or overlong ones are left to the
    run)."""
    from summarizer.errors import InputError
    from summarizer.pipeline.prepare import is_korean
    from summarizer.text.articles import read_article

    for path in paths:
        try:
            if is_korean(read_article(path, max_chars).text):
                return ["translation", "summarization"]
        except InputError:
            continue
    return ["summarization"]


def prepare_models(settings: Any, tasks: list[str]) -> Any:
    """Say which models were chosen, then find them all before any work or output starts."""
    from summarizer.models.choice import announcement, model_choices, resolve_models

    line = announcement(list(model_choices(settings, tasks).values()))  # type: ignore[arg-type]
    if line:
        notice(line)
    return resolve_models(settings, tasks, notify=notice)  # type: ignore[arg-type]


@contextlib.contextmanager
def outputs_folder(out_dir: Path) -> Iterator[None]:
    """Hold the outputs folder for this run: fail before any work starts on one that cannot be
    written or that another run holds (see `summarizer.pipeline.lock`); then clear the
    temporary files a killed run left in it."""
    from summarizer.pipeline.lock import outputs_lock
    from summarizer.pipeline.outputs import check_writable, remove_leftovers

    check_writable(out_dir)
    with outputs_lock(out_dir):
        remove_leftovers(out_dir)
        yield


def check_input(path: Path, max_chars: int, *, folder: bool = False) -> None:
    """Fail on a missing, unreadable or overlong input before anything, such as the cache, is
    created; of a folder, each file that looks like an article but cannot be one is named in a
    warning."""
    from summarizer.errors import InputError, UsageError
    from summarizer.text.articles import read_article
    from summarizer.text.listing import find_articles

    if not folder:
        read_article(path, max_chars)
        return
    try:
        paths = find_articles(path, print_warning)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    if not paths:
        raise UsageError(f"no articles (.txt, .md, .html) found in {path}")


def open_cache(path: Path | None, disabled: bool, out_dir: Path, *, read_only: bool = False) -> Any:
    """The cache named on the command line, the environment's, out_dir's own from an earlier
    version, or the user's shared one (`read_only`: for commands that only look, which never
    move a damaged cache aside)."""
    from summarizer.cache.location import default_cache_path, folder_cache
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache

    if disabled:
        return NullCache()
    target = path or default_cache_path(out_dir)
    if path is None and target == folder_cache(out_dir):
        notice(
            f"cache: {target}, left in the outputs folder by an earlier version; move it to "
            f"{user_cache_file()} (if none is there yet) to share it with every outputs folder"
        )
    cache = Cache(target, read_only=read_only)
    for warning in cache.warnings:
        print_warning(warning)
    cache.on_warning = print_warning
    return cache


def known_caches(path: Path | None, out_dir: Path) -> list[Path]:
    """The caches a command could use: the one named, the default one for `out_dir` and the
    user's (a file a command writes must be none of them)."""
    from summarizer.cache.location import default_cache_path

    return [p for p in (path, default_cache_path(out_dir), user_cache_file()) if p is not None]


def write_or_print(text: str, out: Path | None) -> None:
    """`text` to stdout, or to the file `out` (checked beforehand with `check_target`)."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from summarizer.fileio import write_output

    write_output(out, text if text.endswith("\n") else text + "\n")
    errors.print(f"wrote {out}", highlight=False)
