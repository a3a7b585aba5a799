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

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.cache.store import Cache, NullCache
    from summarizer.config import Settings, load_settings
    from summarizer.errors import SummarizerError
    from summarizer.pipeline.core import ArticleResult, Pipeline, RunReport

_HOMES = {
    "ArticleResult": "summarizer.pipeline.core",
    "Cache": "summarizer.cache.store",
    "NullCache": "summarizer.cache.store",
    "Pipeline": "summarizer.pipeline.core",
    "RunReport": "summarizer.pipeline.core",
    "Settings": "summarizer.config",
    "SummarizerError": "summarizer.errors",
    "load_settings": "summarizer.config",
}
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


def __getattr__(name: str) -> Any:
    """The public names, imported on first use so that `import summarizer.cli` stays light."""
    if name not in _HOMES:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    return getattr(importlib.import_module(_HOMES[name]), name)
