"""Result files: per article `<stem>/` with source, translation, summary and result.json."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import OutputError, UsageError
from summarizer.fileio import remove_stale_temps, write_atomic

if TYPE_CHECKING:
    from summarizer.results import ArticleRecord, ArticleResult

TRANSLATION_FILE = "translation.en.md"
SUMMARY_FILE = "summary.en.txt"
RESULT_FILE = "result.json"
INDEX_FILE = "index.jsonl"
RUN_FILES = (INDEX_FILE, "report.html", "scores.json", "regress.json", "cache.sqlite")
"""The run's own files in an outputs folder (report.py and scoring name the same files)."""
COLLISION_SUFFIX = "~article"
LEFTOVER_AGE = 60.0
"""Seconds after which a temporary file in an outputs folder is a killed run's leftover."""


def article_dir(stem: str) -> str:
    """An article's folder name: its stem, unless that could be taken for one of the run's files
    (`index.jsonl`, `report.html.bak`, `cache.sqlite-wal`, …); then the stem + "~article"."""
    lowered = stem.lower()
    if any(lowered == name or lowered.startswith((f"{name}.", f"{name}-")) for name in RUN_FILES):
        return stem + COLLISION_SUFFIX
    return stem


def is_run_file(path: Path) -> bool:
    """True for a file the tool itself writes into an outputs folder."""
    return path.name.lower() in RUN_FILES


def check_writable(out_dir: Path) -> None:
    """Fail before any work starts when `out_dir` cannot be written, without creating it:
    a probe file in it, or (when it does not exist yet) a probe folder in its nearest
    existing parent, is made and removed again."""
    existing = out_dir
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        where = "it is a file" if existing == out_dir else f"{existing} is a file"
        raise UsageError(f"cannot write outputs to {out_dir}: {where}, not a folder")
    try:
        if existing == out_dir:
            fd, probe = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=out_dir)
            os.close(fd)
            os.unlink(probe)
        else:
            os.rmdir(tempfile.mkdtemp(prefix=".write-check.", dir=existing))
    except OSError as exc:
        raise UsageError(f"cannot write outputs to {out_dir}: {exc.strerror or exc}") from exc


def remove_leftovers(out_dir: Path) -> list[Path]:
    """Delete the hidden temporary files (`.NAME.XXXXXXXX.tmp`) that a killed run left in
    `out_dir` and its article folders; only those over a minute old, since a run working in the
    same folder now may be writing one. Returns the files removed."""
    if not out_dir.is_dir() or out_dir.is_symlink():
        return []
    before = time.time() - LEFTOVER_AGE
    folders = [out_dir, *(p for p in out_dir.iterdir() if p.is_dir() and not p.is_symlink())]
    return [path for folder in folders for path in remove_stale_temps(folder, before)]


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """An OSError (disk full, read-only) becomes a one-line OutputError naming the file."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_article(folder: Path, result: ArticleResult, data: dict[str, Any]) -> None:
    """Write one article's files atomically (`data` is its result.json); result.json last, so
    it marks completion."""
    assert result.document is not None and result.summary is not None
    files = (
        (f"source.{result.document.language}.txt", result.document.source_text),
        (TRANSLATION_FILE, result.translation_markdown),
        (SUMMARY_FILE, result.summary.text),
        (RESULT_FILE, json.dumps(data, ensure_ascii=False, indent=2)),
    )
    for name, text in files:
        with _writing(folder / name):
            write_atomic(folder / name, text + "\n")


def append_index(out_dir: Path, record: ArticleRecord) -> None:
    """Add one finished (or failed) article's line to the index and flush it, so the index is
    right after any interruption."""
    line = json.dumps(record.index_entry(), ensure_ascii=False) + "\n"
    with _writing(out_dir / INDEX_FILE), (out_dir / INDEX_FILE).open("a", encoding="utf-8") as f:
        f.write(line)
        f.flush()


def article_dirs(out_dir: Path, paths: Sequence[Path]) -> dict[Path, str]:
    """Each article's folder in `out_dir`: `article_dir(stem)`, unless that folder holds the
    result of another article (one of the same stem from another input folder, or earlier in
    `paths`); then the stem + "~2", "~3", … (the first that is free or this article's own).
    Whose result a folder holds is read from the index, else from its result.json."""
    owners = {
        str(entry["dir"]): Path(str(entry["path"])).resolve()
        for entry in _read_index(out_dir)
        if entry.get("ok") and entry.get("dir")
    }
    dirs: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = article_dir(path.stem)
        name, number = base, 1
        while name.casefold() in taken or _owner(out_dir / name, owners) not in (
            None,
            path.resolve(),
        ):
            number += 1
            name = f"{base}~{number}"
        taken.add(name.casefold())
        dirs[path] = name
    return dirs


def _owner(folder: Path, owners: dict[str, Path]) -> Path | None:
    """The source of the finished result in `folder`; None when it holds none."""
    result = folder / RESULT_FILE
    if folder.is_symlink() or not result.is_file():
        return None
    if folder.name in owners:
        return owners[folder.name]
    try:
        data = json.loads(result.read_text(encoding="utf-8"))
        return Path(str(data["article"]["path"])).resolve()
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None


def result_dirs(out_dir: Path, paths: Sequence[Path]) -> dict[Path, str]:
    """Where each article's results are to be found in `out_dir`: the folder the index records
    for its source path, else `article_dir(stem)` (results made from a copy of the article
    elsewhere count too)."""
    indexed = {
        Path(str(entry["path"])).resolve(): str(entry["dir"])
        for entry in _read_index(out_dir)
        if entry.get("ok") and entry.get("dir")
    }
    return {path: indexed.get(path.resolve(), article_dir(path.stem)) for path in paths}


def write_index(out_dir: Path, records: Sequence[ArticleRecord], dirs: dict[Path, str]) -> None:
    """The index of this run's `records` (sorted), merged with the entries of earlier runs from
    other input folders whose article folders are still there (so two folders can share one
    outputs folder). `dirs` are all of this run's articles with their folders: their old
    entries, and old entries for those folders, are dropped."""
    entries = [r.index_entry() for r in records]
    folders = {str(p.resolve().parent) for p in dirs}
    taken = set(dirs.values())
    kept = [
        entry
        for entry in _read_index(out_dir)
        if str(Path(str(entry.get("path", ""))).resolve().parent) not in folders
        and (
            not entry.get("ok")
            or (
                str(entry.get("dir")) not in taken
                and (out_dir / str(entry.get("dir", "")) / RESULT_FILE).is_file()
            )
        )
    ]
    entries = sorted(kept + entries, key=lambda e: str(e.get("path", "")))
    lines = [json.dumps(entry, ensure_ascii=False) for entry in entries]
    with _writing(out_dir / INDEX_FILE):
        write_atomic(out_dir / INDEX_FILE, "".join(line + "\n" for line in lines))


def _read_index(out_dir: Path) -> list[dict[str, object]]:
    """The entries of an existing index; none when it is absent or unreadable."""
    try:
        lines = (out_dir / INDEX_FILE).read_text(encoding="utf-8").splitlines()
        entries = [json.loads(line) for line in lines if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    return [e for e in entries if isinstance(e, dict) and "stem" in e and "path" in e]
