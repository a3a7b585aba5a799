"""The dropped names check: a foreign name that the Korean spells out in Hangul (모건스탠리,
딥시크, 캐버노) must sound in the English. Small models drop such names or put a guess in
their place: "The emergence of deep learning" for 딥시크의 등장, "the camera crew" for
캐버노판사, and a sentence about Morgan Stanley's forecast that comes out as one about "the
company's new solar panels". The invented name check cannot see these: nothing capitalised
is left to judge.

Only names Hangul spells from another language are judged: Kiwi's proper nouns (NNP) with a
syllable Sino-Korean words never have: an open ㅡ syllable (스, 트, 크, 르), an initial ㅋ
(but 쾌), the vowel ㅔ after other initials than ㅅ ㅈ ㅊ (엔, 테, 레), 디 or 티, or a final
other than ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ (킷). A Korean name (김정은) or a Sino-Korean one (노동당 for Labour)
has no sound to find in the English and is left alone, as are places (the places rule speaks
for countries) and names the Korean glosses in Latin script, 라타이코프스키(Ratajkowski),
which the Latin terms check follows. A name is answered by an English word, or a run of
capitalised words ("Morgan Stanley"), whose consonant skeleton is close to the Korean's
(sounds.py): it covers most of it, and differs by at most one consonant in four or five, two
in six or more. Qwen writes "Intel" for 엔비디아 (Nvidia) again and again; "Intel" (ntl) does
not answer 엔비디아 (npt), as three consonants must match exactly.
"""

from __future__ import annotations

import re

from summarizer.names.places import korean_place
from summarizer.names.sounds import english_skeletons, korean_skeletons, sounds_close
from summarizer.text.segment import korean_proper_nouns

_LETTERS = "A-Za-zÀ-ÖØ-öø-ɏ"
"""Latin letters, accented ones too: "Ramiérez" is one word."""
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’]s\b)?")
_POSSESSIVE = re.compile(r"['’]?s$")
"""A possessive or plural s, which Korean leaves off: 테넌츠 "Tennent's" but 바운드 "bounds"."""
_APOSTROPHE = re.compile(r"['’]s?$")
_COMPOUND = re.compile(rf"[{_LETTERS}]+(?:-[{_LETTERS}]+)+")
_BREAK = re.compile(r"[,;:.!?()\[\]\"“”‘’/]+\s")
"""Where a run of names stops: "Intel, Lenovo, Dell" is three names, not "Lenovo Dell"."""
_PARTICLE = re.compile(r"(?<=..)[의가이은는을를와과나도로]$")
"""A particle Kiwi may leave on a proper noun it does not know: 엔비디아나, 미크로네시아의."""
_LATIN_GLOSS = re.compile(r"\s*[(（][^)）]*[A-Za-z]")
_STATE = re.compile(r"(?:공화국|왕국|연방)$")
"""What a country's full name adds to it: 북마케도니아공화국 is the Republic of North Macedonia."""
_FIRST_SYLLABLE, _SYLLABLES = 0xAC00, 11172
_K, _SILENT, _T_SOUNDS, _SINO_E = 15, 11, frozenset({3, 16}), frozenset({9, 12, 14})
_EU, _WAE, _E, _I = 18, 10, 5, 20
_SINO_FINALS = frozenset({0, 1, 4, 8, 16, 17, 21})
"""No final, ㄱ ㄴ ㄹ ㅁ ㅂ ㅇ: the only finals Sino-Korean syllables have."""
FEWEST_CONSONANTS = 3
"""Consonants a Korean name's skeleton needs before it is judged (트위터 reduces to one)."""
LONGEST_RUN = 3
"""Capitalised words an English name may run to."""


def foreign_names(source: str) -> list[str]:
    """The Korean's proper nouns that spell a foreign name this check can judge, once each."""
    return [n for n in dict.fromkeys(korean_proper_nouns(source)) if _judged(n, source)]


def dropped_names(source: str, target: str) -> list[str]:
    """The foreign names of the Korean that nothing in the English sounds like."""
    judged = foreign_names(source)
    if not judged:
        return []
    runs = _runs(target)
    return [noun for noun in judged if not _answered(noun, runs)]


def spelled_out(noun: str) -> bool:
    """The Hangul word spells a foreign name: it has a syllable no Sino-Korean word has."""
    for syllable in noun:
        offset = ord(syllable) - _FIRST_SYLLABLE
        if not 0 <= offset < _SYLLABLES:
            continue
        initial, vowel, final = offset // 588, offset % 588 // 28, offset % 28
        if (
            (vowel == _EU and not final and initial != _SILENT)
            or (initial == _K and vowel != _WAE)
            or (vowel == _E and initial not in _SINO_E)
            or (vowel == _I and initial in _T_SOUNDS)
            or final not in _SINO_FINALS
        ):
            return True
    return False


def _judged(noun: str, source: str) -> bool:
    glossed = any(_LATIN_GLOSS.match(source, m.end()) for m in re.finditer(re.escape(noun), source))
    return (
        spelled_out(noun)
        and not glossed
        and not any(korean_place(_STATE.sub("", reading)) for reading in _readings(noun))
        and max(map(len, korean_skeletons(noun))) >= FEWEST_CONSONANTS
    )


def _readings(noun: str) -> set[str]:
    """The noun, and the noun less a particle its last syllable may be."""
    return {noun, bare(noun)}


Run = tuple[set[str], bool, str]
"""A run of English words: its skeletons, whether it is capitalised, its text."""


def rendering(noun: str, target: str) -> str | None:
    """The capitalised English words that answer the Korean name ("Morgan Stanley" for
    모건스탠리): the fewest words that do, the first of them; None when none does."""
    runs = sorted((r for r in _runs(target) if r[1]), key=lambda r: len(r[2].split()))
    return next((run[2] for run in runs if _answered(noun, [run])), None)


def bare(noun: str) -> str:
    """The name less a particle Kiwi left on it (엔비디아가 → 엔비디아)."""
    return _PARTICLE.sub("", noun)


def _runs(target: str) -> list[Run]:
    """The skeletons of every English word, and of every run of up to LONGEST_RUN capitalised
    words that no punctuation parts, read as one ("Morgan Stanley" → "mknstnl"), with and
    without a final s (_POSSESSIVE); each with whether it is capitalised. A word in lower case
    answers only when every consonant matches (로보틱스 ~ robotics): with one slip allowed,
    "competing" (kmptn) would answer 엔비디아나 (nptn). Hyphenated words are also read whole
    (와일드카드 ~ wild-card)."""
    runs = [
        (english_skeletons(compound), compound[0].isupper(), compound)
        for compound in _COMPOUND.findall(target)
    ]
    for phrase in _BREAK.split(target):
        runs += _phrase_runs(_WORD.findall(phrase))
    return runs


def _phrase_runs(words: list[str]) -> list[Run]:
    runs = []
    for start in range(len(words)):
        for size in range(1, LONGEST_RUN + 1):
            run = words[start : start + size]
            if len(run) < size or (size > 1 and not all(w[0].isupper() for w in run)):
                break
            joined = "".join(run)
            skeletons = english_skeletons(joined) | english_skeletons(_POSSESSIVE.sub("", joined))
            runs.append((skeletons, run[0][0].isupper(), _APOSTROPHE.sub("", " ".join(run))))
    return runs


def _answered(noun: str, runs: list[Run]) -> bool:
    korean = {k for reading in _readings(noun) for k in korean_skeletons(reading)}
    return any(
        sounds_close(e, k, slips=capitalised)
        for skeletons, capitalised, _ in runs
        for e in skeletons
        for k in korean
    )
