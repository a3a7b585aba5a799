"""The latin terms check: Latin-script tokens of the source (H100, D1, Dojo, AWS) carry over."""

from __future__ import annotations

import re

UNITS = {
    "km",
    "kg",
    "cm",
    "mm",
    "m",
    "g",
    "t",
    "ml",
    "mL",
    "L",
    "GB",
    "MB",
    "TB",
    "mph",
    "kW",
    "MW",
}
"""Units of measure, which are no term to carry over."""
_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-&'.][A-Za-z0-9]+)*")
_SCALE_SUFFIXES = {"bn", "mn", "tn"}
_CAPITALISED = re.compile(r"[A-Z][\w&'-]*")
_GLUE_WORDS = {"of", "the", "and", "for", "de"}
# A maximal run of these is a word of the folded text: the same bounds as the pattern's
# (?<![a-z0-9]) and (?![a-z0-9]).
_WORD = re.compile(r"[a-z0-9]+")
_HANGUL = re.compile(r"[가-힣]")
LONGEST_ACRONYM = 12


def latin_terms(text: str) -> list[str]:
    """Latin-script tokens of two or more characters, units (km, bn) left out."""
    found = []
    for match in _TERM.finditer(text):
        term = match.group()
        skipped = term in UNITS or term.casefold() in _SCALE_SUFFIXES
        if len(term) > 1 and not skipped and term not in found:
            found.append(term)
    return found


def contains_term(text: str, term: str) -> bool:
    """Whole-word and case-blind, dots ignored, plural allowed: 'UN' is in 'the U.N. said'.

    An acronym also counts as present when it is spelt out: 'EU' in 'the European Union'.
    """
    return _Text(text).contains(term)


def glued_terms(text: str) -> set[str]:
    """Latin terms that end a word begun in Hangul: GPT in 챗GPT and 트루스GPT, whose English
    is one word (ChatGPT). A particle after a term (xAI는) does not glue it."""
    return {
        match.group()
        for match in _TERM.finditer(text)
        if match.start() and _HANGUL.match(text, match.start() - 1)
    }


def in_compound(word: str, glued: set[str]) -> bool:
    """The word starts or ends with a term glued to Hangul in the source: ChatGPT for 챗GPT."""
    return any(in_compound_words({_folded(word)}, _folded(term)) for term in glued if len(term) > 1)


def missing_terms(source: str, target: str) -> list[str]:
    """The Latin-script terms of the source that the English lacks."""
    text = _Text(target)
    glued = glued_terms(source)
    return [
        t
        for t in latin_terms(source)
        if not text.contains(t) and not (t in glued and text.has_compound(t))
    ]


class _Text:
    """A text to look terms up in, folded once; its words and acronyms gathered when first
    needed, so that many terms cost one pass over a long text, not one each."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _folded(text)
        self._words: set[str] | None = None
        self._acronyms: set[str] | None = None

    def contains(self, term: str) -> bool:
        key = _folded(term)
        if _WORD.fullmatch(key):  # the usual term: a lookup among the text's words
            if self._words is None:
                self._words = set(_WORD.findall(self.folded))
            found = key in self._words or key + "s" in self._words
        else:  # AT&T, Coca-Cola: the pattern itself
            found = bool(
                re.search(r"(?<![a-z0-9])" + re.escape(key) + r"s?(?![a-z0-9])", self.folded)
            )
        if found or not (term.isupper() and term.isalpha()):
            return found
        if self._acronyms is None:
            self._acronyms = _acronyms(self.text)
        return term in self._acronyms

    def has_compound(self, term: str) -> bool:
        """A word that starts or ends with the term: 'ChatGPT' has GPT (from 챗GPT)."""
        if self._words is None:
            self._words = set(_WORD.findall(self.folded))
        return in_compound_words(self._words, _folded(term))


def in_compound_words(words: set[str], key: str) -> bool:
    return any(w != key and (w.endswith(key) or w.startswith(key)) for w in words)


def _acronyms(text: str) -> set[str]:
    """Initials of every run of capitalised words: 'Aviation Safety Network' → ASN, SN, …
    (up to LONGEST_ACRONYM letters)."""
    found: set[str] = set()
    initials: list[str] = []
    for word in re.findall(r"[\w&'-]+", text):
        if _CAPITALISED.fullmatch(word):
            initials = [*initials[1 - LONGEST_ACRONYM :], word[0]]
            found.update("".join(initials[i:]) for i in range(len(initials)))
        elif word not in _GLUE_WORDS:
            initials = []
    return found


def _folded(text: str) -> str:
    return text.casefold().replace(".", "")
