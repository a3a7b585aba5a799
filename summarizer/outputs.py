"""Result files: per article `<stem>/` with source, translation, summary and result.json."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.fileio import write_atomic

if TYPE_CHECKING:
    from summarizer.pipeline import ArticleResult

SOURCE_FILE = "source.ko.txt"
TRANSLATION_FILE = "translation.en.md"
SUMMARY_FILE = "summary.en.txt"
RESULT_FILE = "result.json"
INDEX_FILE = "index.jsonl"


def write_article(folder: Path, result: ArticleResult) -> None:
    """Write one article's files atomically; result.json last, so it marks completion."""
    assert result.document is not None and result.summary is not None
    write_atomic(folder / SOURCE_FILE, result.document.source_text + "\n")
    write_atomic(folder / TRANSLATION_FILE, result.translation + "\n")
    write_atomic(folder / SUMMARY_FILE, result.summary.text + "\n")
    write_atomic(
        folder / RESULT_FILE, json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
    )


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
    write_atomic(out_dir / INDEX_FILE, "".join(line + "\n" for line in lines))
