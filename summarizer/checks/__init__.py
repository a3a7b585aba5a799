"""Checks that catch bad output without a reference: each returns flags a person can read.

`check_translation(source, target)` is what the pipeline calls for every translated segment;
a flagged segment is retried and, if it stays flagged, recorded with its flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

# Share of letters that may be Hangul before a translation counts as (partly) untranslated.
UNTRANSLATED_SHARE = 0.5
PARTLY_UNTRANSLATED_SHARE = 0.1
COPIED_SIMILARITY = 0.9
_HANGUL_RANGES = (("\uac00", "\ud7a3"), ("\u1100", "\u11ff"), ("\u3130", "\u318f"))


@dataclass(frozen=True)
class Flag:
    """One problem found: which check found it and what it saw."""

    check: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "detail": self.detail}


def hangul_share(text: str) -> float:
    """Share of the letters in `text` that are Hangul (0 when there are no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    hangul = sum(1 for c in letters if _is_hangul(c))
    return hangul / len(letters)


def _is_hangul(char: str) -> bool:
    return any(low <= char <= high for low, high in _HANGUL_RANGES)


def check_translation(source: str, target: str) -> list[Flag]:
    """Flags for one Korean → English segment; an empty list when nothing looks wrong."""
    if not source.strip():
        return []
    if not target.strip():
        return [Flag("empty", "the translation is empty")]
    flags: list[Flag] = []
    if _similarity(source, target) >= COPIED_SIMILARITY:
        flags.append(Flag("copied", "the translation repeats the source"))
    share = hangul_share(target)
    if share >= UNTRANSLATED_SHARE:
        flags.append(Flag("untranslated", f"{share:.0%} of the letters are Hangul"))
    elif share >= PARTLY_UNTRANSLATED_SHARE:
        flags.append(Flag("partly untranslated", f"{share:.0%} of the letters are Hangul"))
    return flags


def _normalised(text: str) -> str:
    return " ".join(text.split()).casefold()


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _normalised(a), _normalised(b), autojunk=False).ratio()
