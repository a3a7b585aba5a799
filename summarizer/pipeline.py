"""The translate → summarize pipeline over one article or a folder of them.

Read and clean every article, split it into sentences, translate all sentences of all
articles in shared length-sorted batches, summarize the translations, and write results as
each article finishes. Models are resolved and loaded only when the cache cannot answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from summarizer.articles import Article, find_articles, read_article
from summarizer.boilerplate import CleanArticle, clean
from summarizer.checks import Flag, check_summary
from summarizer.choice import resolve_models
from summarizer.config import Settings
from summarizer.convert import choose_backend, resolve_compute_type
from summarizer.engines import Model, Task
from summarizer.errors import InputError, UsageError
from summarizer.lead import LeadSummarizer, lead_count
from summarizer.models import ModelSpec
from summarizer.segment import segmenter_id, split_korean
from summarizer.summarize import Summarizer, Summary
from summarizer.translate import Translator

if TYPE_CHECKING:
    from summarizer.cache import Cache, NullCache

RESULT_SCHEMA = 1
# Sentences per translation batch unless the user says otherwise: CTranslate2 splits batches
# into token-bounded sub-batches itself and gains from large ones (benchmarks/RESULTS.md);
# transformers pads every batch to its longest input and gains little beyond 32.
BATCH_SIZES = {"hf": 32, "ct2": 128}
_HANGUL_SHARE_FOR_KOREAN = 0.2


class ProgressSink(Protocol):
    """Receives progress: a stage with its total, then advances within it."""

    def stage(self, name: str, total: int) -> None: ...

    def advance(self, amount: int = 1) -> None: ...


class _Silent:
    def stage(self, name: str, total: int) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


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
    def paragraphs(self) -> list[str]:
        """The translation of each source paragraph."""
        assert self.document is not None
        paragraphs, position = [], 0
        for sentences in self.document.sentences:
            parts = self.translations[position : position + len(sentences)]
            paragraphs.append(" ".join(p for p in parts if p))
            position += len(sentences)
        return paragraphs

    @property
    def translation(self) -> str:
        return "\n\n".join(self.paragraphs)

    def flags_at(self, position: int) -> list[Flag]:
        return self.translation_flags[position] if self.translated else []

    @property
    def flagged_segments(self) -> int:
        """Translated segments that still carry a flag after their retry."""
        return sum(1 for flags in self.translation_flags if flags) if self.translated else 0

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
            "summary_flags": [
                f.to_json() for f in check_summary(self.summary.text, self.translation)
            ],
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


@dataclass
class RunReport:
    results: list[ArticleResult]
    seconds: float
    out_dir: Path

    @property
    def failed(self) -> list[ArticleResult]:
        return [r for r in self.results if not r.ok]

    def cache_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Cache hits and misses per kind over the articles that finished."""
        done = [r for r in self.results if r.ok and r.summary]
        translated = [c for r in done if r.translated for c in r.translation_cached]
        summaries = [bool(r.summary and r.summary.cached) for r in done]
        hits = {"translation": sum(translated), "summary": sum(summaries)}
        misses = {
            "translation": len(translated) - hits["translation"],
            "summary": len(summaries) - hits["summary"],
        }
        return hits, misses


def is_korean(text: str) -> bool:
    """True when Hangul makes up a real share of the letters."""
    letters = [c for c in text if c.isalpha()]
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff")
    return bool(letters) and hangul / len(letters) >= _HANGUL_SHARE_FOR_KOREAN


def run_inputs(folder: Path, out_dir: Path) -> list[Path]:
    """The articles of `folder`, less the tool's own files when `out_dir` is that folder."""
    from summarizer.outputs import is_run_file

    paths = find_articles(folder)
    if out_dir.resolve() != folder.resolve():
        return paths
    return [path for path in paths if not is_run_file(path)]


class Pipeline:
    """The library entry point: translate and summarize articles with one set of settings.

    `specs` are models already resolved (see `resolve_models`); others are resolved on first
    use, when the cache cannot answer.
    """

    def __init__(
        self,
        settings: Settings,
        cache: Cache | NullCache,
        *,
        refresh: bool = False,
        specs: dict[Task, ModelSpec] | None = None,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.refresh = refresh
        self.specs = dict(specs or {})
        self.notify = notify
        self._translator: Translator | None = None
        self._summarizer: Summarizer | LeadSummarizer | None = None

    def _model(self, task: Task, overrides: dict[str, Any]) -> Model:
        settings = self.settings
        if task not in self.specs:
            self.specs.update(resolve_models(settings, [task], self.notify))
        spec = self.specs[task]
        backend = choose_backend(settings.backend, spec)
        if backend != "ct2":
            threads = {"intra_threads": settings.intra_threads}
            return Model(
                spec,
                task,
                backend=backend,
                device=settings.device,
                options=threads,
                overrides=overrides,
            )
        return Model(
            spec,
            task,
            backend="ct2",
            device=settings.device,
            compute_type=resolve_compute_type(settings.compute_type, settings.device),
            options={
                "models_dir": settings.models_dir,
                "inter_threads": settings.inter_threads,
                "intra_threads": settings.intra_threads,
            },
            overrides=overrides,
        )

    @property
    def translator(self) -> Translator:
        if self._translator is None:
            model = self._model("translation", self.settings.translator_decoding)
            self._translator = Translator(
                model,
                self.cache,
                batch_size=self.settings.batch_size or BATCH_SIZES[model.backend],
                refresh=self.refresh,
            )
        return self._translator

    @property
    def summarizer(self) -> Summarizer | LeadSummarizer:
        if self._summarizer is None and (lead := lead_count(self.settings.summarizer)):
            self._summarizer = LeadSummarizer(lead)
        if self._summarizer is None:
            model = self._model("summarization", self.settings.summarizer_decoding)
            self._summarizer = Summarizer(
                model,
                self.cache,
                sentences=self.settings.summary_sentences,
                words=self.settings.summary_words,
                refresh=self.refresh,
            )
        return self._summarizer

    def prepare(self, path: Path) -> Document:
        """Read, clean and segment one article (segmentation is cached too)."""
        began = time.perf_counter()
        article = read_article(path, self.settings.max_article_chars)
        cleaned = clean(article.text, article.format)
        if not cleaned.paragraphs:
            raise InputError(f"{path}: nothing left after removing site boilerplate")
        read_done = time.perf_counter()
        language = "ko" if is_korean(article.text) else "en"
        if language == "ko":
            sentences = self._segment(cleaned.paragraphs)
        else:
            sentences = [[p] for p in cleaned.paragraphs]
        segment_seconds = time.perf_counter() - read_done
        return Document(article, cleaned, language, sentences, read_done - began, segment_seconds)

    def _segment(self, paragraphs: Sequence[str]) -> list[list[str]]:
        key = segmenter_id()
        found = self.cache.get_many("segmentation", key, paragraphs)
        new = {
            p: json.dumps(split_korean(p), ensure_ascii=False) for p in paragraphs if p not in found
        }
        if new:
            self.cache.put_many("segmentation", key, "kiwipiepy", new)
        return [json.loads(found.get(p) or new[p]) for p in paragraphs]

    def translate(
        self, documents: Sequence[Document], progress: ProgressSink | None = None
    ) -> list[ArticleResult]:
        """Translate every Korean document's sentences together, in shared batches."""
        sink = progress or _Silent()
        results = [ArticleResult(d.article.path, d.article.path.stem, d) for d in documents]
        korean = [(r, d) for r, d in zip(results, documents, strict=True) if d.language == "ko"]
        sources = [s for _, d in korean for s in d.flat]
        if sources:
            translator = self.translator
            sink.stage("translating", len(sources))
            translated = translator.translate(sources, progress=sink.advance)
            position = 0
            for result, document in korean:
                end = position + len(document.flat)
                result.translations = translated.texts[position:end]
                result.translation_cached = translated.cached[position:end]
                result.translation_flags = translated.flags[position:end]
                result.translation_retries = translated.retries[position:end]
                result.translate_seconds = sum(translated.seconds[position:end])
                result.models["translator"] = self.translator.describe()
                position = end
        for result, document in zip(results, documents, strict=True):
            if document.language != "ko":
                result.translations = document.flat
                result.translation_cached = [False] * len(result.translations)
                result.models["translator"] = None
        return results

    def summarize(
        self,
        results: Sequence[ArticleResult],
        progress: ProgressSink | None = None,
        done: Callable[[ArticleResult], None] | None = None,
    ) -> None:
        """Summarize every translated article; `done(result)` as each one is ready."""
        if not results:
            return
        sink = progress or _Silent()
        summarizer = self.summarizer
        sink.stage("summarizing", len(results))

        def finished(index: int, summary: Summary) -> None:
            result = results[index]
            result.summary = summary
            result.models["summarizer"] = summarizer.describe()
            sink.advance(1)
            if done:
                done(result)

        summarizer.summarize([r.translation for r in results], finished)

    def translate_file(self, path: Path) -> ArticleResult:
        return self.translate([self.prepare(path)])[0]

    def summarize_file(self, path: Path) -> ArticleResult:
        result = self.translate_file(path)
        self.summarize([result])
        return result

    def run(
        self,
        folder: Path,
        out_dir: Path,
        progress: ProgressSink | None = None,
        written: Callable[[ArticleResult], None] | None = None,
    ) -> RunReport:
        """Every article in `folder` → `out_dir/<stem>/…` and `out_dir/index.jsonl`."""
        from summarizer.outputs import article_dir, write_article, write_index

        began = time.perf_counter()
        paths = run_inputs(folder, out_dir)
        if not paths:
            raise UsageError(f"no articles (.txt, .md, .html) found in {folder}")
        failed: list[ArticleResult] = []
        documents: list[Document] = []
        seen: set[str] = set()
        for path in paths:
            try:
                name = article_dir(path.stem)
                if name.casefold() in seen:
                    raise InputError(f"{path}: another article in the folder has this file stem")
                seen.add(name.casefold())
                if (out_dir / name).is_symlink():
                    raise InputError(
                        f"{out_dir / name} is a symbolic link; refusing to write through it"
                    )
                documents.append(self.prepare(path))
            except InputError as exc:
                failed.append(ArticleResult(path, path.stem, error=str(exc)))
        results: list[ArticleResult] = []
        complete: set[str] = set()
        try:
            results = self.translate(documents, progress)

            def finished(result: ArticleResult) -> None:
                write_article(out_dir / article_dir(result.stem), result)
                complete.add(result.stem)
                if written:
                    written(result)

            self.summarize(results, progress, finished)
        finally:
            # Only articles whose files are all on disk count as done: one interrupted while
            # it was written is listed as unfinished.
            done = [r for r in results if r.ok and r.stem in complete]
            finished = {r.stem for r in done}
            unfinished = [
                ArticleResult(d.article.path, d.article.path.stem, d)
                for d in documents
                if d.article.path.stem not in finished
            ]
            report = RunReport(
                sorted(done + failed + unfinished, key=lambda r: r.path),
                time.perf_counter() - began,
                out_dir,
            )
            write_index(out_dir, report.results)
            self.cache.record_run(*report.cache_counts())
        return report
