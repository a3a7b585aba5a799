"""`Pipeline.run` as a stream: bounded windows of articles flow through the stages.

read → clean → segment (a background thread, a couple of windows ahead) → translate (the
window's sentences in shared length-sorted batches) → summarize (a few articles at a time) →
write. A window holds whole articles up to `WINDOW_SENTENCES` sentences (the first ones fewer),
so memory stays flat however large the folder. Each article's files are written as soon as its
summary is ready and `index.jsonl` gains its line at once; the index is rewritten sorted at the
end (on disk, in bounded chunks), also when the run is interrupted. Nothing of a written article
is kept: the run counts totals, and its end reads the rest back from the index. The driver
(this process) is the only reader and writer of the cache: it looks up hits before a stage and
sends only misses to the executor.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from summarizer.errors import CacheError, InputError, OutputError
from summarizer.pipeline.outputs import (
    RESULT_FILE,
    ArticleDirs,
    append_index,
    clear_index,
    finish_index,
    write_article,
)
from summarizer.pipeline.prefetch import prefetch
from summarizer.pipeline.progress import ProgressSink
from summarizer.pipeline.record import ArticleRecord
from summarizer.pipeline.results import ArticleResult, attach_translations, requests
from summarizer.pipeline.run_report import RunReport, RunTotals
from summarizer.pipeline.stages import decode_computed, decode_summaries
from summarizer.pipeline.timings import keep_computed_timings
from summarizer.tasks.scores import kept_supports
from summarizer.tasks.summarize import Summary, cached_summary
from summarizer.tasks.translate import Computed
from summarizer.wording import count

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.engines import Task
    from summarizer.executors import Executor
    from summarizer.pipeline.results import Document
    from summarizer.pipeline.stages import Stage
    from summarizer.tasks.lead import LeadSummarizer
    from summarizer.tasks.summarize import Summarizer
    from summarizer.tasks.translate import Translator
    from summarizer.text.articles import ArticleList

log = logging.getLogger("summarizer")
WINDOW_SENTENCES = 512
# The first window is small and each one doubles up to WINDOW_SENTENCES: the first articles
# are written within seconds, later windows give the models large batches.
FIRST_WINDOW_SENTENCES = 32
PREFETCH_WINDOWS = 2
HEARTBEAT_SECONDS = 20.0
"""A window's translation says how far it is at most this often (a log shows it too): a slow
model spends minutes on a window before its first article is written."""


class Driver(Protocol):
    """What a stream needs of its `Pipeline`: the cache, the models and the read stage."""

    cache: Cache | NullCache

    @property
    def translator(self) -> Translator: ...

    @property
    def summarizer(self) -> Summarizer | LeadSummarizer: ...

    def prepare(self, path: Path) -> Document: ...

    def stage(self, task: Task) -> Stage: ...


@dataclass
class Window:
    """Whole articles, prepared, up to a bound on their sentences; failures met on the way."""

    results: list[ArticleResult] = field(default_factory=list)
    failed: list[ArticleRecord] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    found: dict[str, str] = field(default_factory=dict)
    stored: set[str] = field(default_factory=set)
    todo: int = 0
    began: float = 0.0


@dataclass
class Group:
    """Articles of one window summarized together, with the cached summaries found."""

    results: list[ArticleResult]
    texts: list[str]
    found: dict[str, str]


class Stream:
    def __init__(
        self,
        pipeline: Driver,
        executor: Executor,
        out_dir: Path,
        sink: ProgressSink,
        written: Callable[[ArticleResult], None] | None,
    ) -> None:
        self.pipeline = pipeline
        self.executor = executor
        self.out_dir = out_dir
        self.sink = sink
        self.written = written
        self.totals = RunTotals()
        self.folders: dict[Path, str] = {}
        self.translating = False
        self.heard = time.perf_counter()

    def run(self, paths: ArticleList) -> RunReport:
        began = time.perf_counter()
        clear_index(self.out_dir, paths)
        self.sink.stage("articles", len(paths))
        windows = prefetch(self._windows(paths), PREFETCH_WINDOWS)
        try:
            with contextlib.closing(windows):
                translated = self.executor.map(
                    functools.partial(self.pipeline.stage, "translation"),
                    (self._ask_translations(w) for w in windows),
                    self._store_batch,
                )
                groups = (g for w, p in translated for g in self._ask_summaries(w, p))
                summarized = self.executor.map(
                    functools.partial(self.pipeline.stage, "summarization"), groups
                )
                for group, payload in summarized:
                    self._finish(group, payload)
        except BaseException:
            # What stopped the run is the error to report: a full disk that also refuses the
            # index (or the cache's run record) must not hide which file failed first.
            with contextlib.suppress(OutputError, CacheError):
                self._close(paths, began)
            raise
        return self._close(paths, began)

    def _close(self, paths: ArticleList, began: float) -> RunReport:
        """Write the index of every article (unfinished ones as such) and record the run."""
        seconds = time.perf_counter() - began
        report = RunReport(self.out_dir, paths.folder, len(paths), seconds, self.totals)
        finish_index(self.out_dir, paths, self.totals.recorded)
        self.pipeline.cache.record_run(*report.cache_counts())
        return report

    def _windows(self, paths: ArticleList) -> Iterator[Window]:
        """Prepared articles in windows of about FIRST_WINDOW_SENTENCES sentences, doubling
        up to WINDOW_SENTENCES (runs ahead, in the prefetch thread)."""
        window, sentences = Window(), 0
        limit = min(FIRST_WINDOW_SENTENCES, WINDOW_SENTENCES)
        folders, repeated, seen = (
            ArticleDirs(self.out_dir, paths),
            paths.repeated_stems(),
            set[str](),
        )
        for path in paths:
            try:
                if path.stem.casefold() in repeated:
                    if path.stem.casefold() in seen:
                        raise InputError(
                            f"{path}: another article in the folder has this file stem"
                        )
                    seen.add(path.stem.casefold())
                name = folders(path)
                if (self.out_dir / name).is_symlink():
                    raise InputError(
                        f"{self.out_dir / name} is a symbolic link; refusing to write through it"
                    )
                document = self.pipeline.prepare(path)
            except InputError as exc:
                window.failed.append(ArticleRecord(path, path.stem, error=str(exc)))
                continue
            self.folders[path] = name
            window.results.append(ArticleResult(path, path.stem, document))
            sentences += len(document.flat)
            if sentences >= limit:
                yield window
                window, sentences = Window(), 0
                limit = min(2 * limit, WINDOW_SENTENCES)
        if window.results or window.failed:
            yield window

    def _ask_translations(self, window: Window) -> tuple[Window, str | None]:
        """The window's failures are reported; its Korean sentences looked up in the cache."""
        for record in window.failed:
            self._record(record)
        window.sources = requests(self.pipeline, window.results)
        if not window.sources:
            return window, None
        unique = list(Counter(window.sources))
        window.found = self.pipeline.translator.lookup(unique)
        todo = [s for s in unique if s not in window.found]
        window.todo, window.began = len(todo), time.perf_counter()
        if todo and not self.translating:
            self.translating = True
            log.info(
                "translating the first window, %s of %s; each article is written once summarized",
                count(len(todo), "new sentence"),
                count(len(window.results), "article"),
            )
        return window, json.dumps(todo, ensure_ascii=False) if todo else None

    def _store_batch(self, window: Window, payload: str) -> None:
        """A finished batch of the window's translations goes into the cache at once, so an
        interrupted run loses at most one batch."""
        computed = decode_computed(payload)
        self.pipeline.translator.store(computed)
        window.stored.update(computed.texts)
        now = time.perf_counter()
        if now - self.heard >= HEARTBEAT_SECONDS and len(window.stored) < window.todo:
            self.heard = now
            log.info(
                "translated %s of %s new sentences of this window in %.0f s",
                len(window.stored),
                window.todo,
                now - window.began,
            )

    def _ask_summaries(
        self, window: Window, payload: str | None
    ) -> Iterator[tuple[Group, str | None]]:
        """Translations in place (new ones into the cache), then the window's articles in
        groups of the summarizer's batch size, each with its cache hits looked up."""
        translated = None
        info: dict[str, object] = {}
        if window.sources:
            translator = self.pipeline.translator
            computed = decode_computed(payload)
            fresh = {s: t for s, t in computed.texts.items() if s not in window.stored}
            retries = {s: r for s, r in computed.retries.items() if s not in window.stored}
            translator.store(Computed(fresh, retries, {}))
            translated = translator.assemble(window.sources, window.found, computed)
            info = translator.describe()
        attach_translations(window.results, translated, info)
        window.sources, window.found, window.stored = [], {}, set()
        if not window.results:
            return
        summarizer = self.pipeline.summarizer
        size = summarizer.batch_size
        for start in range(0, len(window.results), size):
            results = window.results[start : start + size]
            texts = [r.summary_input for r in results]
            found = summarizer.lookup(texts)
            todo = [t for t in texts if t not in found]
            group = Group(results, texts, found)
            yield group, json.dumps(todo, ensure_ascii=False) if todo else None

    def _finish(self, group: Group, payload: str | None) -> None:
        """Summaries in place (new ones into the cache), then each article written."""
        summarizer = self.pipeline.summarizer
        computed = iter(decode_summaries(payload))
        info = summarizer.describe()
        records = summarizer.retries(list(group.found))
        new: dict[str, Summary] = {}
        for result, text in zip(group.results, group.texts, strict=True):
            if text in group.found:
                result.summary = cached_summary(group.found[text], records.get(text))
            else:
                result.summary = next(computed)
                if result.summary.error is None:
                    new[text] = result.summary
            result.models["summarizer"] = info
        summarizer.store(new)
        read = [(r.summary.text, r.summary_input) for r in group.results if r.summary]
        with kept_supports(self.pipeline.cache, read):
            for result in group.results:
                self._write(result)

    def _write(self, result: ArticleResult) -> None:
        assert result.summary is not None
        folder = self.folders.pop(result.path)
        if result.summary.error is not None:
            self._record(ArticleRecord(result.path, result.stem, error=result.summary.error))
            return
        data = keep_computed_timings(result.to_json(), self.out_dir / folder / RESULT_FILE)
        write_article(self.out_dir / folder, result, data)
        self._record(ArticleRecord.finished(result, data, folder))
        if self.written:
            self.written(result)

    def _record(self, record: ArticleRecord) -> None:
        self.totals.add(record)
        append_index(self.out_dir, record)
        self.sink.article(record)
