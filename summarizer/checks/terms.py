"""The latin terms check: Latin-script tokens of the source (H100, D1, Dojo, AWS) carry over."""

from __future__ import annotations

import re

from summarizer.checks.flag import Flag
from summarizer.checks.korean_numbers import UNITS

_TERM = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-&'.][A-Za-z0-9]+)*")
_SCALE_SUFFIXES = {"bn", "mn", "tn"}
_CAPITALISED = re.compile(r"[A-Z][\w&'-]*")
_GLUE_WORDS = {"of", "the", "and", "for", "de"}


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
    pattern = r"(?<![a-z0-9])" + re.escape(_folded(term)) + r"s?(?![a-z0-9])"
    if re.search(pattern, _folded(text)):
        return True
    return term.isupper() and term.isalpha() and term in _acronyms(text)


def check_terms(source: str, target: str) -> list[Flag]:
    missing = [t for t in latin_terms(source) if not contains_term(target, t)]
    if missing:
        return [Flag("latin terms", "missing: " + ", ".join(missing))]
    return []


def _acronyms(text: str) -> set[str]:
    """Initials of every run of capitalised words: 'Aviation Safety Network' → ASN, SN, …"""
    found: set[str] = set()
    initials: list[str] = []
    for word in re.findall(r"[\w&'-]+", text):
        if _CAPITALISED.fullmatch(word):
            initials.append(word[0])
            found.update("".join(initials[i:]) for i in range(len(initials)))
        elif word not in _GLUE_WORDS:
            initials = []
    return found


def _folded(text: str) -> str:
    return text.casefold().replace(".", "")
