"""The translate → summarize pipeline over one article or a folder of them.

`Pipeline` is the library entry point. `run` streams a folder through the stages (see
`summarizer.pipeline.stream`) on an executor (`summarizer.executors`: this process, or Ray);
`translate_file`, `summarize_file`, `translate` and `summarize` do the same work for given
articles in this process. Models are resolved and loaded only when the cache cannot answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.config import Settings
from summarizer.engines import Task
from summarizer.errors import ArticleError, UsageError
from summarizer.models.choice import resolve_models, with_lead_named
from summarizer.models.presets import lead_count
from summarizer.models.spec import ModelSpec
from summarizer.pipeline.lock import outputs_lock
from summarizer.pipeline.outputs import is_run_file
from summarizer.pipeline.prepare import is_korean, prepare
from summarizer.pipeline.progress import ProgressSink, Silent
from summarizer.pipeline.record import ArticleRecord
from summarizer.pipeline.results import (
    ArticleResult,
    Document,
    attach_translations,
    requests,
)
from summarizer.pipeline.run_report import RunReport
from summarizer.pipeline.stages import Stage, build_summarizer, build_translator
from summarizer.pipeline.stream import Stream
from summarizer.tasks.lead import LeadSummarizer
from summarizer.tasks.summarize import Summarizer, Summary
from summarizer.tasks.translate import Translator
from summarizer.text.articles import ArticleList
from summarizer.text.listing import find_articles
from summarizer.wording import count

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.executors import Executor

__all__ = [
    "ArticleRecord",
    "ArticleResult",
    "Document",
    "Pipeline",
    "ProgressSink",
    "RunReport",
    "is_korean",
    "run_inputs",
]


def run_inputs(folder: Path, out_dir: Path) -> ArticleList:
    """The articles of `folder`, less the tool's own files when `out_dir` is that folder."""
    paths = find_articles(folder)
    if out_dir.resolve() != folder.resolve():
        return paths
    return paths.where(lambda name: not is_run_file(Path(name)))


class Pipeline:
    """The library entry point: translate and summarize articles with one set of settings.

    `specs` are models already resolved (see `resolve_models`); others are resolved on first
    use, when the cache cannot answer. `executor` runs the model stages of `run` (default:
    this process).
    """

    def __init__(
        self,
        settings: Settings,
        cache: Cache | NullCache,
        *,
        refresh: bool = False,
        specs: dict[Task, ModelSpec] | None = None,
        notify: Callable[[str], None] | None = None,
        executor: Executor | None = None,
    ) -> None:
        resolved = specs and "summarization" in specs
        self.settings = settings if resolved else with_lead_named(settings)
        self.cache = cache
        self.refresh = refresh
        self.specs = dict(specs or {})
        self.notify = notify
        self.executor = executor
        self._translator: Translator | None = None
        self._summarizer: Summarizer | LeadSummarizer | None = None

    def spec(self, task: Task) -> ModelSpec:
        if task not in self.specs:
            self.specs.update(resolve_models(self.settings, [task], self.notify))
        return self.specs[task]

    def stage(self, task: Task) -> Stage:
        """The model stage for `task`, as an executor's worker builds it (a worker in this
        process shares this pipeline's translator or summarizer)."""
        local = self.translator if task == "translation" else self.summarizer
        lead = isinstance(local, LeadSummarizer)
        return Stage(task, self.settings, None if lead else self.spec(task), local)

    @property
    def translator(self) -> Translator:
        if self._translator is None:
            spec = self.spec("translation")
            self._translator = build_translator(
                self.settings, spec, self.cache, refresh=self.refresh
            )
        return self._translator

    @property
    def summarizer(self) -> Summarizer | LeadSummarizer:
        if self._summarizer is None:
            spec = None if lead_count(self.settings.summarizer) else self.spec("summarization")
            self._summarizer = build_summarizer(
                self.settings, spec, self.cache, refresh=self.refresh
            )
        return self._summarizer

    def prepare(self, path: Path) -> Document:
        """Read, clean and segment one article (segmentation is cached too)."""
        document = prepare(path, self.cache, self.settings.max_article_chars)
        replaced = document.article.replaced
        if replaced and self.notify:
            self.notify(
                f"warning: {path}: {count(replaced, 'byte')} not valid "
                f"{document.article.encoding}, read as U+FFFD (�)"
            )
        return document

    def translate(
        self, documents: Sequence[Document], progress: ProgressSink | None = None
    ) -> list[ArticleResult]:
        """Translate every Korean document's sentences together, in shared batches."""
        sink = progress or Silent()
        results = [ArticleResult(d.article.path, d.article.path.stem, d) for d in documents]
        translated, info = None, {}
        if any(r.translated for r in results):
            translator = self.translator
            sources = requests(self, results)
            sink.stage("translating", len(sources))
            translated = translator.translate(sources, progress=sink.advance)
            info = translator.describe()
        attach_translations(results, translated, info)
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
        sink = progress or Silent()
        summarizer = self.summarizer
        sink.stage("summarizing", len(results))

        def finished(index: int, summary: Summary) -> None:
            result = results[index]
            result.summary = summary
            result.models["summarizer"] = summarizer.describe()
            sink.advance(1)
            if done:
                done(result)

        summarizer.summarize([r.summary_input for r in results], finished)

    def translate_file(self, path: Path) -> ArticleResult:
        return self.translate([self.prepare(path)])[0]

    def summarize_file(self, path: Path) -> ArticleResult:
        """One article translated and summarized; ArticleError when it cannot be summarized."""
        result = self.translate_file(path)
        self.summarize([result])
        if result.summary is not None and result.summary.error is not None:
            raise ArticleError(f"{path}: {result.summary.error}")
        return result

    def run(
        self,
        folder: Path,
        out_dir: Path,
        progress: ProgressSink | None = None,
        written: Callable[[ArticleResult], None] | None = None,
    ) -> RunReport:
        """Every article in `folder` → `out_dir/<stem>/…` and `out_dir/index.jsonl`, each
        written as soon as it is done; `written(result)` after each article's files. Articles
        are recorded by their absolute path with the folder's links resolved, so the same
        article is the same article whichever folder the command started in."""
        paths = run_inputs(folder.resolve(), out_dir)
        if not paths:
            raise UsageError(f"no articles (.txt, .md, .html) found in {folder}")
        if self.executor is None:
            from summarizer.executors.local import LocalExecutor

            self.executor = LocalExecutor()
        stream = Stream(self, self.executor, out_dir, progress or Silent(), written)
        with outputs_lock(out_dir):
            return stream.run(paths)
