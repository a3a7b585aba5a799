"""Translate source segments through an engine: cache first, then length-sorted batches.

Segments that are too long for the model are split at clause or word boundaries and their
translations joined; nothing is ever truncated. `Translator.translate` writes finished segments
to the cache after every batch, so an interrupted run loses at most one batch; `compute` does the
model work alone, for an executor whose driver owns the cache.

Chat models (causal LMs) get one segment per prompt after a fixed instruction (on
CTranslate2 the instruction is a prefix computed once); the first line of the reply is the
translation. That shape was chosen on NTREX-128's development documents (benchmarks/RESULTS.md):
it scored as well as several numbered segments per prompt, as the previous sentences as context
or as example turns, and cost the least.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.checks import Flag, check_translations
from summarizer.checks.adequacy import similarities
from summarizer.errors import UsageError
from summarizer.tasks import fewshot
from summarizer.text.markup import plain_text
from summarizer.text.segment import split_to_fit

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.engines import Model

TRANSLATE_SYSTEM = (
    "You are a professional Korean-to-English news translator. Translate the user's Korean "
    "sentence into fluent, faithful English. Reply with the English translation only. Keep every "
    "name, number, date and unit exactly as in the Korean; write Korean names of people and "
    "places in their usual English spelling; do not add anything that the Korean does not say."
)
# Output tokens reserved per source token, and for the reply's end.
_OUTPUT_PER_SOURCE_TOKEN = 1.5
_OUTPUT_PER_SEGMENT = 4


def first_line(reply: str) -> str:
    """The translation in a chat reply: its first non-empty line (a note after it is dropped)."""
    return next((line.strip() for line in reply.splitlines() if line.strip()), "")


RETRY_BEAMS = 4


@dataclass(frozen=True)
class Translated:
    """Translations aligned with the sources, with where each came from and what it cost,
    the checks' flags on each, and for a retried segment what the first attempt gave."""

    texts: list[str]
    cached: list[bool]
    seconds: list[float]
    flags: list[list[Flag]]
    retries: list[dict[str, object] | None]

    @property
    def hits(self) -> int:
        return sum(self.cached)

    @property
    def misses(self) -> int:
        return len(self.cached) - self.hits


@dataclass(frozen=True)
class Computed:
    """Translations of cache misses, computed without the cache (what a worker returns):
    source → translation, source → its retry record (JSON), source → seconds spent."""

    texts: dict[str, str]
    retries: dict[str, str]
    seconds: dict[str, float]


@dataclass
class _Piece:
    source: int
    index: int
    text: str
    tokens: int
    output: str | None = None
    retry: dict[str, object] | None = None


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
        """The model's fingerprint, the prompt's for prompted LMs, and the retry rule's (qe: the
        adequacy score breaks ties between attempts)."""
        if self.completion:
            return f"{self.model.fingerprint}/retry-examples-qe/fewshot-{fewshot.fingerprint()}"
        base = f"{self.model.fingerprint}/retry-b{RETRY_BEAMS}-qe"
        if not self.chat:
            return base
        prompt = f"{TRANSLATE_SYSTEM}\n{{segment}}/first-line"
        return f"{base}/prompt-{hashlib.sha256(prompt.encode()).hexdigest()[:8]}"

    def describe(self) -> dict[str, object]:
        return {**self.model.describe(), "fingerprint": self.fingerprint}

    def translate(
        self, sources: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> Translated:
        """One translation per source, in order; `progress(n)` after every n finished."""
        advance = progress or (lambda _n: None)
        counts = Counter(sources)
        unique = list(counts)
        found = self.lookup(unique)
        advance(sum(counts[s] for s in found))

        def finished_batch(batch: Computed) -> None:
            self.store(batch)
            advance(sum(counts[s] for s in batch.texts))

        computed = self.compute([s for s in unique if s not in found], finished_batch)
        return self.assemble(sources, found, computed)

    def lookup(self, sources: Sequence[str]) -> dict[str, str]:
        """Cached translations of the sources that have one (none with `refresh`)."""
        return {} if self.refresh else self.cache.get_many("translation", self.fingerprint, sources)

    def store(self, computed: Computed) -> None:
        """Write computed translations (and their retry records) to the cache."""
        model_id, fingerprint = self.model.spec.id, self.fingerprint
        self.cache.put_many("translation-retry", fingerprint, model_id, computed.retries)
        self.cache.put_many("translation", fingerprint, model_id, computed.texts)

    def assemble(
        self, sources: Sequence[str], found: dict[str, str], computed: Computed
    ) -> Translated:
        """Cached and computed translations aligned with `sources`, with their flags."""
        counts = Counter(sources)
        texts = {**{s: plain_text(t) for s, t in found.items()}, **computed.texts}
        records = {**self._retries(list(found)), **computed.retries}
        return Translated(
            texts=[texts[s] for s in sources],
            cached=[s not in computed.texts for s in sources],
            seconds=[computed.seconds.get(s, 0.0) / counts[s] for s in sources],
            flags=check_translations(sources, [texts[s] for s in sources]),
            retries=[json.loads(records[s]) if s in records else None for s in sources],
        )

    def _retries(self, sources: Sequence[str]) -> dict[str, str]:
        return self.cache.get_many("translation-retry", self.fingerprint, sources)

    def compute(
        self, todo: Sequence[str], finished_batch: Callable[[Computed], None] | None = None
    ) -> Computed:
        """Translate unique sources without the cache; `finished_batch` after every batch
        with the sources it finished."""
        seconds = dict.fromkeys(todo, 0.0)
        done = Computed({}, {}, seconds)
        if not todo:
            return done
        pieces = self._pieces(list(todo))
        remaining = [0] * len(todo)
        for piece in pieces:
            remaining[piece.source] += 1
        pieces.sort(key=lambda p: p.tokens, reverse=True)
        for start in range(0, len(pieces), self.batch_size):
            batch = pieces[start : start + self.batch_size]
            began = time.perf_counter()
            for piece, output in zip(batch, self._generate(batch), strict=True):
                piece.output = output
            self._retry_flagged(batch)
            share = (time.perf_counter() - began) / len(batch)
            finished = Computed({}, {}, {})
            for piece in batch:
                seconds[todo[piece.source]] += share
                remaining[piece.source] -= 1
                if remaining[piece.source] == 0:
                    parts = sorted((p for p in pieces if p.source == piece.source), key=_order)
                    source = todo[piece.source]
                    finished.texts[source] = " ".join(p.output or "" for p in parts).strip()
                    attempts = [p.retry for p in parts if p.retry]
                    if attempts:
                        finished.retries[source] = json.dumps(
                            attempts[0] if len(attempts) == 1 else {"pieces": attempts},
                            ensure_ascii=False,
                        )
            done.texts.update(finished.texts)
            done.retries.update(finished.retries)
            if finished_batch:
                finished_batch(finished)
        return done

    def _generate(self, batch: Sequence[_Piece], *, retry: bool = False) -> list[str]:
        """Translations of the pieces, as plain text (markup a model wrote removed)."""
        return [plain_text(output) for output in self._replies(batch, retry=retry)]

    def _replies(self, batch: Sequence[_Piece], *, retry: bool = False) -> list[str]:
        """The model's replies. A retry uses beam search, except for few-shot base models,
        which are asked again greedily with other examples: beam search over their long
        example prefix costs several times a greedy pass on a CPU."""
        beams = RETRY_BEAMS if retry else None
        if self.chat:
            replies = self.model.engine.generate(
                [p.text for p in batch], system=self.system, num_beams=beams
            )
            return [first_line(reply) for reply in replies]
        if self.completion:
            examples = fewshot.RETRY_EXAMPLES if retry else fewshot.EXAMPLES
            queries = [fewshot.query(p.text) for p in batch]
            shared = fewshot.shots(examples)
            replies = self.model.engine.generate(queries, system=shared)
            return [fewshot.first_line(reply) for reply in replies]
        return self.model.engine.generate([p.text for p in batch], num_beams=beams)

    def _retry_flagged(self, batch: Sequence[_Piece]) -> None:
        """Ask again for flagged pieces; keep the attempt with fewer flags and, as many, the one
        the adequacy check scores higher (ties: the first); record the other one with both
        attempts' flags and scores."""
        texts = [p.text for p in batch]
        checked = check_translations(texts, [p.output or "" for p in batch])
        flagged = [(p, flags) for p, flags in zip(batch, checked, strict=True) if flags]
        if not flagged:
            return
        again = self._generate([p for p, _ in flagged], retry=True)
        sources = [p.text for p, _ in flagged]
        firsts = [p.output or "" for p, _ in flagged]
        rechecked = check_translations(sources, again)
        first_scores = similarities(sources, firsts)
        retry_scores = similarities(sources, again)
        how = "other examples, greedy" if self.completion else f"beam {RETRY_BEAMS}"
        for (piece, flags), output, new_flags, first_score, retry_score in zip(
            flagged, again, rechecked, first_scores, retry_scores, strict=True
        ):
            better = (len(new_flags), -retry_score) < (len(flags), -first_score)
            first = piece.output or ""
            piece.output = output if better else first
            other, other_flags = (first, flags) if better else (output, new_flags)
            piece.retry = {
                "how": how,
                "kept": "retry" if better else "first",
                "other": other,
                "other_flags": [f.to_json() for f in other_flags],
                "scores": {"first": round(first_score, 4), "retry": round(retry_score, 4)},
            }

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
        return self.model.kind == "chat"

    @property
    def completion(self) -> bool:
        return self.model.kind == "completion"

    def _frame(self, text: str) -> str:
        """The prompt around one text: few-shot for base LMs, the text itself for chat models
        (the instruction is their system prompt)."""
        return fewshot.render(text) if self.completion else " ".join(text.split())

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """Seq2seq: each text's input length. LMs: the tokens a text adds to its prompt."""
        engine = self.model.engine
        if self.kind_is_seq2seq:
            return engine.count_tokens(texts, system=self.system)
        prompts = [self._frame(""), *(self._frame(text) for text in texts)]
        frame, *counts = engine.count_tokens(prompts, system=self.system)
        return [max(1, n - frame) for n in counts]

    @property
    def kind_is_seq2seq(self) -> bool:
        return not (self.chat or self.completion)

    def _piece_limit(self) -> int:
        """Most tokens one piece may have: it must fit the input, and for LMs the reply."""
        engine = self.model.engine
        if self.kind_is_seq2seq:
            return engine.max_input_tokens
        frame = engine.count_tokens([self._frame("")], system=self.system)[0]
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


def _order(piece: _Piece) -> int:
    return piece.index
