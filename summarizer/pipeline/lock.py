"""One run at a time in an outputs folder.

Two runs writing one outputs folder at once would each append their articles to `index.jsonl`
and replace each other's article folders. A run therefore holds an exclusive lock on
`OUT/.summarizer-run.lock` (filelock: `flock` on POSIX, which the system releases when the
process ends however it ends, so a run killed with SIGKILL leaves no lock behind) and writes its
process id to `OUT/.summarizer-run.pid` for the message another run gives. A run that finds the
lock held stops before any work with one line naming that process.

The lock is re-entrant within a process (the CLI takes it before loading models, and
`Pipeline.run` takes it again for library callers). A run that wrote nothing leaves nothing: the
lock file goes, and so does the outputs folder when the run created it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from summarizer.errors import UsageError
from summarizer.fileio import write_atomic

LOCK_FILE = ".summarizer-run.lock"
PID_FILE = ".summarizer-run.pid"

_held: dict[Path, int] = {}
"""The outputs folders this process holds, by resolved path, with how often each is taken."""


def holder(out_dir: Path) -> str:
    """The process id recorded by the run holding `out_dir`'s lock, as text ("unknown" when
    none is recorded yet)."""
    try:
        text = (out_dir / PID_FILE).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return "unknown"
    return text if text.isdigit() else "unknown"


@contextlib.contextmanager
def outputs_lock(out_dir: Path) -> Iterator[None]:
    """Hold `out_dir` (created if need be) for this run; UsageError at once when another
    process holds it."""
    key = out_dir.resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    from filelock import FileLock, Timeout

    created = _missing_folders(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(out_dir / LOCK_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        _remove_empty(created)
        raise UsageError(
            f"another summarizer run (pid {holder(out_dir)}) is writing to {out_dir}; wait for "
            "it to finish, or pass another --out"
        ) from None
    _held[key] = 1
    try:
        write_atomic(out_dir / PID_FILE, f"{os.getpid()}\n")
        yield
    finally:
        del _held[key]
        with contextlib.suppress(OSError):
            (out_dir / PID_FILE).unlink(missing_ok=True)
        try:
            if _only_the_lock(out_dir):
                with contextlib.suppress(OSError):  # Windows keeps a held file
                    (out_dir / LOCK_FILE).unlink(missing_ok=True)
        finally:
            lock.release()
            _remove_empty(created)


def _missing_folders(out_dir: Path) -> list[Path]:
    """The folders `out_dir.mkdir(parents=True)` would create, deepest first."""
    missing, folder = [], out_dir
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _only_the_lock(out_dir: Path) -> bool:
    try:
        with os.scandir(out_dir) as entries:
            return [entry.name for entry in entries] == [LOCK_FILE]
    except OSError:
        return False


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders (deepest first) that are still empty; stop at the first that is not."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return
