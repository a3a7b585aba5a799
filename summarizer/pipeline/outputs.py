"""Result files: per article `<stem>/` with source, translation, summary and result.json."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import InputError, OutputError, UsageError
from summarizer.fileio import remove_stale_temps, write_atomic, write_lines_atomic
from summarizer.pipeline.index import INDEX_FILE, index_lines
from summarizer.pipeline.sources import in_folder, same_source, source_path

if TYPE_CHECKING:
    from summarizer.pipeline.record import ArticleRecord
    from summarizer.pipeline.results import ArticleResult
    from summarizer.text.articles import ArticleList

TRANSLATION_FILE = "translation.en.md"
SUMMARY_FILE = "summary.en.txt"
RESULT_FILE = "result.json"
REPORT_FILE = "report.html"
REPORT_PAGES = "report-pages"
"""The folder of a large report's pages (`summarizer.report.paged.pages_folder`)."""
RUN_FILES = (INDEX_FILE, REPORT_FILE, REPORT_PAGES, "scores.json", "regress.json", "cache.sqlite")
"""The run's own files and folders in an outputs folder (report.py and scoring name the same)."""
COLLISION_SUFFIX = "~article"
LEFTOVER_AGE = 60.0
"""Seconds after which a temporary file in an outputs folder is a killed run's leftover."""


NAME_MAX = 255
"""Bytes a file or folder name may have (ext4, APFS, NTFS, …)."""


def article_dir(stem: str, suffix: str = "") -> str:
    """An article's folder name: its stem (+ `suffix`), unless that could be taken for one of
    the run's files (`index.jsonl`, `report.html.bak`, `cache.sqlite-wal`, …); then the stem +
    "~article". A name too long for the file system keeps the stem's first bytes and a hash of
    all of it."""
    lowered = stem.lower()
    if any(lowered == name or lowered.startswith((f"{name}.", f"{name}-")) for name in RUN_FILES):
        suffix = COLLISION_SUFFIX + suffix
    room = NAME_MAX - len(suffix.encode())
    raw = stem.encode("utf-8", "surrogateescape")
    if len(raw) <= room:
        return stem + suffix
    digest = "~" + hashlib.sha256(raw).hexdigest()[:12]
    return raw[: room - len(digest)].decode("utf-8", "ignore") + digest + suffix


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


def clear_index(out_dir: Path, paths: ArticleList) -> None:
    """Before a run over `paths`: the index keeps only the entries of earlier runs from other
    input folders whose article folders are still there (so two folders can share one outputs
    folder), in their order; this run's articles' old entries are dropped. Costs nothing per
    article of this run: it is done before the first article is."""
    ours = in_folder(paths.folder)

    def kept(entry: dict[str, Any]) -> bool:
        return not ours(entry) and (
            not entry.get("ok") or (out_dir / str(entry.get("dir", "")) / RESULT_FILE).is_file()
        )

    _rewrite_index(out_dir, (line for line, entry in index_lines(out_dir) if kept(entry)))


class ArticleDirs:
    """Each article's folder in `out_dir`, chosen as the run reaches the article:
    `article_dir(stem)`, unless that folder holds the result of another article (one of the
    same stem from another input folder, or one earlier in this run); then the stem + "~2",
    "~3", … (the first that is free or this article's own). Whose result a folder holds is read
    from its result.json. Only folders two of this run's articles could both want are
    remembered, not every article's."""

    def __init__(self, out_dir: Path, paths: ArticleList) -> None:
        self.out_dir = out_dir
        self.paths = paths
        bases = sorted(article_dir(stem).casefold() for stem in paths.stems())
        self.shared = {a for a, b in itertools.pairwise(bases) if a == b}
        self.taken: set[str] = set()

    def __call__(self, path: Path) -> str:
        base = article_dir(path.stem)
        name, number = base, 1
        while self._busy(name, number > 1, path):
            number += 1
            name = article_dir(path.stem, f"~{number}")
        if number > 1 or base.casefold() in self.shared:
            self.taken.add(name.casefold())
        return name

    def _busy(self, name: str, numbered: bool, path: Path) -> bool:
        if name.casefold() in self.taken or (numbered and self.paths.has_stem(name)):
            return True
        owner = _owner(self.out_dir / name)
        return owner is not None and not same_source(owner, path)


def _owner(folder: Path) -> str | None:
    """The source path recorded with the finished result in `folder`; None when it holds none
    (or one this version cannot read). Its schema (pydantic) is imported here: `summarizer
    --help` stays fast."""
    from summarizer.pipeline.result_file import read_result

    result = folder / RESULT_FILE
    if folder.is_symlink() or not result.is_file():
        return None
    try:
        path = read_result(result)["article"]["path"]
    except (InputError, KeyError):
        return None
    return str(path) if path else None


def result_dirs(out_dir: Path, paths: Sequence[Path]) -> dict[Path, str]:
    """Where each article's results are to be found in `out_dir`: the folder the index records
    for its source path, else `article_dir(stem)` (results made from a copy of the article
    elsewhere count too)."""
    indexed = {
        source_path(Path(str(entry["path"]))): str(entry["dir"])
        for _, entry in index_lines(out_dir)
        if entry.get("ok") and entry.get("dir") and entry.get("path")
    }
    return {path: indexed.get(source_path(path), article_dir(path.stem)) for path in paths}


def finish_index(out_dir: Path, paths: ArticleList, recorded: int) -> None:
    """After a run over `paths` that appended `recorded` of them: the index sorted by path,
    with a "not finished" entry for each article the run did not reach, less the entries of
    other input folders whose folder this run took over. Streams: the lines are
    sorted in bounded chunks on disk, however many there are."""
    from summarizer.pipeline.external_sort import sorted_lines

    ours = in_folder(paths.folder)

    def kept(entry: dict[str, Any]) -> bool:
        """This run's entries, and others' whose folder still holds their result."""
        if ours(entry) or not entry.get("ok"):
            return True
        own = _owner(out_dir / str(entry.get("dir", "")))
        return own is not None and source_path(Path(own)) == source_path(
            Path(str(entry.get("path", "")))
        )

    lines = (line for line, entry in index_lines(out_dir) if kept(entry))
    ordered = sorted_lines(lines, _path_key, out_dir)
    if recorded < len(paths):
        ordered = _with_unfinished(ordered, sorted(str(p) for p in paths))
    with contextlib.closing(ordered):
        _rewrite_index(out_dir, ordered)


def _path_key(line: str) -> str:
    return str(json.loads(line).get("path", ""))


def _with_unfinished(lines: Iterator[str], paths: list[str]) -> Iterator[str]:
    """`lines` (sorted by path) with an entry for each of the sorted `paths` they lack."""
    from summarizer.pipeline.record import ArticleRecord
    from summarizer.pipeline.results import NOT_FINISHED

    def unfinished(path: str) -> str:
        record = ArticleRecord(Path(path), Path(path).stem, error=NOT_FINISHED)
        return json.dumps(record.index_entry(), ensure_ascii=False) + "\n"

    pending = iter(paths)
    waiting = next(pending, None)
    for line in lines:
        key = _path_key(line)
        while waiting is not None and waiting < key:
            yield unfinished(waiting)
            waiting = next(pending, None)
        if waiting == key:
            waiting = next(pending, None)
        yield line
    while waiting is not None:
        yield unfinished(waiting)
        waiting = next(pending, None)


def _rewrite_index(out_dir: Path, lines: Iterable[str]) -> None:
    """Replace the index atomically with `lines`, written as they come."""
    path = out_dir / INDEX_FILE
    with _writing(path):
        write_lines_atomic(path, lines)
