"""Progress for long work: rich bars on a terminal, plain lines in logs (CI, `| tee`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from summarizer.cli.console import errors, plain
from summarizer.wording import count

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from summarizer.pipeline.core import ArticleRecord


ESTIMATE_AFTER = 3
"""Finished articles before the time left is estimated."""


class RichProgress:
    """Shows the pipeline's stages as rich progress bars."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def stage(self, name: str, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=self.progress.tasks[-1].total)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, amount)

    def article(self, record: ArticleRecord) -> None:
        self.advance(1)


class LineProgress:
    """One plain line per finished article, for output that is not a terminal (CI, `| tee`)."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0
        self.began = time.perf_counter()

    def stage(self, name: str, total: int) -> None:
        self.total, self.done, self.began = total, 0, time.perf_counter()

    def advance(self, amount: int = 1) -> None:
        self.done += amount

    def article(self, record: ArticleRecord) -> None:
        self.advance(1)
        spent = time.perf_counter() - self.began
        what = (
            f"{count(record.sentences, 'sentence')} in {record.seconds:.2f} s"
            if record.ok
            else f"failed: {record.error}"
        )
        eta = eta_text(spent, self.done, self.total)
        errors.print(
            f"[{self.done}/{self.total}] {plain(record.stem)}: {plain(what)} ({eta})",
            highlight=False,
        )


def eta_text(spent: float, done: int, total: int) -> str:
    """`eta 95 s`, or `eta estimating` until ESTIMATE_AFTER articles are done: the first ones
    carry the models' loading and a small first window, and say little about the rest."""
    if done >= total:
        return "eta 0 s"
    if done < ESTIMATE_AFTER:
        return "eta estimating"
    return f"eta {spent / done * (total - done):.0f} s"


@contextmanager
def run_progress() -> Iterator[RichProgress | LineProgress]:
    """Progress bars on a terminal, else a plain line per finished article."""
    if not errors.is_terminal:
        yield LineProgress()
        return
    with progress_bar() as bar:
        yield RichProgress(bar)


def progress_bar() -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class TimeLeft(TimeRemainingColumn):
        """Rich's time left, `estimating` until ESTIMATE_AFTER are done."""

        def render(self, task: Task) -> Text:
            if task.completed < ESTIMATE_AFTER and not task.finished:
                return Text("estimating", style="progress.remaining")
            return super().render(task)

    return Progress(
        TextColumn("{task.description:<12}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeLeft(),
        console=errors,
        transient=False,
    )


class CountLines:
    """A plain line at each tenth of a long count (eval-mt's lines), for output that is not a
    terminal."""

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.stage("", 0)

    def stage(self, name: str, total: int) -> None:
        self.name, self.total, self.done, self.tenths = name, total, 0, 0
        self.began = time.perf_counter()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        tenths = self.done * 10 // self.total if self.total else 0
        if tenths <= self.tenths:
            return
        self.tenths = tenths
        left = (time.perf_counter() - self.began) / self.done * (self.total - self.done)
        errors.print(
            f"{self.name}: {self.done}/{self.total} {self.unit} (eta {left:.0f} s)",
            highlight=False,
        )


@contextmanager
def count_progress(unit: str) -> Iterator[RichProgress | CountLines]:
    """A progress bar on a terminal, else a plain line at each tenth of the count."""
    if not errors.is_terminal:
        yield CountLines(unit)
        return
    with progress_bar() as bar:
        yield RichProgress(bar)
