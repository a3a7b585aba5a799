"""Translate Korean news into English, summarize it, cache the work and score the summaries.

The library behind the `summarizer` command::

    from pathlib import Path
    from summarizer import Cache, Pipeline, load_settings

    settings = load_settings().with_overrides(translator="models/opus-mt-ko-en")
    with Cache(Path("outputs/cache.sqlite")) as cache:
        result = Pipeline(settings, cache).summarize_file(Path("article.txt"))
    print(result.translation, result.summary.text)

Heavy dependencies (torch, transformers) load only when a model must run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.lazy import exports

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.config import Settings, load_settings
    from summarizer.errors import SummarizerError
    from summarizer.pipeline.core import ArticleResult, Pipeline, RunReport

__getattr__ = exports(
    __name__,
    {
        "summarizer.cache.null": ("NullCache",),
        "summarizer.cache.store": ("Cache",),
        "summarizer.config": ("Settings", "load_settings"),
        "summarizer.errors": ("SummarizerError",),
        "summarizer.pipeline.core": ("ArticleResult", "Pipeline", "RunReport"),
    },
)
__all__ = [
    "ArticleResult",
    "Cache",
    "NullCache",
    "Pipeline",
    "RunReport",
    "Settings",
    "SummarizerError",
    "load_settings",
]
