"""Does an English name sound like a Korean word? Both sides become consonant skeletons.

Hangul is romanized with anyascii (Revised Romanization, syllable by syllable: 테슬라 →
TeSeulLa); English and romanized Korean are then reduced alike: vowels, w, y and h dropped,
consonants that Korean spelling merges put in one class (b/p/f/v, g/k/c/q, d/t, r/l,
s/j/z/ch), and an English r before a consonant or at the end dropped, as Korean loanwords drop
it (Morgan → 모건). 테슬라 and Tesla both become "tsl"; 젠슨 황 and Jensen Huang "snsn" + "n".
Where English spelling leaves the sound open (th: 톰 or 스미스; g before e or i: 제라드 or
기브스; gh after a vowel: 휴 for Hugh, 브리검 for Brigham) every reading is tried.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

_CLASSES = str.maketrans("bfvgcqdrzj", "pppkkktlss")
_NOT_LETTER = re.compile(r"[^a-z]+")
_ENGLISH_SPELLING = (
    (re.compile(r"ph"), "p"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"t(?=ion)"), "s"),
    (re.compile(r"[td]+s|tz"), "s"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"r(?![aeiouy])"), ""),
)
_OPEN_READINGS = (
    (re.compile(r"th"), ("t", "s")),
    (re.compile(r"ch"), ("s", "k")),
    (re.compile(r"g(?=[ei])"), ("s", "k")),
    (re.compile(r"(?<=[aeiou])gh"), ("", "k")),
)
_DROPPED = re.compile(r"[aeiouwyh]")
_NG = re.compile(r"ng")
_DOUBLED = re.compile(r"(.)\1+")
_FIRST_SYLLABLE, _SYLLABLES, _FINALS = 0xAC00, 11172, 28
_T_FINALS = frozenset({7, 19, 20, 22, 23, 25, 27})
FEWEST_FOR_A_SLIP = 4
"""Consonants a skeleton needs before one of them may differ from the Korean's."""
LEAST_COVER = 0.6
"""The share of a Korean name's skeleton an English one must cover to answer it: "Deep"
(tp) does not answer 딥시크 (tpsk), nor "Moogans" (mkns) 모간스탠리 (mknstnl)."""
LEAST_COVER_BY_KOREAN = 0.5
"""The share of a longer English skeleton that the Korean one must cover."""


@lru_cache(maxsize=65536)
def english_skeletons(word: str) -> frozenset[str]:
    """The consonant skeletons of an English word, one per reading: 'Smith' → {'smt', 'sms'}.
    Kept per word: the dropped name check reads every word and run of words of each English
    sentence, and the same words come back (0.9 of 1.3 s of its time on 256 sentences)."""
    text = _NOT_LETTER.sub("", word.casefold())
    for pattern, replacement in _ENGLISH_SPELLING:
        text = pattern.sub(replacement, text)
    readings = [text]
    for pattern, choices in _OPEN_READINGS:
        readings = [pattern.sub(c, r) for r, c in itertools.product(readings, choices)]
    return frozenset(_reduce(r) for r in readings)


@lru_cache(maxsize=8192)
def korean_skeletons(word: str) -> tuple[str, ...]:
    """The consonant skeletons of a Korean word, romanized first: '모건' → ('mkn',). A 르 may
    stand for an r that English does not sound (마르타 ~ Marta): a reading without it is added."""
    readings = {word, word.replace("르", "")}
    return tuple(sorted({_skeleton(reading) for reading in readings if reading}))


def _skeleton(word: str) -> str:
    text = "".join(_romanized(syllable) for syllable in word).casefold()
    return _reduce(_NOT_LETTER.sub("", text).replace("ch", "s"))


def sounds_in(skeleton: str, korean: str, *, at_start: bool = False) -> bool:
    """The skeleton stands in the Korean word's skeleton (a particle may follow it: 폰토는),
    or only at its start; one consonant may differ when it has FEWEST_FOR_A_SLIP or more."""
    if at_start:
        return korean.startswith(skeleton)
    if skeleton in korean:
        return True
    return len(skeleton) >= FEWEST_FOR_A_SLIP and _stands_in(skeleton, korean, slack=1)


def sounds_close(english: str, korean: str, *, slips: bool = True) -> bool:
    """The two skeletons say the same name: the shorter stands in the longer, covering at
    least LEAST_COVER of it (half when the English is the longer: 프리미어 ~ Premiership), with
    one consonant different in four or five, two in six or more (라타이코프스키 ~ Ratajkowski);
    three or fewer must match exactly: "Intel" (ntl) is not 엔비디아 (npt). Without `slips`
    every consonant must match."""
    if not english or not korean:
        return False
    if english == korean:
        return True
    short, long_ = sorted((english, korean), key=len)
    cover = LEAST_COVER if short is english else LEAST_COVER_BY_KOREAN
    if len(short) < cover * len(long_) or (not slips and len(short) < min(3, len(long_))):
        return False
    slack = 0 if not slips or len(short) < FEWEST_FOR_A_SLIP else 1 if len(short) < 6 else 2
    return _stands_in(short, long_, slack=slack)


def _stands_in(skeleton: str, other: str, *, slack: int) -> bool:
    """Some stretch of `other` is within `slack` edits of the skeleton."""
    if not slack:
        return skeleton in other
    from rapidfuzz.distance import Levenshtein

    size = len(skeleton)
    return any(
        Levenshtein.distance(skeleton, other[start : start + width], score_cutoff=slack) <= slack
        for width in range(max(1, size - slack), size + slack + 1)
        for start in range(max(1, len(other) - width + 1))
    )


def _romanized(syllable: str) -> str:
    """One Hangul syllable in Revised Romanization; a final that Korean says as t (ㅅ ㅈ ㅊ ㅌ
    ㄷ ㅎ ㅆ: 브렛, 할킷) written t, as English spells the names it stands for."""
    from anyascii import anyascii

    offset = ord(syllable) - _FIRST_SYLLABLE
    if not 0 <= offset < _SYLLABLES:
        return anyascii(syllable)
    final = offset % _FINALS
    if final in _T_FINALS:
        return anyascii(chr(ord(syllable) - final)) + "t"
    return anyascii(syllable)


def _reduce(text: str) -> str:
    text = _NG.sub("n", text)
    text = _DROPPED.sub("", text.translate(_CLASSES))
    return _DOUBLED.sub(r"\1", text)
