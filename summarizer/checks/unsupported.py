"""The unsupported check: each sentence of a summary must say something the article says.

A summary sentence is compared (multilingual-e5-small, see adequacy.py) with every sentence of
the article's translation; when even the closest is further than SUPPORT, the sentence says
something the article does not: a claim from elsewhere, a chat reply, a made-up detail. Names
and figures are the summary support check's (summary.py).
"""

from __future__ import annotations

from summarizer.checks.adequacy import article_digest, best_support
from summarizer.checks.flag import Flag
from summarizer.text.segment import split_english

SUPPORT = 0.82
"""The least similarity a summary sentence needs to its closest article sentence."""
FEWEST_WORDS = 4
"""Words a summary sentence needs before it is judged ("No." is not a claim)."""


def check_unsupported(summary: str, translation: str) -> list[Flag]:
    """Flags the summary sentences that no sentence of the translation supports. A sentence
    the translation has word for word is supported (its similarity to itself is 1): nothing is
    encoded for it, nor for the article when every sentence is one (Lead-N)."""
    sentences, article = _judged(summary, translation)
    if not sentences or not article:
        return []
    scores = best_support(sentences, article)
    weak = [
        f'"{_short(s)}" ({score:.2f})'
        for s, score in zip(sentences, scores, strict=True)
        if score < SUPPORT
    ]
    if weak:
        return [Flag("unsupported", "not said in the article: " + "; ".join(weak))]
    return []


def support_keys(summary: str, translation: str) -> list[tuple[str, str]]:
    """The (sentence, article digest) keys of the best supports `check_unsupported` reads."""
    sentences, article = _judged(summary, translation)
    return [(s, article_digest(article)) for s in sentences] if article else []


def _judged(summary: str, translation: str) -> tuple[list[str], list[str]]:
    """The summary sentences to judge and the article's sentences they are compared with."""
    article = [s for s in split_english(translation) if s.strip()]
    said = set(article)
    sentences = [
        s for s in split_english(summary) if len(s.split()) >= FEWEST_WORDS and s not in said
    ]
    return sentences, article


def _short(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
