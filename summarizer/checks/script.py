"""Checks on the script of a text: empty, copied from the source, left in Korean, not English."""

from __future__ import annotations

import re
from collections import Counter

from summarizer.checks.flag import Flag
from summarizer.checks.similarity import similarity

# Share of letters that may be Hangul before a translation counts as (partly) untranslated:
# a Korean name quoted on purpose in an English sentence stays well below the lower bound.
UNTRANSLATED_SHARE = 0.5
PARTLY_UNTRANSLATED_SHARE = 0.1
COPIED_SIMILARITY = 0.9
LEAST_LATIN_SHARE = 0.5
"""An English summary whose letters are under half Latin is in another script."""
_HANGUL_RANGES = (("\uac00", "\ud7a3"), ("\u1100", "\u11ff"), ("\u3130", "\u318f"))
_ASCII_LETTER = re.compile("[A-Za-z]")
_HANGUL = re.compile("[" + "".join(f"{low}-{high}" for low, high in _HANGUL_RANGES) + "]")


def hangul_share(text: str) -> float:
    """Share of the letters in `text` that are Hangul (0 when there are no letters)."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(map(str.isalpha, "".join(_HANGUL.findall(text)))) / letters


def check_empty(source: str, target: str) -> list[Flag]:
    if source.strip() and not target.strip():
        return [Flag("empty", "the translation is empty")]
    return []


def check_copied(source: str, target: str) -> list[Flag]:
    """Korean copied into the English; a source in another script may stay as it is."""
    if hangul_share(source) == 0:
        return []
    similarity = _similarity(source, target)
    if similarity >= COPIED_SIMILARITY:
        return [Flag("copied", f"the translation repeats the source ({similarity:.0%} alike)")]
    return []


def check_untranslated(target: str) -> list[Flag]:
    share = hangul_share(target)
    if share >= UNTRANSLATED_SHARE:
        return [Flag("untranslated", f"{share:.0%} of the letters are Hangul")]
    if share >= PARTLY_UNTRANSLATED_SHARE:
        return [Flag("partly untranslated", f"{share:.0%} of the letters are Hangul")]
    return []


def check_not_english(text: str) -> list[Flag]:
    """A text meant to be English whose letters are mostly of another script."""
    letters = sum(map(str.isalpha, text))
    latin = len(_ASCII_LETTER.findall(text)) / letters if letters else 1.0
    if latin < LEAST_LATIN_SHARE:
        return [Flag("not English", f"{latin:.0%} of the letters are Latin")]
    return []


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _similarity(a: str, b: str) -> float:
    """How alike two texts are (difflib's ratio), cut short when even its cheap upper bound
    (shared characters, whatever their order: difflib's quick_ratio) is below the copy
    threshold."""
    a, b = _normalised(a), _normalised(b)
    total = len(a) + len(b)
    bound = 2 * (Counter(a) & Counter(b)).total() / total if total else 1.0
    return bound if bound < COPIED_SIMILARITY else similarity(a, b)
