"""What a sentence is translated with besides itself: the glossary's terms it holds and the
names its article glosses elsewhere (a *request*), and how a model is told them.

A request travels as one string, the unit the cache, the executors and the translator key
on: the source itself when it has no terms, else the source, a record separator and the terms
as JSON. So a sentence's cache key holds the hints it received, not the whole glossary: a
second run with a new glossary term recomputes only the sentences that hold it.

Chat models read the terms after the sentence, as dictionary hints (DiPMT, Ghazvininejad et
al. 2023); few-shot base models read them on a line of their frame; seq2seq models cannot be
told, and rely on the glossary check and its retry. Amounts by rule (`checks.amounts`) are
handed to LMs the same way; they follow from the source, so they are no part of the unit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from summarizer.names.glossary import Glossary, Pair
from summarizer.names.korean_terms import key
from summarizer.names.memory import article_memory

SEPARATOR = "\x1e"
HINTS = "{segment}\n\n(Glossary for this sentence: {terms}.)"
"""How a chat model is given a sentence's terms: the one wording tried (DiPMT's form), not tuned."""


def requests(
    sentences: Sequence[str], glossary: Glossary | None, *, memory: bool = True
) -> list[str]:
    """Each sentence of one article as a request: with the pairs of the glossary it holds and
    (`memory`) of the names the article glosses in Latin script elsewhere (엔비디아(NVIDIA)
    once, then 엔비디아 bare); the user's glossary wins over the article's."""
    known = glossary or Glossary()
    if memory:
        known = known.merged(article_memory(sentences))
    return [request(s, known.found(s) if known else []) for s in sentences]


def request(source: str, pairs: Sequence[Pair]) -> str:
    clean = source.replace(SEPARATOR, " ")
    if not pairs:
        return clean
    return clean + SEPARATOR + json.dumps([list(p) for p in pairs], ensure_ascii=False)


def parse(unit: str) -> tuple[str, list[Pair]]:
    """A request's source and its (Korean, English) pairs."""
    source, sep, terms = unit.partition(SEPARATOR)
    if not sep:
        return source, []
    return source, [(korean, english) for korean, english in json.loads(terms)]


def sources(units: Sequence[str]) -> list[str]:
    return [parse(u)[0] for u in units]


def within(pairs: Sequence[Pair], text: str) -> list[Pair]:
    """The pairs whose Korean is in this piece of the sentence."""
    bare = key(text)
    return [pair for pair in pairs if key(pair[0]) in bare]


def listed(pairs: Sequence[Pair]) -> str:
    return "; ".join(f"{korean} = {english}" for korean, english in pairs)


def with_hints(text: str, pairs: Sequence[Pair]) -> str:
    """A chat model's user message: the sentence, then its glossary if it has one."""
    return HINTS.format(segment=text, terms=listed(pairs)) if pairs else text
