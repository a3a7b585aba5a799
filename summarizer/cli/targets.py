"""Files a command is asked to write (`-o`, `--html`, `--hypotheses`, `cache export FILE`),
checked before any work starts.

- A folder, or a path under a file, is refused.
- A special file (a device such as `/dev/null`, `/dev/stdout`, a FIFO) is written through, as
  the shell's `>` does; it is never replaced by a regular file.
- A symbolic link is followed: the file it points to is written (replaced atomically) and the
  link stays. What the link points to is checked like any path.
- The tool's own files are refused: the cache (and its `-wal`/`-shm` files), any SQLite
  database, and an outputs folder's run files (`index.jsonl`, `report.html`, `scores.json`,
  `regress.json`, the `report-pages/` files) and article files (`result.json`, …). `allowed` is
  the one the command owns itself (the report of the folder `report` is writing).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import SummarizerError, UsageError

_SIDECARS = ("-wal", "-shm", "-journal")
_SQLITE_MAGIC = b"SQLite format 3\x00"


def check_target(
    path: Path,
    option: str,
    *,
    caches: Iterable[Path | None] = (),
    allowed: Path | None = None,
    unwritable: type[SummarizerError] = UsageError,
) -> Path:
    """The path to write for the file named by `option` (a link's target), or UsageError
    (`unwritable` when the place cannot be written)."""
    if not str(path):
        raise UsageError(f"{option} is empty; name a file to write")
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    except OSError as exc:
        raise unwritable(f"cannot write {option} {path}: {exc.strerror or exc}") from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"{option} {path} is a folder; name a file to write")
    if mode is not None and not stat.S_ISREG(mode):
        return path  # a device or FIFO: written through
    target = Path(os.path.realpath(path))
    if allowed is None or target != Path(os.path.realpath(allowed)):
        why = _owned(target, [Path(os.path.realpath(c)) for c in caches if c is not None])
        if why:
            raise UsageError(f"refusing to write {option} {path}: {why}; name another file")
    _check_folder(target, option, path, unwritable)
    return target


def _owned(target: Path, caches: list[Path]) -> str | None:
    """Why `target` is the tool's own file, or None."""
    for cache in caches:
        if target == cache or target in (cache.with_name(cache.name + s) for s in _SIDECARS):
            return f"it is the cache {cache}"
    base = target
    for suffix in _SIDECARS:
        if target.name.endswith(suffix):
            base = target.with_name(target.name[: -len(suffix)])
    if _is_sqlite(base):
        return f"{base} is an SQLite database (a cache?)"
    from summarizer.pipeline.outputs import INDEX_FILE, RESULT_FILE, RUN_FILES, SUMMARY_FILE
    from summarizer.pipeline.outputs import TRANSLATION_FILE as TRANSLATION

    folder = target.parent
    if (folder / INDEX_FILE).is_file() and target.name.lower() in RUN_FILES:
        return f"it is a file of the outputs folder {folder}"
    article_files = (RESULT_FILE, TRANSLATION, SUMMARY_FILE)
    named = target.name in article_files or (
        target.name.startswith("source.") and target.suffix == ".txt"
    )
    if (folder.parent / INDEX_FILE).is_file() and (named or folder.name.endswith("-pages")):
        return f"it is a file of the outputs folder {folder.parent}"
    return None


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    except OSError:
        return False


def _check_folder(
    target: Path, option: str, given: Path, unwritable: type[SummarizerError]
) -> None:
    """The folder `target` goes in must be a folder (made if missing) where files can be made."""
    existing = target.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise unwritable(f"cannot write {option} {given}: {existing} is a file, not a folder")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".write-check.", dir=existing))
    except OSError as exc:
        raise unwritable(f"cannot write {option} {given}: {exc.strerror or exc}") from exc
