"""Options and helpers shared by the commands: settings, cache, errors, console."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console

from summarizer.cache.location import shown_path, user_cache_file
from summarizer.errors import SummarizerError, Terminated

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
errors = Console(stderr=True)

TranslatorOption = Annotated[
    str | None,
    typer.Option(
        "--translator",
        "-t",
        help="Translation model: preset name (see `summarizer models list`), Hugging Face id or "
        "local folder [env SUMMARIZER_TRANSLATOR; default: the strongest translation preset in "
        "the models folder, else the embedded gemma3-270m].",
        show_default=False,
    ),
]
SummarizerOption = Annotated[
    str | None,
    typer.Option(
        "--summarizer",
        "-s",
        help="Summarization model: preset name (e.g. smollm2), Hugging Face id or local folder "
        "[env SUMMARIZER_SUMMARIZER; default: the strongest summarization preset in the models "
        "folder, else the embedded smollm2].",
        show_default=False,
    ),
]
ModelsDirOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder of local models [env SUMMARIZER_MODELS_DIR; default models/].",
        show_default=False,
    ),
]
BackendOption = Annotated[
    str | None,
    typer.Option(
        help="Inference backend: auto, hf (transformers) or ct2 (CTranslate2).", show_default=False
    ),
]
DeviceOption = Annotated[
    str | None, typer.Option(help="Device: auto, cpu or cuda.", show_default=False)
]
ComputeTypeOption = Annotated[
    str | None,
    typer.Option(
        help="CTranslate2 weights and arithmetic: int8, int8_float16, float16, float32, … "
        "[env SUMMARIZER_COMPUTE_TYPE; default auto: int8 on CPU, int8_float16 on CUDA].",
        show_default=False,
    ),
]
BeamsOption = Annotated[
    int | None,
    typer.Option(
        help="Beam size for translation (default: the model's own setting).",
        show_default=False,
        min=1,
    ),
]
SentencesOption = Annotated[
    int | None,
    typer.Option(
        help="Summary length: at most this many sentences [default 3].", show_default=False, min=1
    ),
]
WordsOption = Annotated[
    int | None,
    typer.Option(
        help="Summary length: about this many words at most [default 80].",
        show_default=False,
        min=1,
    ),
]
BatchOption = Annotated[
    int | None,
    typer.Option(
        help="Sentences per translation batch [default 32 with hf, 128 with ct2].",
        show_default=False,
        min=1,
    ),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option(
        "--threads",
        help="CPU threads per model (torch, and CTranslate2's intra_threads) [env "
        "SUMMARIZER_THREADS; default: all cores].",
        show_default=False,
        min=1,
    ),
]
CACHE_HELP = (
    f"one per user, shared by all runs: {shown_path(user_cache_file())} (an outputs folder "
    "holding a cache.sqlite of an earlier version keeps using it)"
)
CacheOption = Annotated[
    Path | None,
    typer.Option(
        help=f"Cache database [env SUMMARIZER_CACHE; default {CACHE_HELP}].",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
]
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Recompute everything and overwrite cached results.")
]


def friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Report SummarizerError as one line on stderr with its exit code, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with reported_errors():
            return command(*args, **kwargs)
        raise AssertionError("unreachable")

    return wrapper


@contextmanager
def reported_errors() -> Iterator[None]:
    show_progress_notes()
    try:
        with _sigterm_as_interrupt():
            yield
    except SummarizerError as exc:
        errors.print(f"[bold red]error:[/] {plain(str(exc))}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        errors.print(
            f"[bold red]error:[/] {plain(str(exc.strerror or exc) + where)}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(1) from None
    except KeyboardInterrupt as exc:
        errors.print(
            "[yellow]interrupted:[/] finished work is saved; run the same command again to "
            "resume from the cache",
            highlight=False,
        )
        code = getattr(exc, "exit_code", 130)
        _exit_now_if_a_model_call_runs(code)
        raise typer.Exit(code) from None


def _exit_now_if_a_model_call_runs(code: int) -> None:
    """An interrupted generate call still runs in its thread, in C++ code that cannot be
    stopped: exit at once (the cache and the outputs are closed by now) rather than wait for it
    or tear the interpreter down under it."""
    import os

    from summarizer.engines.interruptible import busy

    if busy():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """While a command runs, SIGTERM raises Terminated (a KeyboardInterrupt) like Ctrl-C."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Notes(logging.Handler):
    """The library's progress notes (loading or converting a model, the first window), each
    one line on stderr like any notice, on a terminal and in a log."""

    def emit(self, record: logging.LogRecord) -> None:
        notice(record.getMessage())


def show_progress_notes() -> None:
    library = logging.getLogger("summarizer")
    if not any(isinstance(handler, _Notes) for handler in library.handlers):
        library.addHandler(_Notes(logging.INFO))
        library.setLevel(logging.INFO)


def plain(text: str) -> str:
    """`text` safe to print: Rich markup escaped, control characters shown as escapes."""
    from rich.markup import escape

    return escape("".join(c if c.isprintable() else ascii(c)[1:-1] for c in text))


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
) -> Any:
    """Settings from files and environment, with the command line's options on top."""
    from summarizer.config import load_settings

    return load_settings().with_overrides(
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
        translator_decoding={"num_beams": beams} if beams else None,
    )


def notice(message: str) -> None:
    """A one-line note on stderr (never markup: model names and paths are printed as they are)."""
    from rich.markup import escape

    errors.print(f"[dim]{escape(message)}[/]", highlight=False, soft_wrap=True)


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


def check_output(out_dir: Path) -> None:
    """Fail on an outputs folder that cannot be written before any work starts; clear the
    temporary files a killed run left in it."""
    from summarizer.pipeline.outputs import check_writable, remove_leftovers

    check_writable(out_dir)
    remove_leftovers(out_dir)


def check_input(path: Path, max_chars: int, *, folder: bool = False) -> None:
    """Fail on a missing, unreadable or overlong input before anything, such as the cache, is
    created."""
    from summarizer.errors import InputError, UsageError
    from summarizer.text.articles import find_articles, read_article

    if not folder:
        read_article(path, max_chars)
        return
    try:
        paths = find_articles(path)
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


def print_warning(message: str) -> None:
    errors.print(f"[yellow]warning:[/] {plain(message)}", highlight=False, soft_wrap=True)


def write_or_print(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from summarizer.fileio import write_atomic

    write_atomic(out, text if text.endswith("\n") else text + "\n")
    errors.print(f"wrote {out}", highlight=False)
