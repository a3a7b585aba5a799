"""The loop check: a phrase repeated back to back, or far more often than in the source, or a
whole sentence said again.

After Raunak et al. (2021), who find hallucinated "oscillatory" output by its top n-gram
count exceeding the source's; here a run of back-to-back copies counts as well, and so does a
sentence of four words or more that the output repeats more often than the source does (a
summary that says the same sentence three times).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from summarizer.checks.flag import Flag

LONGEST_PHRASE = 6
# Back-to-back copies: 'No, no, no, no, no' is English, a phrase of two or more words three
# times in a row is not (NTREX-128 has none).
RUN_OF_WORDS = 6
RUN_OF_PHRASES = 3
# Copies anywhere: a phrase of three or more words at least this many more times than the source's
# most repeated phrase of the same length.
EXCESS_COPIES = 4
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
SENTENCE_WORDS = 4
"""A repeated sentence this long or longer is a loop; shorter ones ("No. No.") may be English."""


def check_loop(source: str, target: str) -> list[Flag]:
    words = _TOKEN.findall(target.casefold())
    source_words = _TOKEN.findall(source.casefold())
    phrase, copies = longest_run(words)
    looped = copies >= (RUN_OF_WORDS if len(phrase) == 1 else RUN_OF_PHRASES)
    if looped and longest_run(source_words)[1] < copies:
        return [Flag("loop", f"“{' '.join(phrase)}” {copies} times in a row")]
    for size in range(3, LONGEST_PHRASE + 1):
        phrase, count = _most_common(words, size)
        if count - max(_most_common(source_words, size)[1], 1) >= EXCESS_COPIES:
            return [Flag("loop", f"“{' '.join(phrase)}” {count} times")]
    return _repeated_sentence(source, target)


def _repeated_sentence(source: str, target: str) -> list[Flag]:
    sentences = _SENTENCE_END.split(target.strip())
    keys = [_key(sentence) for sentence in sentences]
    copies = Counter(key for key in keys if len(key.split()) >= SENTENCE_WORDS)
    before = Counter(_key(sentence) for sentence in _SENTENCE_END.split(source.strip()))
    for key, count in copies.most_common(1):
        if count > max(before[key], 1):
            sentence = sentences[keys.index(key)]
            shown = sentence if len(sentence) <= 60 else sentence[:57] + "…"
            return [Flag("loop", f"the sentence “{shown}” {count} times")]
    return []


def _key(sentence: str) -> str:
    """A sentence with case and punctuation left out."""
    return " ".join(_TOKEN.findall(sentence.casefold()))


def longest_run(words: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """The phrase with the most copies back to back, and how many (1 when none repeat).

    A phrase of `size` words said k times in a row is a stretch of (k - 1) * size words, each
    the same as the word `size` places on; the phrase starts the stretch."""
    best: tuple[tuple[str, ...], int] = ((), 1)
    for size in range(1, LONGEST_PHRASE + 1):
        start = stretch = 0
        for i in range(len(words) - size):
            if words[i] != words[i + size]:
                stretch = 0
                continue
            start, stretch = (start, stretch + 1) if stretch else (i, 1)
            if stretch // size + 1 > best[1]:
                best = (tuple(words[start : start + size]), stretch // size + 1)
    return best


def _most_common(words: Sequence[str], size: int) -> tuple[tuple[str, ...], int]:
    counts = Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))
    return counts.most_common(1)[0] if counts else ((), 0)
