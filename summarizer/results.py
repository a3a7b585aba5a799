"""What the pipeline computes: a prepared article, its full result, the record a run keeps.

`ArticleResult.to_json` is what result.json holds. Once an article's files are written a run
keeps nothing of it: its `ArticleRecord` (counts, summary, error) becomes its line in
index.jsonl, which is where the end of a run reads it back (`summarizer.run_report`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.articles import Article
from summarizer.boilerplate import CleanArticle
from summarizer.checks import Flag, check_summary
from summarizer.checks.trusted import trusted_text
from summarizer.marked import marked_translation
from summarizer.segment import segmenter_id
from summarizer.summarize import Summary

if TYPE_CHECKING:
    from summarizer.translate import Translated

RESULT_SCHEMA = 1
NOT_FINISHED = "not finished: the run stopped before this article"


@dataclass
class Document:
    """An article read, cleaned and split into sentences (per paragraph)."""

    article: Article
    cleaned: CleanArticle
    language: str
    sentences: list[list[str]]
    seconds_read: float
    seconds_segment: float

    @property
    def source_text(self) -> str:
        return "\n\n".join(self.cleaned.paragraphs)

    @property
    def flat(self) -> list[str]:
        return [s for paragraph in self.sentences for s in paragraph]


@dataclass
class ArticleResult:
    """Everything computed for one article; `to_json` is what result.json holds."""

    path: Path
    stem: str
    document: Document | None = None
    error: str | None = None
    translations: list[str] = field(default_factory=list)
    translation_cached: list[bool] = field(default_factory=list)
    translation_flags: list[list[Flag]] = field(default_factory=list)
    translation_retries: list[dict[str, Any] | None] = field(default_factory=list)
    translate_seconds: float = 0.0
    summary: Summary | None = None
    models: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and self.summary is not None

    @property
    def translated(self) -> bool:
        """False for English articles, which are summarized without translation."""
        return self.document is not None and self.document.language == "ko"

    @property
    def translated_paragraphs(self) -> list[list[str]]:
        """The translation of each source sentence, by paragraph."""
        assert self.document is not None
        paragraphs, position = [], 0
        for sentences in self.document.sentences:
            paragraphs.append(self.translations[position : position + len(sentences)])
            position += len(sentences)
        return paragraphs

    @property
    def paragraphs(self) -> list[str]:
        """The translation of each source paragraph."""
        return [" ".join(p for p in parts if p) for parts in self.translated_paragraphs]

    @property
    def translation(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def translation_markdown(self) -> str:
        """translation.en.md: the translation with its still-flagged sentences marked."""
        assert self.document is not None
        if not self.translated:
            return self.translation
        return marked_translation(self.translated_paragraphs, self.translation_flags)

    def flags_at(self, position: int) -> list[Flag]:
        return self.translation_flags[position] if self.translated else []

    @property
    def flagged_segments(self) -> int:
        """Translated segments that still carry a flag after their retry."""
        return sum(1 for flags in self.translation_flags if flags) if self.translated else 0

    @property
    def summary_flags(self) -> list[Flag]:
        """What the checks find wrong with the summary (nothing before there is one)."""
        if self.summary is None or self.document is None:
            return []
        korean = " ".join(self.document.flat) if self.translated else None
        return check_summary(self.summary.text, self.summary_input, korean)

    @property
    def summary_input(self) -> str:
        """What the summarizer reads: the translation without its flagged sentences (see
        `checks.trusted`); an English article as it is."""
        return self._trusted[0]

    @property
    def _trusted(self) -> tuple[str, int]:
        if not self.translated:
            return self.translation, 0
        flagged = [bool(flags) for flags in self.translation_flags]
        return trusted_text(self.translated_paragraphs, flagged)

    @property
    def summary_flagged(self) -> bool:
        return bool(self.summary_flags)

    @property
    def seconds(self) -> float:
        if self.document is None:
            return 0.0
        summary = self.summary.seconds if self.summary else 0.0
        doc = self.document
        return doc.seconds_read + doc.seconds_segment + self.translate_seconds + summary

    def to_json(self) -> dict[str, Any]:
        doc = self.document
        assert doc is not None and self.summary is not None
        segments, position = [], 0
        for number, sentences in enumerate(doc.sentences):
            for sentence in sentences:
                segment = {
                    "paragraph": number,
                    "source": sentence,
                    "translation": self.translations[position],
                    "cached": self.translation_cached[position],
                    "flags": [f.to_json() for f in self.flags_at(position)],
                }
                retry = self.translation_retries[position] if self.translated else None
                if retry:
                    segment["retried"] = retry
                segments.append(segment)
                position += 1
        hits = sum(self.translation_cached) if self.translated else 0
        misses = len(self.translation_cached) - hits if self.translated else 0
        return {
            "schema": RESULT_SCHEMA,
            "article": {
                "path": str(self.path),
                "stem": self.stem,
                "encoding": doc.article.encoding,
                **({"replaced_bytes": doc.article.replaced} if doc.article.replaced else {}),
                "format": doc.article.format,
                "language": doc.language,
                "title": doc.cleaned.title,
                "characters": len(doc.source_text),
                "paragraphs": len(doc.sentences),
                "sentences": len(segments),
            },
            "removed": [
                {"line": r.line, "text": r.text, "reason": r.reason} for r in doc.cleaned.removed
            ],
            "segments": segments,
            "translation": self.translation,
            "summary": self.summary.text,
            "summary_left_out": self._trusted[1],
            "summary_flags": [f.to_json() for f in self.summary_flags],
            **({"summary_retried": self.summary.retried} if self.summary.retried else {}),
            "models": {**self.models, "segmenter": segmenter_id()},
            "timings": {
                "read_s": round(doc.seconds_read, 4),
                "segment_s": round(doc.seconds_segment, 4),
                "translate_s": round(self.translate_seconds, 4),
                "summarize_s": round(self.summary.seconds, 4),
                "total_s": round(self.seconds, 4),
                "summary_rounds": self.summary.rounds,
            },
            "cache": {
                "translation_hits": hits,
                "translation_misses": misses,
                "summary_hit": self.summary.cached,
            },
        }


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


def attach_translations(
    results: Sequence[ArticleResult], translated: Translated | None, translator: dict[str, Any]
) -> None:
    """Give each result its sentences' translations: Korean ones from `translated` (all their
    sentences in order), English ones their own sentences."""
    position = 0
    for result in results:
        assert result.document is not None
        if not result.translated:
            result.translations = result.document.flat
            result.translation_cached = [False] * len(result.translations)
            result.models["translator"] = None
            continue
        assert translated is not None
        end = position + len(result.document.flat)
        result.translations = translated.texts[position:end]
        result.translation_cached = translated.cached[position:end]
        result.translation_flags = translated.flags[position:end]
        result.translation_retries = translated.retries[position:end]
        result.translate_seconds = sum(translated.seconds[position:end])
        result.models["translator"] = translator
        position = end
