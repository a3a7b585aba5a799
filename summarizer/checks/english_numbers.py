"""Quantities in English text: 1,000; 10 billion; $1.32 trillion; £125m; half a million; 6 per
cent; three; June; 89th.

text2num converts number words but leaves '10 billion' and 'half a million' apart, and
quantulum3 brings a classifier for units this check does not need; the forms news uses are
few enough for a small reader.
"""

from __future__ import annotations

import re

from summarizer.checks.quantity import LATIN_AFTER, Kind, Quantity, glued_before
from summarizer.names.latin import UNITS

_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "quadrillion": 1e15,
    "quintillion": 1e18,
}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
_FIGURE = re.compile(
    r"(?P<currency>[$£€¥₩])?\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:(?:\s|-)?(?P<scale>thousand|million|billion|trillion|quadrillion|quintillion)\b"
    r"|(?P<short>bn|mn|mln|tn|m|b|k)\b)?",
    re.IGNORECASE,
)
_SUFFIXES = {"st", "nd", "rd", "th", "s", "am", "pm", "x"}
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_CARDINALS = {w: i for i, w in enumerate(_ONES)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_HINTS = (
    {w: i + 1 for i, w in enumerate(_ORDINALS)}
    | {w: i + 1 for i, w in enumerate(_MONTHS)}
    | {w[:3]: i + 1 for i, w in enumerate(_MONTHS)}
    | {"sept": 9, "dozen": 12, "decade": 10, "decades": 10, "couple": 2, "pair": 2}
    | {"twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3}
    | {"half": 0.5, "quarter": 0.25, "once": 1, "single": 1, "century": 100}
    | {"duo": 2, "trio": 3, "top": 1, "tops": 1, "topped": 1, "topping": 1, "thirds": 3}
    | {"teen": 10, "teens": 10, "teenage": 10, "teenager": 10, "teenagers": 10}
    | {w: 20 + 10 * i for i, w in enumerate(t[:-1] + "ies" for t in _TENS)}
)
# 7.55am and 19:30 are an hour and minutes; 19:30 may stand for 오후 7시.
_TIME = re.compile(
    r"\b(\d{1,2})(?::(\d{2})\b|\.(\d{2})(?=\s?(?:[ap]\.?m\b|GMT|BST|[A-Z]{2,3}T\b)))", re.I
)
_WORD = re.compile(r"[A-Za-z]+")
_BIG_WORDS = {"hundred", *_SCALES}


def english_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`: figures, cardinals in words, and hints (months, ordinals)."""
    return _figures(text) + _words(text)


def _figures(text: str) -> list[Quantity]:
    found = _times(text)
    text = _TIME.sub(lambda m: " " * len(m.group()), text)
    for match in _FIGURE.finditer(text):
        number = float(match["number"].replace(",", ""))
        if match["scale"]:
            number *= _SCALES[match["scale"].casefold()]
        elif match["short"] and (match["currency"] or match["short"].casefold() != "m"):
            number *= _SHORT_SCALES[match["short"].casefold()]
        after = LATIN_AFTER.match(text, match.end("number"))
        glued = glued_before(text, match.start("number")) or (
            after and not match["scale"] and not match["short"] and _not_suffix(after.group())
        )
        text_of = match.group().strip()
        found.append(Quantity(number, text_of, Kind.HINT if glued else Kind.FIGURE))
    return found


def _times(text: str) -> list[Quantity]:
    found = []
    for match in _TIME.finditer(text):
        hour, minutes = int(match.group(1)), int(match.group(2) or match.group(3))
        found.append(Quantity(hour, match.group(), Kind.FIGURE))
        if hour > 12:
            found.append(Quantity(hour - 12, match.group(), Kind.HINT))
        if minutes:
            found.append(Quantity(minutes, match.group(), Kind.FIGURE))
    return found


def _not_suffix(letters: str) -> bool:
    return letters.casefold() not in _SUFFIXES and letters not in UNITS


def _words(text: str) -> list[Quantity]:
    """Cardinals in words ('three hundred', 'half a million', 'two-thirds') and hints."""
    found: list[Quantity] = []
    words = [(m.group().casefold(), m) for m in _WORD.finditer(text)]
    position = 0
    while position < len(words):
        end, value = _cardinal(words, position)
        if end > position:
            start, stop = words[position][1].start(), words[end - 1][1].end()
            found.append(Quantity(value, text[start:stop], Kind.WORDS))
            position = end
            continue
        word, match = words[position]
        if word in _HINTS and not (word == "may" and match.group() == "may"):
            found.append(Quantity(_HINTS[word], match.group(), Kind.HINT))
        position += 1
    return found


def _cardinal(words: list[tuple[str, re.Match[str]]], start: int) -> tuple[int, float]:
    """The longest number in words from `start`: (end, value); end == start when none."""
    total, current, position, seen = 0.0, 0.0, start, False
    fraction = 1.0
    if _starts_half_scale(words, start):
        fraction, position = 0.5, start + 2
    while position < len(words):
        if position > start and not _adjacent(words[position - 1][1], words[position][1]):
            break
        word = words[position][0]
        following = words[position + 1][0] if position + 1 < len(words) else ""
        if word in _CARDINALS:
            current += _CARDINALS[word]
        elif word == "hundred" and (seen or position == start or fraction < 1):
            current = (current or 1) * 100
        elif word in _SCALES and (seen or fraction < 1):
            total += (current or 1) * _SCALES[word]
            current = 0
        elif (
            word in {"a", "an"}
            and following in _BIG_WORDS
            and not seen
            and _gap_ok(words, position)
        ):
            current = 1
        elif word == "and" and following in _CARDINALS and words[position - 1][0] in _BIG_WORDS:
            position += 1
            continue
        else:
            break
        seen = True
        position += 1
    if not seen:
        return start, 0.0
    return position, (total + current) * fraction


def _gap_ok(words: list[tuple[str, re.Match[str]]], position: int) -> bool:
    return _adjacent(words[position][1], words[position + 1][1])


def _adjacent(first: re.Match[str], second: re.Match[str]) -> bool:
    """Only spaces or a hyphen between two words ('a $2 billion' is not 'a billion')."""
    return first.string[first.end() : second.start()].strip(" -") == ""


def _starts_half_scale(words: list[tuple[str, re.Match[str]]], start: int) -> bool:
    """'half a million': half, then a, then a scale word."""
    following = [w for w, _ in words[start : start + 3]]
    return len(following) == 3 and following[0] == "half" and following[1] in {"a", "an"}
