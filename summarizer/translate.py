"""Translate source segments through an engine: cache first, then length-sorted batches.

Segments that are too long for the model are split at clause or word boundaries and their
translations joined; nothing is ever truncated. Finished segments are written to the cache
after every batch, so an interrupted run loses at most one batch.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.segment import split_to_fit

if TYPE_CHECKING:
    from summarizer.cache import Cache, NullCache
    from summarizer.engines import Model

TRANSLATE_SYSTEM = (
    "You are a professional translator. Translate the user's Korean text into fluent, faithful "
    "English. Reply with the translation only, without notes or explanations."
)


@dataclass(frozen=True)
class Translated:
    """Translations aligned with the sources, with where each came from and what it cost."""

    texts: list[str]
    cached: list[bool]
    seconds: list[float]

    @property
    def hits(self) -> int:
        return sum(self.cached)

    @property
    def misses(self) -> int:
        return len(self.cached) - self.hits


@dataclass
class _Piece:
    source: int
    index: int
    text: str
    tokens: int
    output: str | None = None


class Translator:
    """Korean → English for many segments at once, shared by every command."""

    def __init__(
        self,
        model: Model,
        cache: Cache | NullCache,
        *,
        batch_size: int = 32,
        refresh: bool = False,
    ) -> None:
        self.model = model
        self.cache = cache
        self.batch_size = batch_size
        self.refresh = refresh

    @property
    def system(self) -> str | None:
        return TRANSLATE_SYSTEM if self.model.kind == "causal" else None

    def translate(
        self, sources: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> Translated:
        """One translation per source, in order; `progress(n)` after every n finished."""
        advance = progress or (lambda _n: None)
        counts = Counter(sources)
        unique = list(counts)
        fingerprint = self.model.fingerprint
        found = {} if self.refresh else self.cache.get_many("translation", fingerprint, unique)
        advance(sum(counts[s] for s in found))
        todo = [s for s in unique if s not in found]
        seconds = dict.fromkeys(unique, 0.0)
        if todo:

            def finished_batch(batch: dict[str, str]) -> None:
                advance(sum(counts[s] for s in batch))

            found = {**found, **self._run(todo, fingerprint, seconds, finished_batch)}
        computed = set(todo)
        return Translated(
            texts=[found[s] for s in sources],
            cached=[s not in computed for s in sources],
            seconds=[seconds[s] / counts[s] for s in sources],
        )

    def _run(
        self,
        todo: list[str],
        fingerprint: str,
        seconds: dict[str, float],
        finished_batch: Callable[[dict[str, str]], None],
    ) -> dict[str, str]:
        pieces = self._pieces(todo)
        remaining = [0] * len(todo)
        for piece in pieces:
            remaining[piece.source] += 1
        pieces.sort(key=lambda p: p.tokens, reverse=True)
        done: dict[str, str] = {}
        for start in range(0, len(pieces), self.batch_size):
            batch = pieces[start : start + self.batch_size]
            began = time.perf_counter()
            outputs = self.model.engine.generate([p.text for p in batch], system=self.system)
            share = (time.perf_counter() - began) / len(batch)
            finished: dict[str, str] = {}
            for piece, output in zip(batch, outputs, strict=True):
                piece.output = output
                seconds[todo[piece.source]] += share
                remaining[piece.source] -= 1
                if remaining[piece.source] == 0:
                    parts = sorted((p for p in pieces if p.source == piece.source), key=_order)
                    finished[todo[piece.source]] = " ".join(p.output or "" for p in parts).strip()
            self.cache.put_many("translation", fingerprint, self.model.spec.id, finished)
            done.update(finished)
            finished_batch(finished)
        return done

    def _pieces(self, todo: list[str]) -> list[_Piece]:
        engine = self.model.engine
        limit = engine.max_input_tokens

        def count(text: str) -> int:
            return engine.count_tokens([text], system=self.system)[0]

        pieces: list[_Piece] = []
        for number, (source, tokens) in enumerate(
            zip(todo, engine.count_tokens(todo, system=self.system), strict=True)
        ):
            parts = [source] if tokens <= limit else split_to_fit(source, count, limit)
            sizes = [tokens] if len(parts) == 1 else [count(part) for part in parts]
            pieces.extend(
                _Piece(number, index, part, size)
                for index, (part, size) in enumerate(zip(parts, sizes, strict=True))
            )
        return pieces


def _order(piece: _Piece) -> int:
    return piece.index
