"""What a run keeps of an article once its files are written: its line in index.jsonl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.pipeline.results import ArticleResult


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """What a run keeps of one article: enough for its index line and the run's table."""

    path: Path
    stem: str
    error: str | None = None
    dir: str = ""
    title: str = ""
    sentences: int = 0
    characters: int = 0
    seconds: float = 0.0
    translated: bool = False
    translation_hits: int = 0
    summary: str = ""
    summary_cached: bool = False
    flagged_segments: int = 0
    summary_flagged: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    @classmethod
    def finished(cls, result: ArticleResult, data: dict[str, Any], folder: str) -> ArticleRecord:
        """The record of an article whose files (`data` is its result.json) are written."""
        assert result.document is not None and result.summary is not None
        return cls(
            result.path,
            result.stem,
            dir=folder,
            title=result.document.cleaned.title,
            sentences=len(result.translations),
            characters=len(result.document.source_text),
            seconds=result.seconds,
            translated=result.translated,
            translation_hits=data["cache"]["translation_hits"],
            summary=result.summary.text,
            summary_cached=result.summary.cached,
            flagged_segments=sum(1 for s in data["segments"] if s["flags"]),
            summary_flagged=bool(data["summary_flags"]),
        )

    def index_entry(self) -> dict[str, object]:
        entry: dict[str, object] = {"stem": self.stem, "path": str(self.path), "ok": self.ok}
        if self.ok:
            entry |= {
                "dir": self.dir,
                "title": self.title,
                "sentences": self.sentences,
                "characters": self.characters,
                "seconds": round(self.seconds, 4),
                "summary": self.summary,
                "translated": self.translated,
                "translation_hits": self.translation_hits,
                "summary_cached": self.summary_cached,
                "flagged_segments": self.flagged_segments,
                "summary_flagged": self.summary_flagged,
            }
        else:
            entry["error"] = self.error
        return entry

    @classmethod
    def from_index(cls, entry: dict[str, Any]) -> ArticleRecord:
        """The record an `index_entry` was made from (fields an older index lacks are empty)."""
        path = Path(str(entry.get("path", "")))
        stem = str(entry.get("stem", path.stem))
        if not entry.get("ok"):
            return cls(path, stem, error=str(entry.get("error") or "failed"))
        return cls(
            path,
            stem,
            dir=str(entry.get("dir", stem)),
            title=str(entry.get("title", "")),
            sentences=int(entry.get("sentences") or 0),
            characters=int(entry.get("characters") or 0),
            seconds=float(entry.get("seconds") or 0.0),
            translated=bool(entry.get("translated")),
            translation_hits=int(entry.get("translation_hits") or 0),
            summary=str(entry.get("summary", "")),
            summary_cached=bool(entry.get("summary_cached")),
            flagged_segments=int(entry.get("flagged_segments") or 0),
            summary_flagged=bool(entry.get("summary_flagged")),
        )
