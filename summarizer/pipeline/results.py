"""What the pipeline computes: a prepared article and its full result.

`ArticleResult.to_json` is what result.json holds. Once an article's files are written a run
keeps nothing of it: its `record.ArticleRecord` (counts, summary, error) becomes its line in
index.jsonl, which is where the end of a run reads it back (`summarizer.pipeline.run_report`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.checks import Flag, check_summary
from summarizer.checks.trusted import left_out, trusted_text
from summarizer.pipeline.marked import marked_translation
from summarizer.pipeline.result_file import RESULT_SCHEMA
from summarizer.tasks.summarize import Summary
from summarizer.text.articles import Article
from summarizer.text.boilerplate import CleanArticle
from summarizer.text.segment import segmenter_id

if TYPE_CHECKING:
    from summarizer.tasks.translate import Translated, Translator

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
    translation_terms: list[list[tuple[str, str]]] = field(default_factory=list)
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
        """What the summarizer reads: the translation without its headings and flagged
        sentences (see `checks.trusted`); an English article as it is."""
        return self._trusted[0]

    @property
    def _trusted(self) -> tuple[str, int]:
        if not self.translated:
            return self.translation, 0
        assert self.document is not None
        flagged = [bool(flags) for flags in self.translation_flags]
        return trusted_text(self.translated_paragraphs, left_out(self.document.sentences, flagged))

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
                terms = self.translation_terms[position] if self.translation_terms else []
                if terms:
                    segment["terms"] = [{"ko": ko, "en": en} for ko, en in terms]
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


class HasTranslator(Protocol):
    @property
    def translator(self) -> Translator: ...


def requests(pipeline: HasTranslator, results: Sequence[ArticleResult]) -> list[str]:
    """The sentences of the Korean articles, article by article, as translation requests (with
    the glossary terms and article names each holds); the translator is only loaded when an
    article is Korean."""
    korean = [r.document.flat for r in results if r.translated and r.document is not None]
    return (
        [unit for flat in korean for unit in pipeline.translator.requests(flat)] if korean else []
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
        result.translation_terms = translated.terms[position:end]
        result.translate_seconds = sum(translated.seconds[position:end])
        result.models["translator"] = translator
        position = end
