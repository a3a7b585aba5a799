"""Sentence segmentation: Korean with kiwipiepy, English with a small rule, long ones by budget.

A paragraph is split into sentences that, joined with single spaces, give back every character
of the paragraph (whitespace aside): nothing is dropped. Headlines (short lines without final
punctuation) and quoted lines stay whole.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

_FINAL = re.compile(r"[.!?。？！…]['\"’”」)]*$")
_HANGUL_NOUN = re.compile(r"[가-힣]{2,}")
_QUOTED = re.compile(r"^[\"“'‘「『].*[\"”'’」』]$")
HEADLINE_MAX_CHARS = 80
ENGLISH_RULE = "punct-capnum"
"""English boundary rule: after `.`, `!` or `?` (and any closing quote or bracket), whitespace,
then a capital letter or a digit (after any opening quote or bracket)."""
_ENGLISH_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_CLAUSE_BREAK = re.compile(r"(?<=[,;:·…])\s+")
REMEMBERED_TEXTS = 20_000
"""Texts whose proper nouns are kept: far more than a window of articles holds, few enough
that memory stays flat over any number of articles."""
_known_nouns: OrderedDict[str, tuple[str, ...]] = OrderedDict()


@cache
def segmenter_id() -> str:
    """Identifies the segmentation rules and library version (part of cache fingerprints);
    read once, since reading a package's metadata costs milliseconds and every article asks."""
    from importlib.metadata import version

    return f"kiwipiepy-{version('kiwipiepy')}/rules-2"


@cache
def _kiwi() -> Any:
    """Kiwi without its typo and multi-word dictionaries: they do not move sentence boundaries
    (identical splits on the seeds and all 1,997 NTREX-128 lines) and cost two thirds of the
    start-up time."""
    from kiwipiepy import Kiwi

    return Kiwi(load_typo_dict=False, load_multi_dict=False)


def korean_proper_nouns(text: str) -> list[str]:
    """The Hangul proper nouns (Kiwi's NNP) of two syllables or more: 모건스탠리, 테슬라. Those
    `remember_proper_nouns` was given for the text are used without asking Kiwi."""
    known = _known_nouns.get(text)
    if known is not None:
        return list(known)
    return [
        token.form
        for token in _kiwi().tokenize(text)
        if token.tag == "NNP" and _HANGUL_NOUN.fullmatch(token.form)
    ]


def remember_proper_nouns(found: Mapping[str, Sequence[str]]) -> None:
    """Keep the proper nouns of these texts (the cache's), so that the checks of a re-run need
    not load Kiwi; the latest REMEMBERED_TEXTS are kept."""
    for text, nouns in found.items():
        _known_nouns[text] = tuple(nouns)
        _known_nouns.move_to_end(text)
    while len(_known_nouns) > REMEMBERED_TEXTS:
        _known_nouns.popitem(last=False)


def split_korean(paragraph: str) -> list[str]:
    """Sentences of one paragraph; headlines and fully quoted lines are one segment."""
    text = paragraph.strip()
    if not text:
        return []
    if _is_headline(text) or _QUOTED.match(text):
        return [text]
    sentences = _kiwi().split_into_sents(text)
    pieces = [text[s.start : s.end].strip() for s in sentences]
    covered = "".join(pieces)
    if re.sub(r"\s+", "", covered) != re.sub(r"\s+", "", text):
        return [text]
    return [piece for piece in pieces if piece]


def ends_as_sentence(text: str) -> bool:
    """The text ends with a sentence's final punctuation, closing quotes allowed."""
    return bool(_FINAL.search(text.strip()))


def _is_headline(text: str) -> bool:
    return len(text) <= HEADLINE_MAX_CHARS and not ends_as_sentence(text)


def split_english(text: str) -> list[str]:
    """English sentences by ENGLISH_RULE, also breaking at line breaks."""
    return [
        part.strip()
        for line in text.splitlines()
        for part in _ENGLISH_BOUNDARY.split(line.strip())
        if part.strip()
    ]


def split_to_fit(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Pieces of `text`, each within `limit` tokens, that joined with spaces give `text` back.

    Breaks at clause punctuation first, then between words, and only inside a word when a
    single word is longer than the limit; a single character stays whole even when it counts
    more (a reply of a few tokens cannot be smaller than one Hangul syllable).
    """
    if len(text) < 2 or count(text) <= limit:
        return [text]
    for splitter in (_CLAUSE_BREAK.split, str.split):
        parts = [p for p in splitter(text) if p]
        if len(parts) > 1:
            packed = pack(parts, count, limit)
            return [piece for part in packed for piece in split_to_fit(part, count, limit)]
    middle = len(text) // 2
    return split_to_fit(text[:middle], count, limit) + split_to_fit(text[middle:], count, limit)


def pack(parts: Sequence[str], count: Callable[[str], int], limit: int) -> list[str]:
    """Greedily join consecutive parts with spaces while they fit the limit."""
    packed: list[str] = []
    for part in parts:
        if packed and count(f"{packed[-1]} {part}") <= limit:
            packed[-1] = f"{packed[-1]} {part}"
        else:
            packed.append(part)
    return packed
