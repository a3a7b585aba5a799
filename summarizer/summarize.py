"""Summarize English texts: cache first, map-reduce for texts longer than the model's context.

A text that fits is summarized in one pass (several texts per batch). A longer one is cut at
sentence boundaries into chunks that fit, each chunk is summarized, and the joined partial
summaries are summarized again until they fit: nothing is truncated.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.errors import SummarizerError, UsageError
from summarizer.segment import pack, split_english, split_to_fit

if TYPE_CHECKING:
    from summarizer.cache import Cache, NullCache
    from summarizer.engines import Model

SUMMARY_SYSTEM = (
    "You summarize news articles. Write a faithful English summary of the user's article in at "
    "most {sentences} sentences and {words} words, keeping the key facts and numbers. Reply with "
    "the summary only."
)
_MAX_ROUNDS = 8
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?%])")


@dataclass(frozen=True)
class Summary:
    text: str
    cached: bool
    seconds: float
    rounds: int


class Summarizer:
    """Short English summaries of many texts, shared by every command."""

    def __init__(
        self,
        model: Model,
        cache: Cache | NullCache,
        *,
        sentences: int = 3,
        words: int = 80,
        batch_size: int = 4,
        refresh: bool = False,
    ) -> None:
        if model.kind == "completion":
            raise UsageError(
                f"{model.spec.id} is a base language model without a chat template: it can "
                "translate from examples but not follow a summarizing instruction; choose a "
                "summarizer such as smollm2 or distilbart-cnn-12-6"
            )
        self.model = model
        self.cache = cache
        self.sentences = sentences
        self.words = words
        self.batch_size = batch_size
        self.refresh = refresh

    @property
    def system(self) -> str | None:
        if self.model.kind != "chat":
            return None
        return SUMMARY_SYSTEM.format(sentences=self.sentences, words=self.words)

    @property
    def fingerprint(self) -> str:
        """The model's, the summary length's and, for chat models, the prompt's fingerprint."""
        base = f"{self.model.fingerprint}/s{self.sentences}w{self.words}"
        if self.system is None:
            return base
        return f"{base}/prompt-{hashlib.sha256(self.system.encode()).hexdigest()[:8]}"

    def describe(self) -> dict[str, object]:
        return {
            **self.model.describe(),
            "summary_sentences": self.sentences,
            "summary_words": self.words,
            "fingerprint": self.fingerprint,
        }

    def summarize(
        self, texts: Sequence[str], done: Callable[[int, Summary], None] | None = None
    ) -> list[Summary]:
        """One summary per text; `done(i, summary)` as each is ready (cached ones first)."""
        report = done or (lambda _i, _s: None)
        found = self.lookup(texts)
        results: dict[int, Summary] = {}
        for i, text in enumerate(texts):
            if text in found:
                results[i] = Summary(found[text], cached=True, seconds=0.0, rounds=0)
                report(i, results[i])
        todo = [i for i in range(len(texts)) if i not in results]
        if todo:
            fits = self._fits([texts[i] for i in todo])
            short = [i for i, ok in zip(todo, fits, strict=True) if ok]
            for start in range(0, len(short), self.batch_size):
                batch = short[start : start + self.batch_size]
                began = time.perf_counter()
                outputs = self._generate([texts[i] for i in batch])
                share = (time.perf_counter() - began) / len(batch)
                for i, output in zip(batch, outputs, strict=True):
                    results[i] = self._finish(texts[i], output, share, rounds=1, report=(report, i))
            for i in (i for i, ok in zip(todo, fits, strict=True) if not ok):
                began = time.perf_counter()
                output, rounds = self._map_reduce(texts[i])
                seconds = time.perf_counter() - began
                results[i] = self._finish(texts[i], output, seconds, rounds, report=(report, i))
        return [results[i] for i in range(len(texts))]

    def lookup(self, texts: Sequence[str]) -> dict[str, str]:
        """Cached summaries of the texts that have one (none with `refresh`)."""
        return {} if self.refresh else self.cache.get_many("summary", self.fingerprint, texts)

    def store(self, summaries: dict[str, str]) -> None:
        """Write text → summary pairs to the cache."""
        self.cache.put_many("summary", self.fingerprint, self.model.spec.id, summaries)

    def _finish(
        self,
        text: str,
        output: str,
        seconds: float,
        rounds: int,
        report: tuple[Callable[[int, Summary], None], int],
    ) -> Summary:
        summary = Summary(self.trim(output), cached=False, seconds=seconds, rounds=rounds)
        self.store({text: summary.text})
        callback, index = report
        callback(index, summary)
        return summary

    def trim(self, text: str) -> str:
        """At most `sentences` sentences and `words` words: cut at sentence ends, and at a word
        boundary when even the first sentence (or a text without sentence ends) is too long."""
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))
        kept = split_english(text)[: self.sentences]
        while len(kept) > 1 and len(" ".join(kept).split()) > self.words:
            kept.pop()
        return " ".join(" ".join(kept).split()[: self.words])

    def _fits(self, texts: Sequence[str]) -> list[bool]:
        engine = self.model.engine
        counts = engine.count_tokens(texts, system=self.system)
        return [count <= engine.max_input_tokens for count in counts]

    def _generate(self, texts: Sequence[str]) -> list[str]:
        outputs: list[str] = []
        for start in range(0, len(texts), self.batch_size):
            chunk = texts[start : start + self.batch_size]
            outputs.extend(self.model.engine.generate(chunk, system=self.system))
        return outputs

    def _map_reduce(self, text: str) -> tuple[str, int]:
        """Summarize chunks, then the joined partial summaries, until one pass fits."""
        rounds = 0
        while not self._fits([text])[0]:
            rounds += 1
            size = self._count(text)
            partials = self._generate(self._chunks(text))
            text = " ".join(p for p in partials if p)
            if rounds >= _MAX_ROUNDS or self._count(text) >= size:
                raise SummarizerError(
                    f"summarizer {self.model.spec.id} does not shorten its input "
                    f"(round {rounds}); try a model with a longer context"
                )
        return self._generate([text])[0], rounds + 1

    def _count(self, text: str) -> int:
        return self.model.engine.count_tokens([text], system=self.system)[0]

    def _chunks(self, text: str) -> list[str]:
        """Consecutive sentences packed into chunks that each fit the model's input."""
        limit = self.model.engine.max_input_tokens
        sentences = [
            piece
            for sentence in split_english(text)
            for piece in split_to_fit(sentence, self._count, limit)
        ]
        return pack(sentences, self._count, limit)
