"""What the commands print besides their results: one-line errors, notices and warnings on
stderr (never a traceback), Ctrl-C and SIGTERM as an interruption that loses nothing saved."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console

from summarizer.errors import SummarizerError, Terminated

P = ParamSpec("P")
R = TypeVar("R")

console = Console()
errors = Console(stderr=True)


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
    one line on stderr like any notice, on a terminal and in a log; its warnings (a line of
    index.jsonl left out, …) as warnings, each once per command however often it is met."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.warned: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno < logging.WARNING:
            notice(message)
        elif message not in self.warned:
            self.warned.add(message)
            print_warning(message)


def show_progress_notes() -> None:
    """Print the library's notes and warnings, as from now (a command starts)."""
    library = logging.getLogger("summarizer")
    for handler in library.handlers:
        if isinstance(handler, _Notes):
            handler.warned.clear()
            return
    library.addHandler(_Notes())
    library.setLevel(logging.INFO)


def plain(text: str) -> str:
    """`text` safe to print: Rich markup escaped, control characters shown as escapes."""
    from rich.markup import escape

    return escape("".join(c if c.isprintable() else ascii(c)[1:-1] for c in text))


def notice(message: str) -> None:
    """A one-line note on stderr (never markup: model names and paths are printed as they are)."""
    from rich.markup import escape

    errors.print(f"[dim]{escape(message)}[/]", highlight=False, soft_wrap=True)


def print_warning(message: str) -> None:
    errors.print(f"[yellow]warning:[/] {plain(message)}", highlight=False, soft_wrap=True)
