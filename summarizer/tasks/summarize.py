"""Summarize English texts: cache first, map-reduce for texts longer than the model's context.

A text that fits is summarized in one pass (several texts per batch). A longer one is cut at
sentence boundaries into chunks that fit, each chunk is summarized, and the joined partial
summaries are summarized again until they fit: nothing is truncated.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.checks import check_summary
from summarizer.errors import ArticleError, UsageError
from summarizer.text.markup import plain_text
from summarizer.text.segment import pack, split_english, split_to_fit

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.engines import Model

SUMMARY_SYSTEM = (
    "You summarize news articles. Write a faithful English summary of the user's article in at "
    "most {sentences} sentences and {words} words, keeping the key facts and numbers. Reply with "
    "the summary only."
)
RETRY_REQUEST = (
    "Summarize the news article above in at most {sentences} sentences and {words} words. Use "
    "only facts from the article. Reply with the summary only."
)
"""A chat model whose summary is empty, not English, loops or is off topic is asked again with
the request after the article, where a small model cannot miss it."""
RETRY_BEAMS = 4
"""Other summarizers are asked again with beam search."""
RETRY_NO_REPEAT = 3
"""Every retry blocks repeated trigrams, as BART's CNN/DailyMail settings do: no loops."""
SEVERE = frozenset({"empty", "not English", "loop", "off topic"})
"""Flags that make a summary worth asking for again; unsupported names alone do not."""
_MAX_ROUNDS = 8
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([.,;:!?%])")


@dataclass(frozen=True)
class Summary:
    text: str
    cached: bool
    seconds: float
    rounds: int
    retried: dict[str, Any] | None = None
    """How the summary was asked for again, which attempt was kept, and the other one."""
    error: str | None = None
    """Why there is no summary (the text is empty then); such a summary is never cached."""


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
        """The model's, the summary length's, the retry rule's and, for chat models, the
        prompts' fingerprint."""
        base = f"{self.model.fingerprint}/s{self.sentences}w{self.words}"
        if self.system is None:
            return f"{base}/retry-b{RETRY_BEAMS}-nr{RETRY_NO_REPEAT}"
        prompts = f"{self.system}\n{RETRY_REQUEST}".encode()
        digest = hashlib.sha256(prompts).hexdigest()[:8]
        return f"{base}/retry-request-nr{RETRY_NO_REPEAT}/prompt-{digest}"

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
        """One summary per text; `done(i, summary)` as each is ready (cached ones first). A
        text that map-reduce cannot shorten gets a Summary with `error` set, and the others
        go on."""
        report = done or (lambda _i, _s: None)
        found = self.lookup(texts)
        records = self.retries(list(found))
        results: dict[int, Summary] = {}
        for i, text in enumerate(texts):
            if text in found:
                results[i] = cached_summary(found[text], records.get(text))
                report(i, results[i])
        todo = [i for i in range(len(texts)) if i not in results]
        if todo:
            fits = self._fits([texts[i] for i in todo])
            short = [i for i, ok in zip(todo, fits, strict=True) if ok]
            for start in range(0, len(short), self.batch_size):
                batch = short[start : start + self.batch_size]
                began = time.perf_counter()
                batch_texts = [texts[i] for i in batch]
                outputs = self._checked(batch_texts, self._generate(batch_texts))
                share = (time.perf_counter() - began) / len(batch)
                for i, output in zip(batch, outputs, strict=True):
                    results[i] = self._finish(texts[i], output, share, rounds=1, report=(report, i))
            for i in (i for i, ok in zip(todo, fits, strict=True) if not ok):
                began = time.perf_counter()
                try:
                    reduced, rounds = self._map_reduce(texts[i])
                except ArticleError as exc:
                    seconds = time.perf_counter() - began
                    results[i] = Summary("", False, seconds, 0, error=str(exc))
                    report(i, results[i])
                    continue
                output = self._checked([texts[i]], self._generate([reduced]), [reduced])[0]
                seconds = time.perf_counter() - began
                results[i] = self._finish(texts[i], output, seconds, rounds, report=(report, i))
        return [results[i] for i in range(len(texts))]

    def lookup(self, texts: Sequence[str]) -> dict[str, str]:
        """Cached summaries of the texts that have one (none with `refresh`)."""
        return {} if self.refresh else self.cache.get_many("summary", self.fingerprint, texts)

    def retries(self, texts: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The retry records of cached summaries that were asked for again."""
        found = self.cache.get_many("summary-retry", self.fingerprint, texts) if texts else {}
        return {text: json.loads(record) for text, record in found.items()}

    def store(self, summaries: dict[str, Summary]) -> None:
        """Write text → summary (and its retry record) to the cache."""
        model_id, fingerprint = self.model.spec.id, self.fingerprint
        records = {t: json.dumps(s.retried, ensure_ascii=False) for t, s in summaries.items()}
        retried = {t: record for t, record in records.items() if summaries[t].retried}
        self.cache.put_many("summary-retry", fingerprint, model_id, retried)
        texts = {text: summary.text for text, summary in summaries.items()}
        self.cache.put_many("summary", fingerprint, model_id, texts)

    def _finish(
        self,
        text: str,
        output: tuple[str, dict[str, Any] | None],
        seconds: float,
        rounds: int,
        report: tuple[Callable[[int, Summary], None], int],
    ) -> Summary:
        summary = Summary(
            output[0], cached=False, seconds=seconds, rounds=rounds, retried=output[1]
        )
        self.store({text: summary})
        callback, index = report
        callback(index, summary)
        return summary

    def _checked(
        self,
        articles: Sequence[str],
        outputs: Sequence[str],
        inputs: Sequence[str] | None = None,
    ) -> list[tuple[str, dict[str, Any] | None]]:
        """Trimmed summaries; one with a severe flag (`SEVERE`) is asked for again
        (from `inputs`, the texts the model read, when they are not the articles), and the
        attempt with fewer severe flags is kept (ties: the first) with a record of the other."""
        trimmed = [self.trim(output) for output in outputs]
        severe = [
            _severe(summary, article) for summary, article in zip(trimmed, articles, strict=True)
        ]
        again = [i for i, flags in enumerate(severe) if flags]
        if not again:
            return [(summary, None) for summary in trimmed]
        read = inputs or articles
        retried = self._generate([read[i] for i in again], retry=True)
        kept: list[tuple[str, dict[str, Any] | None]] = [(s, None) for s in trimmed]
        for i, output in zip(again, retried, strict=True):
            second = self.trim(output)
            flags = _severe(second, articles[i])
            better = len(flags) < len(severe[i])
            other, other_flags = (trimmed[i], severe[i]) if better else (second, flags)
            kept[i] = (
                second if better else trimmed[i],
                {
                    "how": self.retry_rule,
                    "kept": "retry" if better else "first",
                    "other": other,
                    "other_flags": other_flags,
                },
            )
        return kept

    @property
    def retry_rule(self) -> str:
        how = "the request after the article" if self.system else f"beam {RETRY_BEAMS}"
        return f"{how}, no repeated {RETRY_NO_REPEAT}-grams"

    def trim(self, text: str) -> str:
        """At most `sentences` sentences and `words` words: cut at sentence ends, and at a word
        boundary when even the first sentence (or a text without sentence ends) is too long."""
        text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(plain_text(text).split()))
        kept = split_english(text)[: self.sentences]
        while len(kept) > 1 and len(" ".join(kept).split()) > self.words:
            kept.pop()
        return " ".join(" ".join(kept).split()[: self.words])

    def _fits(self, texts: Sequence[str]) -> list[bool]:
        engine = self.model.engine
        counts = engine.count_tokens(texts, system=self.system)
        return [count <= engine.max_input_tokens for count in counts]

    def _generate(self, texts: Sequence[str], *, retry: bool = False) -> list[str]:
        outputs: list[str] = []
        request = RETRY_REQUEST.format(sentences=self.sentences, words=self.words)
        for start in range(0, len(texts), self.batch_size):
            chunk = texts[start : start + self.batch_size]
            engine = self.model.engine
            if not retry:
                outputs.extend(engine.generate(chunk, system=self.system))
            elif self.system:
                asked = [f"{text}\n\n{request}" for text in chunk]
                outputs.extend(
                    engine.generate(asked, system=self.system, no_repeat_ngram_size=RETRY_NO_REPEAT)
                )
            else:
                outputs.extend(
                    engine.generate(
                        chunk, num_beams=RETRY_BEAMS, no_repeat_ngram_size=RETRY_NO_REPEAT
                    )
                )
        return outputs

    def _map_reduce(self, text: str) -> tuple[str, int]:
        """Summarize chunks, then join the partial summaries, until the joined text fits one
        pass: that text and the number of passes it will have taken."""
        rounds = 0
        while not self._fits([text])[0]:
            rounds += 1
            size = self._count(text)
            partials = self._generate(self._chunks(text))
            text = " ".join(p for p in partials if p)
            if rounds >= _MAX_ROUNDS or self._count(text) >= size:
                raise ArticleError(
                    f"summarizer {self.model.spec.id} does not shorten its input "
                    f"(round {rounds}); try a model with a longer context"
                )
        return text, rounds + 1

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


def cached_summary(text: str, record: dict[str, Any] | None) -> Summary:
    return Summary(plain_text(text), cached=True, seconds=0.0, rounds=0, retried=record)


def _severe(summary: str, article: str) -> list[dict[str, str]]:
    return [f.to_json() for f in check_summary(summary, article) if f.check in SEVERE]
