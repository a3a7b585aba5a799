"""Result files: per article `<stem>/` with source, translation, summary and result.json."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import OutputError, UsageError
from summarizer.fileio import write_atomic

if TYPE_CHECKING:
    from summarizer.pipeline import ArticleResult

SOURCE_FILE = "source.ko.txt"
TRANSLATION_FILE = "translation.en.md"
SUMMARY_FILE = "summary.en.txt"
RESULT_FILE = "result.json"
INDEX_FILE = "index.jsonl"


def check_writable(out_dir: Path) -> None:
    """Create `out_dir` and write and remove a probe file in it, before any work starts."""
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"cannot write outputs to {out_dir}: it is a file, not a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-check.", suffix=".tmp", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise UsageError(f"cannot write outputs to {out_dir}: {exc.strerror or exc}") from exc


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """An OSError (disk full, read-only) becomes a one-line OutputError naming the file."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


def write_article(folder: Path, result: ArticleResult) -> None:
    """Write one article's files atomically; result.json last, so it marks completion."""
    assert result.document is not None and result.summary is not None
    files = (
        (SOURCE_FILE, result.document.source_text),
        (TRANSLATION_FILE, result.translation),
        (SUMMARY_FILE, result.summary.text),
        (RESULT_FILE, json.dumps(result.to_json(), ensure_ascii=False, indent=2)),
    )
    for name, text in files:
        with _writing(folder / name):
            write_atomic(folder / name, text + "\n")


def index_entry(result: ArticleResult) -> dict[str, object]:
    entry: dict[str, object] = {"stem": result.stem, "path": str(result.path), "ok": result.ok}
    if result.ok and result.document and result.summary:
        entry |= {
            "dir": result.stem,
            "title": result.document.cleaned.title,
            "sentences": len(result.translations),
            "characters": len(result.document.source_text),
            "seconds": round(result.seconds, 4),
            "summary": result.summary.text,
        }
    else:
        entry["error"] = result.error or "not finished: the run stopped before this article"
    return entry


def write_index(out_dir: Path, results: Sequence[ArticleResult]) -> None:
    lines = [json.dumps(index_entry(r), ensure_ascii=False) for r in results]
    with _writing(out_dir / INDEX_FILE):
        write_atomic(out_dir / INDEX_FILE, "".join(line + "\n" for line in lines))
