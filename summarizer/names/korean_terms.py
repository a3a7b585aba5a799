"""Finding Korean terms in Korean text the way Korean writes them: with a particle or a
suffix after them (엔비디아는, 엔비디아의, 엔비디아나, 엔비디아엔, 모건스탠리팀은), with or
without the space between a name's parts (젠슨 황, 젠슨황), the longest term first, and never
inside an unrelated longer word (황 is not in 상황; 테슬라 is not in 테슬라이트).

Korean writes particles and suffixes onto the word, so a term matches where no Hangul comes
before it and what follows it, up to the next non-Hangul character, is nothing, a suffix, a
particle, or a suffix then particles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PARTICLES = (
    "으로부터", "로부터", "에서부터", "에게서", "으로서", "으로써", "이라는", "이라고", "이라며",
    "이라면", "에서는", "에서도", "에서의", "에게는", "에게도", "까지는", "까지도", "부터는",
    "처럼", "보다", "에서", "에게", "한테", "께서", "까지", "부터", "마저", "조차", "밖에", "이나",
    "이며", "이고", "이다", "이란", "라는", "라고", "라며", "이랑", "하고", "과의", "와의", "으로",
    "로서", "로써", "만의", "의", "가", "이", "은", "는", "을", "를", "와", "과", "도", "로", "에",
    "엔", "나", "만", "랑", "란", "며", "고", "야", "요", "다",
)  # fmt: skip
"""Particles and copula endings; any two in a row (에서의, 과의 도)."""
_SUFFIXES = (
    "측", "팀", "사", "社", "주", "발", "판", "급", "계", "산", "제", "용", "형", "식", "등",
    "들", "칩", "쪽", "전",
)  # fmt: skip
"""Nouns and suffixes written onto a name: 모건스탠리팀 (the Morgan Stanley team), 엔비디아칩,
엔비디아발 (from Nvidia), 테슬라산, 엔비디아 등."""
_TAIL = (
    "(?:"
    + "|".join(sorted(_SUFFIXES, key=len, reverse=True))
    + ")?(?:"
    + "|".join(sorted(set(_PARTICLES), key=len, reverse=True))
    + "){0,2}(?![가-힣])"
)


def term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for all the terms, longest first; None for no terms. Group `term` is the
    text of the term as written (its own spaces or none), without what follows it."""
    ordered = sorted({_bare(t) for t in terms if _bare(t)}, key=lambda t: (-len(t), t))
    alternatives = [_spaced(term) for term in ordered]
    if not alternatives:
        return None
    return re.compile(rf"(?<![가-힣A-Za-z0-9])(?P<term>{'|'.join(alternatives)})(?={_TAIL})")


def _bare(term: str) -> str:
    return "".join(term.split())


def _spaced(term: str) -> str:
    """The term with an optional space between its characters (젠슨황 ~ 젠슨 황); a Latin or
    digit run inside it (A380, 챗GPT) is kept whole."""
    parts = re.findall(r"[A-Za-z0-9]+|\S", _bare(term))
    return r"\s?".join(re.escape(part) for part in parts)


def find_terms(pattern: re.Pattern[str] | None, text: str) -> list[tuple[str, int]]:
    """Each term occurrence as written and where it starts; overlapping matches are resolved
    leftmost, then longest (the alternation's order)."""
    if pattern is None:
        return []
    return [(m.group("term"), m.start()) for m in pattern.finditer(text)]


def key(written: str) -> str:
    """How a written occurrence is looked up: without its spaces (젠슨 황 → 젠슨황)."""
    return _bare(written)
