"""Crash-safe file writing: a temporary file in the same folder, fsynced, then renamed.

A process killed while writing (SIGKILL, power loss) leaves its hidden temporary file behind;
`remove_stale_temps` clears those. Work that builds a folder (a model conversion) runs under
`exclusive`, a lock file, so that two processes never build the same folder at once.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never a part."""
    write_lines_atomic(path, (text,))


def write_lines_atomic(path: Path, lines: Iterable[str]) -> None:
    """`write_atomic` for text that comes in parts (each written as it comes, none held)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, text: str) -> None:
    """Write a file the user named: a special file (a device such as /dev/null or /dev/stdout,
    a FIFO) is written through as it is, never replaced; a symbolic link is followed and the
    file it points to replaced atomically; any other path is written with `write_atomic`."""
    if is_special(path):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    write_atomic(Path(os.path.realpath(path)) if path.is_symlink() else path, text)


def is_special(path: Path) -> bool:
    """True for an existing path (links followed) that is neither a regular file nor a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


# write_atomic's temporary files: mkstemp's `.NAME.` + 8 random [a-z0-9_] characters + `.tmp`.
_TEMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def remove_stale_temps(folder: Path, older_than: float) -> list[Path]:
    """Delete write_atomic's temporary files in `folder` last modified before `older_than` (a
    time.time() value); other files, folders and links are left alone. Returns those removed."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not _TEMP_NAME.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            with contextlib.suppress(OSError):
                if entry.stat(follow_symlinks=False).st_mtime < older_than:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def lock_file(parent: Path, name: str) -> Path:
    """Where the lock for building `parent/NAME` lives: `parent/.locks/NAME.lock`."""
    return parent / ".locks" / f"{name}.lock"


@contextlib.contextmanager
def exclusive(lock_file: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (created if need be) across processes; `waiting`
    is called once when another process holds it and this one has to wait."""
    from filelock import FileLock, Timeout

    lock_file.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_file)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if waiting:
            waiting()
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def staging_folder(parent: Path, name: str) -> Iterator[Path]:
    """An empty hidden folder `parent/.NAME.partial` to build `parent/NAME` in, removed on the
    way out whatever happens (a staging folder left by a killed process is cleared first; call
    this under `exclusive`, so no other process is building in it)."""
    staging = parent / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(staging: Path, target: Path) -> None:
    """Put a finished folder in place of `target` (removing an older one) by renaming it."""
    if target.exists():
        shutil.rmtree(target)
    os.replace(staging, target)
