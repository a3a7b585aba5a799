"""The invented names check: every proper name of the English must have a counterpart in the
Korean. A name is grounded by a Latin-script term of the source (H100, BBC), by a Hangul word
that sounds like it (테슬라 ~ Tesla, 김정은 ~ Kim Jong-un, see sounds.py), or by the Korean
name of a country or language in CLDR (미국 ~ United States, 독일어 ~ German), through Babel.
A name with none is flagged: small models write "Kim Jong-un" or "Volvo" into sentences that
never mention them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.names.latin import contains_term, glued_terms, in_compound
from summarizer.names.places import is_place, korean_place, place_in
from summarizer.names.sounds import english_skeletons, korean_skeletons, sounds_in
from summarizer.text.segment import korean_proper_nouns

_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘'(\[]\s*|\s[-–—]\s)$")
_HANGUL_WORD = re.compile(r"[가-힣]+")
_GLUE = frozenset({"of", "the", "and", "for", "de", "van", "von", "al", "bin", "du", "da", "la"})
_POSSESSIVE = re.compile(r"['’]s?$")
_COMMON = frozenset(
    str.split(
        """
    I Mr Mrs Ms Dr Prof Sir Lord Lady St Jr Sr Inc Co Corp Ltd Plc Group Company
    President Vice Prime Minister Ministry Secretary Chancellor Governor Mayor Senator
    Congressman Congresswoman Chairman Chairwoman Chair Director General Chief Executive
    Officer CEO King Queen Prince Princess Pope Emperor General Colonel Captain Commander
    Department Office Agency Committee Council Commission Court Supreme Federal National
    International Royal Republic Kingdom Union United State States Party Assembly Parliament
    Congress Senate House Government Administration Army Navy Air Force Police Bureau
    University College School Institute Center Centre Foundation Association Hospital
    Museum Bank Fund Board Authority Service Services Network Organization Organisation
    North South East West Northern Southern Eastern Western Central Middle Upper Lower
    New Old Great Grand Greater Little Saint Mount Lake River Island Islands Sea Ocean
    Bay Coast Gulf Cape Valley Street Road Avenue Square Park Airport Station Bridge
    Christmas Easter Halloween Ramadan Thanksgiving Olympics Olympic Games Cup World
    Internet Web God Earth Moon Sun Celsius Fahrenheit English Korean AI Covid Coronavirus
    Democrat Democrats Democratic Republican Republicans Conservative Conservatives Labour
    Liberal Liberals Communist Socialist Muslim Muslims Christian Christians Catholic
    Jewish Islamic Buddhist Black White Asian African European American Americans
    Act Bill Law Treaty Agreement Declaration Report Award Prize Festival Championship
    League Premier Open Series Championships Grand Prix Day Week Year Times Post News
    Professor Doctor Senior Deputy Assistant Associate Acting Former Judge Capt Insp Rev
    PhD Sept Lt
    City State Town County Province District Region Women Men Children
    """
    )
)
"""Titles, institutions and other capitalised words that are no name by themselves."""


_ENDINGS = ("s", "es", "ed", "d", "ing")
"""Endings taken off a word before the dictionary is asked: Members, Embarked, Didn't."""


def english_names(text: str) -> list[str]:
    """Proper names: runs of capitalised words ("of" and "the" may join them), common titles
    and institutions left out: "Jensen Huang", "North Macedonia". At a sentence's start a word
    counts when the dictionary lacks it in lower case ("Volvo", not "The") or a capitalised
    word follows it ("Morgan Stanley said")."""
    words = []
    for match in _WORD.finditer(text):
        starts = _SENTENCE_START.search(text[: match.start()]) is not None
        words.append((_POSSESSIVE.sub("", match.group().rstrip(".")), starts))
    names: list[str] = []
    run: list[str] = []
    for index, (word, starts) in enumerate(words):
        if _capitalised(word) and (not starts or _name_at_start(word, words[index + 1 :])):
            run.append(word)
            continue
        if run and word in _GLUE and not starts:
            run.append(word)
            continue
        _close(run, names)
        run = []
    _close(run, names)
    return names


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not _acronym(word)


def _name_at_start(word: str, rest: list[tuple[str, bool]]) -> bool:
    if _unknown(word) or is_place(word):
        return True
    following = rest[0] if rest else ("", True)
    return not following[1] and _capitalised(following[0]) and not _common(following[0])


def invented_names(source: str, target: str) -> list[str]:
    """The English names that nothing in the Korean stands for."""
    invented = [name for name in english_names(target) if not grounded(source, name)]
    return invented + [word for word in stand_ins(source, target) if word not in invented]


def stand_ins(source: str, target: str) -> list[str]:
    """Capitalised dictionary words standing alone inside a sentence ("the analysts at
    Moonscape") that nothing in the Korean sounds like, when the Korean has a proper noun
    (모건스탠리) that no capitalised English word sounds like: a name replaced by a word.
    english_names leaves such words out (Judge, Beach and Pharmacy are seldom names); paired
    with an unanswered Korean proper noun they flag 0.2% of NTREX-128's development lines."""
    words = list(_WORD.finditer(target))
    korean = [k for w in _HANGUL_WORD.findall(source) for k in korean_skeletons(w)]
    found = []
    for index, match in enumerate(words):
        word = _POSSESSIVE.sub("", match.group())
        if not _capitalised(word) or word in _COMMON or word in _calendar():
            continue
        if not _common(word) or _SENTENCE_START.search(target[: match.start()]):
            continue
        beside = [words[i].group() for i in (index - 1, index + 1) if 0 <= i < len(words)]
        if any(_capitalised(other) for other in beside):
            continue  # part of a run: an institution's name (Coroner's Office, Geiger Counter)
        if not _word_grounded(source, word, korean) and word not in found:
            found.append(word)
    if found and all(_answered(noun, target) for noun in korean_proper_nouns(source)):
        return []
    return found


def _answered(noun: str, target: str) -> bool:
    """A capitalised English word sounds like the Korean proper noun, or it names a place
    (the places rule speaks for countries)."""
    if korean_place(noun):
        return True
    korean = korean_skeletons(noun)
    for match in _WORD.finditer(target):
        if not _capitalised(match.group()):
            continue
        for skeleton in english_skeletons(match.group()):
            if len(skeleton) >= 2 and any(
                sounds_in(skeleton, k) or (len(k) >= 2 and sounds_in(k, skeleton)) for k in korean
            ):
                return True
    return False


def grounded(source: str, name: str) -> bool:
    """The name, or every word of it that could be a name, has a counterpart in the Korean."""
    if contains_term(source, name) or place_in(source, name):
        return True
    words = [w for w in re.split(r"[\s-]+", name) if w not in _GLUE and not _common(w)]
    korean = [k for w in _HANGUL_WORD.findall(source) for k in korean_skeletons(w)]
    glued = glued_terms(source)
    return all(in_compound(word, glued) or _word_grounded(source, word, korean) for word in words)


def _word_grounded(source: str, word: str, korean: list[str]) -> bool:
    """A Latin term or place of the source, or a Hangul word that sounds like it; a place
    (country, language) needs a Hangul word that starts like it: 카메룬 must not pass for a part
    of 마케도니아, nor Haiti's 't' for any word with a t."""
    if contains_term(source, word) or place_in(source, word):
        return True
    place = is_place(word)
    skeletons = english_skeletons(word)
    if word.endswith("s"):
        skeletons |= {s[:-1] for s in skeletons if s.endswith("s")}
    if any(len(s) < 2 for s in skeletons):
        return not place
    return any(sounds_in(s, k, at_start=place) for s in skeletons for k in korean)


def _unknown(word: str) -> bool:
    """A word the dictionary does not have in lower case: a name even at a sentence's start."""
    lower = _dictionary()[0]
    return not _common(word) and not any(form.casefold() in lower for form in _forms(word))


def _common(word: str) -> bool:
    """A title, an institution, a day or month, or a word the dictionary (Webster's 2nd, via
    english-words) knows only in lower case: Beach, Judge, Pharmacy. A country is never common:
    'China' is a name here."""
    if is_place(word):
        return False
    if word in _COMMON or word in _calendar():
        return True
    lower, cased = _dictionary()
    return any(form.casefold() in lower and form not in cased for form in _forms(word))


def _forms(word: str) -> set[str]:
    """The word and what it may be inflected from: Members, Embarked, Industries, They've."""
    word = re.sub(r"n['’]t$|['’](?:ve|ll|re|d|m)$", "", word)
    forms = {word, *(word[: -len(end)] for end in _ENDINGS if word.endswith(end))}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("ing"):
        forms.add(word[:-3] + "e")
    return forms


@lru_cache(maxsize=1)
def _dictionary() -> tuple[frozenset[str], frozenset[str]]:
    """Webster's words in lower case, and those it spells with a capital (names)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=True)
    return frozenset(w for w in words if w.islower()), frozenset(
        w for w in words if w[:1].isupper()
    )


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    """Day and month names and their abbreviations, from CLDR."""
    from babel import Locale

    english = Locale("en")
    names = set()
    for table in (english.days["format"], english.months["format"]):
        for width in ("wide", "abbreviated"):
            names.update(table[width].values())
    return frozenset(names)


def _acronym(word: str) -> bool:
    """BST, TVs, AMs: acronyms are the latin terms check's business."""
    letters = word.rstrip("s")
    return len(letters) > 1 and letters.isupper()


def _close(run: list[str], names: list[str]) -> None:
    """Add the run as a name, less the titles and glue words around it ("Prime Minister of
    North Macedonia" → "North Macedonia"); nothing when only titles are left."""
    while run and (run[0] in _GLUE or (_common(run[0]) and not is_place(" ".join(run)))):
        run.pop(0)
    while run and (run[-1] in _GLUE or (_common(run[-1]) and not is_place(" ".join(run)))):
        run.pop()
    if run:
        name = " ".join(run)
        if name not in names:
            names.append(name)
