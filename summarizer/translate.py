"""Translate source segments through an engine: cache first, then length-sorted batches.

Segments that are too long for the model are split at clause or word boundaries and their
translations joined; nothing is ever truncated. Finished segments are written to the cache
after every batch, so an interrupted run loses at most one batch.

Chat models (causal LMs) get several consecutive segments per prompt, numbered; each numbered
line of the reply maps back to its segment. A reply whose numbering does not match is asked
again in halves, down to single segments.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.errors import UsageError
from summarizer.segment import split_to_fit

if TYPE_CHECKING:
    from summarizer.cache import Cache, NullCache
    from summarizer.engines import Model

TRANSLATE_SYSTEM = (
    "You are a professional translator. Translate each numbered Korean segment in the user's "
    "message into fluent, faithful English. Reply with exactly one line per segment, in the same "
    'order, each starting with its number ("1. ..."). Reply with the translations only: no notes, '
    "no explanations, and never merge, split or skip segments."
)
_NUMBERED_LINE = re.compile(r"^\s*(\d+)\s*[.):]\s*(.*)$")
# Output tokens reserved per source token and per numbered line of a chat model's reply.
_OUTPUT_PER_SOURCE_TOKEN = 1.5
_OUTPUT_PER_SEGMENT = 4


def numbered_prompt(segments: Sequence[str]) -> str:
    """The user message for a chat model: the segments numbered from 1, one per line."""
    lines = "\n".join(f"{n}. {' '.join(text.split())}" for n, text in enumerate(segments, 1))
    return f"Translate these {len(segments)} segments into English:\n{lines}"


def parse_numbered(reply: str, count: int) -> list[str] | None:
    """The `count` translations in a numbered reply, or None when the numbering does not match.

    Lines before "1." are ignored; an unnumbered line continues the item above it. A single
    segment needs no numbering: the whole reply (without a leading "1.") is its translation.
    """
    items: list[list[str]] = []
    for line in reply.splitlines():
        match = _NUMBERED_LINE.match(line)
        if match and int(match.group(1)) == len(items) + 1:
            items.append([match.group(2).strip()])
        elif items and line.strip():
            items[-1].append(line.strip())
    texts = [" ".join(part for part in item if part) for item in items]
    if count == 1:
        return [" ".join(texts) if texts else reply.strip()]
    if len(texts) != count or not all(texts):
        return None
    return texts


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
        return TRANSLATE_SYSTEM if self.chat else None

    @property
    def fingerprint(self) -> str:
        """The model's fingerprint, plus the prompt's when a chat model is prompted."""
        if not self.chat:
            return self.model.fingerprint
        prompt = f"{TRANSLATE_SYSTEM}\n{numbered_prompt(['{segment}'])}"
        return f"{self.model.fingerprint}/prompt-{hashlib.sha256(prompt.encode()).hexdigest()[:8]}"

    def describe(self) -> dict[str, object]:
        return {**self.model.describe(), "fingerprint": self.fingerprint}

    def translate(
        self, sources: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> Translated:
        """One translation per source, in order; `progress(n)` after every n finished."""
        advance = progress or (lambda _n: None)
        counts = Counter(sources)
        unique = list(counts)
        fingerprint = self.fingerprint
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
        if not self.chat:
            pieces.sort(key=lambda p: p.tokens, reverse=True)
        done: dict[str, str] = {}
        for start in range(0, len(pieces), self.batch_size):
            batch = pieces[start : start + self.batch_size]
            began = time.perf_counter()
            if self.chat:
                outputs = self._generate_numbered(batch)
            else:
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
        limit = self._piece_limit()

        def count(text: str) -> int:
            return self._token_counts([text])[0]

        pieces: list[_Piece] = []
        for number, (source, tokens) in enumerate(zip(todo, self._token_counts(todo), strict=True)):
            parts = [source] if tokens <= limit else split_to_fit(source, count, limit)
            sizes = [tokens] if len(parts) == 1 else [count(part) for part in parts]
            pieces.extend(
                _Piece(number, index, part, size)
                for index, (part, size) in enumerate(zip(parts, sizes, strict=True))
            )
        return pieces

    @property
    def chat(self) -> bool:
        return self.model.kind == "causal"

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """Seq2seq: each text's input length. Chat: the tokens a text adds to a numbered prompt."""
        engine = self.model.engine
        if not self.chat:
            return engine.count_tokens(texts, system=self.system)
        prompts = [numbered_prompt([""]), *(numbered_prompt([text]) for text in texts)]
        frame, *counts = engine.count_tokens(prompts, system=self.system)
        return [max(1, n - frame) for n in counts]

    def _piece_limit(self) -> int:
        """Most tokens one piece may have: it must fit the input, and for chat models the reply."""
        engine = self.model.engine
        if not self.chat:
            return engine.max_input_tokens
        frame = engine.count_tokens([numbered_prompt([""])], system=self.system)[0]
        reply_tokens = self.model.decoding["max_new_tokens"]
        reply = math.floor((reply_tokens - _OUTPUT_PER_SEGMENT) / _OUTPUT_PER_SOURCE_TOKEN)
        limit = min(engine.max_input_tokens - frame, reply)
        if limit < 1:
            raise UsageError(
                f"{self.model.spec.id} cannot fit a translation prompt of {frame} tokens and a "
                f"reply of {reply_tokens} tokens in its context; change the translator's "
                "max_new_tokens"
            )
        return limit

    def _groups(self, batch: Sequence[_Piece]) -> list[list[int]]:
        """Consecutive pieces per numbered prompt, so that prompt and reply fit the model."""
        engine = self.model.engine
        budget = self.model.decoding["max_new_tokens"]
        groups: list[list[int]] = []
        used = 0
        for index, piece in enumerate(batch):
            cost = math.ceil(piece.tokens * _OUTPUT_PER_SOURCE_TOKEN) + _OUTPUT_PER_SEGMENT
            if groups and used + cost <= budget:
                texts = [batch[i].text for i in (*groups[-1], index)]
                prompt = numbered_prompt(texts)
                if engine.count_tokens([prompt], system=self.system)[0] <= engine.max_input_tokens:
                    groups[-1].append(index)
                    used += cost
                    continue
            groups.append([index])
            used = cost
        return groups

    def _generate_numbered(self, batch: Sequence[_Piece]) -> list[str]:
        """Chat models: one prompt per group; a reply with the wrong count is retried in halves."""
        outputs: dict[int, str] = {}
        pending = self._groups(batch)
        while pending:
            prompts = [numbered_prompt([batch[i].text for i in group]) for group in pending]
            replies = self.model.engine.generate(prompts, system=self.system)
            retry: list[list[int]] = []
            for group, reply in zip(pending, replies, strict=True):
                parsed = parse_numbered(reply, len(group))
                if parsed is None:
                    half = len(group) // 2
                    retry.extend([group[:half], group[half:]])
                else:
                    outputs.update(zip(group, parsed, strict=True))
            pending = retry
        return [outputs[i] for i in range(len(batch))]


def _order(piece: _Piece) -> int:
    return piece.index
