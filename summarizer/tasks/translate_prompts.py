"""How segments are put to a translation model: the prompt around each, pieces that fit.

Chat models (causal LMs) get one segment per prompt after a fixed instruction (on
CTranslate2 the instruction is a prefix computed once); the first line of the reply is the
translation. That shape was chosen on NTREX-128's development documents (benchmarks/HISTORY.md):
it scored as well as several numbered segments per prompt, as the previous sentences as context
or as example turns, and cost the least. Base models are prompted with examples (`fewshot`);
seq2seq models read the segment as it is. A segment too long for the model's input (or, for
LMs, for its reply) is split at clause or word boundaries into pieces.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.checks.amounts import korean_amounts
from summarizer.errors import UsageError
from summarizer.tasks import candidates, fewshot, hints
from summarizer.text.segment import split_to_fit

if TYPE_CHECKING:
    from summarizer.checks.flag import Flag
    from summarizer.engines import Model, Sampling
    from summarizer.names import Pair

TRANSLATE_SYSTEM = (
    "You are a professional Korean-to-English news translator. Translate the user's Korean "
    "sentence into fluent, faithful English. Reply with the English translation only. Keep every "
    "name, number, date and unit exactly as in the Korean; write Korean names of people and "
    "places in their usual English spelling; do not add anything that the Korean does not say."
)
# Output tokens reserved per source token, and for the reply's end.
_OUTPUT_PER_SOURCE_TOKEN = 1.5
_OUTPUT_PER_SEGMENT = 4


FINDINGS = (
    "{segment}\n\n(An earlier translation of this sentence was wrong: {findings}. "
    "Translate the Korean sentence again, correctly.)"
)
"""How a chat model is asked again for a flagged segment: greedy, told what the checks found."""


def with_findings(text: str, flags: Sequence[Flag]) -> str:
    """A flagged segment put to a chat model again: the Korean, then what the checks found
    wrong with the first translation ("numbers: 10억 (1 billion) is missing")."""
    found = "; ".join(f"{flag.check}: {flag.detail}" for flag in flags)
    return FINDINGS.format(segment=text, findings=found)


def first_line(reply: str) -> str:
    """The translation in a chat reply: its first non-empty line (a note after it is dropped)."""
    return next((line.strip() for line in reply.splitlines() if line.strip()), "")


@dataclass
class Piece:
    """A segment, or a part of one too long for the model, and what became of it."""

    source: int
    index: int
    text: str
    tokens: int
    pairs: list[Pair] = field(default_factory=list)
    output: str | None = None
    retry: dict[str, object] | None = None


class Prompts:
    """A translation model's prompting: chat (an instruction), completion (examples) or seq2seq."""

    def __init__(self, model: Model) -> None:
        self.model = model

    @property
    def chat(self) -> bool:
        return self.model.kind == "chat"

    @property
    def completion(self) -> bool:
        return self.model.kind == "completion"

    @property
    def seq2seq(self) -> bool:
        return not (self.chat or self.completion)

    @property
    def system(self) -> str | None:
        return TRANSLATE_SYSTEM if self.chat else None

    def hinted(self, text: str, pairs: Sequence[Pair]) -> str:
        """What a chat model reads for a text: the text, then its terms and its amounts by rule
        (`summarizer.tasks.hints`)."""
        return hints.with_hints(text, [*pairs, *korean_amounts(text)])

    def replies(
        self,
        texts: Sequence[str],
        pairs: Sequence[Sequence[Pair]] | None = None,
        *,
        retry: bool = False,
        num_beams: int | None = None,
    ) -> list[str]:
        """The translations in the model's replies to `texts`, told each text's `pairs` (a
        language model; a seq2seq model cannot be); a retry of a few-shot base model uses
        other examples."""
        engine = self.model.engine
        given = pairs or [[] for _ in texts]
        if self.chat:
            asked = [self.hinted(t, p) for t, p in zip(texts, given, strict=True)]
            replies = engine.generate(asked, system=self.system, num_beams=num_beams)
            return [first_line(reply) for reply in replies]
        if self.completion:
            examples = fewshot.RETRY_EXAMPLES if retry else fewshot.EXAMPLES
            queries = [
                fewshot.query(text, [*p, *korean_amounts(text)])
                for text, p in zip(texts, given, strict=True)
            ]
            replies = engine.generate(queries, system=fewshot.shots(examples))
            return [fewshot.first_line(reply) for reply in replies]
        return engine.generate(list(texts), num_beams=num_beams)

    def samples(
        self, texts: Sequence[str], pairs: Sequence[Sequence[Pair]], sampling: Sampling
    ) -> list[list[str]]:
        """`sampling.count` sampled translations of each text, prompted as `replies` prompts a
        first attempt, a few prompts per engine call (`candidates.prompts_per_call`)."""
        engine = self.model.engine
        size = candidates.prompts_per_call(sampling.count)
        drawn: list[list[str]] = []
        for start in range(0, len(texts), size):
            chunk = list(texts[start : start + size])
            terms = list(pairs[start : start + size])
            if self.chat:
                asked = [self.hinted(t, p) for t, p in zip(chunk, terms, strict=True)]
                replies = engine.sample(asked, sampling, system=self.system)
                drawn += [[first_line(reply) for reply in group] for group in replies]
            elif self.completion:
                queries = [
                    fewshot.query(t, [*p, *korean_amounts(t)])
                    for t, p in zip(chunk, terms, strict=True)
                ]
                replies = engine.sample(queries, sampling, system=fewshot.shots(fewshot.EXAMPLES))
                drawn += [[fewshot.first_line(reply) for reply in group] for group in replies]
            else:
                drawn += engine.sample(chunk, sampling)
        return drawn

    def pieces(self, todo: list[tuple[str, list[Pair]]]) -> list[Piece]:
        """The segments of `todo` (each with its terms) as pieces that fit the model (most
        segments are one); a piece keeps the terms it holds."""
        limit = self._piece_limit()

        def count(text: str) -> int:
            return self._token_counts([text])[0]

        pieces: list[Piece] = []
        counted = self._token_counts([source for source, _ in todo])
        for number, ((source, pairs), tokens) in enumerate(zip(todo, counted, strict=True)):
            parts = [source] if tokens <= limit else split_to_fit(source, count, limit)
            sizes = [tokens] if len(parts) == 1 else [count(part) for part in parts]
            pieces.extend(
                Piece(number, index, part, size, hints.within(pairs, part))
                for index, (part, size) in enumerate(zip(parts, sizes, strict=True))
            )
        return pieces

    def _frame(self, text: str) -> str:
        """The prompt around one text: few-shot for base LMs, the text itself for chat models
        (the instruction is their system prompt)."""
        return fewshot.render(text) if self.completion else " ".join(text.split())

    def _token_counts(self, texts: Sequence[str]) -> list[int]:
        """Seq2seq: each text's input length. LMs: the tokens a text adds to its prompt."""
        engine = self.model.engine
        if self.seq2seq:
            return engine.count_tokens(texts, system=self.system)
        prompts = [self._frame(""), *(self._frame(text) for text in texts)]
        frame, *counts = engine.count_tokens(prompts, system=self.system)
        return [max(1, n - frame) for n in counts]

    def _piece_limit(self) -> int:
        """Most tokens one piece may have: it must fit the input, and for LMs the reply."""
        engine = self.model.engine
        if self.seq2seq:
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
