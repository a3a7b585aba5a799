"""Quantities found in text, and when two of them say the same thing."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import Enum

# How far a rounded figure may lie from the exact one (2,814 → 약 3,000 is 6.6% off).
ROUNDING = 0.1
# A figure glued to Latin letters is part of a name (H100, G7, 5G), unless they are a unit.
LATIN_AFTER = re.compile(r"[A-Za-z]+")
"""Letters right after a figure: use as LATIN_AFTER.match(text, end), which reads no further."""
_LATIN_BEFORE = re.compile(r"[A-Za-z]-?$")


def glued_before(text: str, start: int) -> bool:
    """A Latin letter (and maybe a hyphen) ends `text[:start]` (H100, G-7). Looks at the last
    three characters only ('$' also matches before a final newline), not the whole start."""
    return _LATIN_BEFORE.search(text, max(0, start - 3), start) is not None


class Kind(Enum):
    """How firmly a quantity is stated, which decides what a check may demand of it."""

    FIGURE = "figure"  # written in digits, maybe with a scale: 5000억, $1.32 trillion, 6%
    WORDS = "words"  # a cardinal in words: three, a million, 천
    HINT = "hint"  # a weak cue that may stand for a number: June, first, decade, 한, COVID-19


@dataclass(frozen=True)
class Quantity:
    """A value as the text states it (`text`), normalised to a number (`value`)."""

    value: float
    text: str
    kind: Kind

    @property
    def required(self) -> bool:
        """Stated firmly enough that a faithful translation must carry it over."""
        if self.value == 0:  # 12:00, 1-0: a zero is seldom worth a flag
            return False
        return self.kind is Kind.FIGURE or (self.kind is Kind.WORDS and self.value >= 1e5)


def same_quantity(a: float, b: float) -> bool:
    """Equal, or one is the other rounded (약 3,000 for 2,814), or '90s for 1990s."""
    if math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12):
        return True
    if a == 0 or b == 0:
        return False
    digits_a, digits_b = significant_digits(a), significant_digits(b)
    if digits_a != digits_b and abs(a - b) <= ROUNDING * max(abs(a), abs(b)):
        rough, exact = (a, b) if digits_a < digits_b else (b, a)
        if math.isclose(_round_significant(exact, min(digits_a, digits_b)), rough, rel_tol=1e-9):
            return True
    low, high = sorted((a, b))
    return low < 100 and low == int(low) and high in (1900 + low, 2000 + low)


def significant_digits(value: float) -> int:
    digits = f"{abs(value):.10f}".replace(".", "").strip("0")
    return max(len(digits), 1)


def _round_significant(value: float, digits: int) -> float:
    exponent = math.floor(math.log10(abs(value)))
    return round(value, digits - 1 - exponent)


_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def describe(value: float) -> str:
    """500000000000 → '500 billion'; 50000 → '50,000'; 2.5 → '2.5'."""
    for scale, name in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:,.10g} {name}"
    return f"{value:,.10g}"


def show(quantity: Quantity) -> str:
    """The quantity as written, with its value when that is not plain: '5000억 (500 billion)'."""
    shown = describe(quantity.value)
    if shown.replace(",", "") in quantity.text.replace(",", ""):
        return quantity.text
    return f"{quantity.text} ({shown})"
