"""Korean amounts by rule: figures with 만 억 조 경 (and their currency or counter) in English,
which small models get wrong by a power of ten. 10억 달러 → $1 billion, 3조 원 → 3 trillion
won, 2만6000 → 26,000, 665조5000억원 → 665.5 trillion won, 1억2500만 명 → 125 million people.

The translator hands these to a language model as hints, as it does glossary terms; the
numbers check verifies the translation either way.
"""

from __future__ import annotations

import re

from summarizer.checks.korean_numbers import FIGURE, value_of

RULE = "amounts-1"
"""The rule's version, part of a translator's fingerprint: a change re-translates."""
_CURRENCY_BEFORE = {"달러": "$", "유로": "€", "파운드": "£"}
_UNITS_AFTER = {"원": "won", "엔": "yen", "위안": "yuan", "명": "people", "루블": "rubles"}
_UNIT = re.compile(
    r"\s?(?P<unit>달러|유로|파운드|위안|루블|(?:원|엔|명)(?![가-힣])|(?:원|엔|명)(?=[을를이가은는의에으로과와도만씩대규어]))"
)
"""A currency or counter after the figure; a one-syllable one only before a particle or a
break (3조 원을, 100명), not as a word's start (원전, 엔지니어)."""
_SCALES = ((1e18, "quintillion"), (1e15, "quadrillion"), (1e12, "trillion"), (1e9, "billion"))
_MILLION = 1e6
_BIG = re.compile(r"[만억조경]")


def korean_amounts(text: str) -> list[tuple[str, str]]:
    """(the amount as the Korean writes it, its English) for each figure with a big unit."""
    found = []
    for match in FIGURE.finditer(text):
        figure = match.group()
        if not _BIG.search(figure) or not re.match(r"\d", figure):
            continue
        unit = _UNIT.match(text, match.end())
        english = english_amount(value_of(figure), unit.group("unit") if unit else None)
        korean = text[match.start() : unit.end()] if unit else figure
        pair = (korean.strip(), english)
        if pair not in found:
            found.append(pair)
    return found


def english_amount(value: float, unit: str | None = None) -> str:
    """26,000; 1.25 million; 665.5 trillion; with $ before or won after."""
    number = _number(value)
    if unit in _CURRENCY_BEFORE:
        return _CURRENCY_BEFORE[unit] + number
    if unit in _UNITS_AFTER:
        return f"{number} {_UNITS_AFTER[unit]}"
    return number


def _number(value: float) -> str:
    for scale, word in (*_SCALES, (_MILLION, "million")):
        if value >= scale:
            return f"{_trimmed(value / scale)} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _trimmed(quotient: float) -> str:
    """1.25, 665.5, 3: up to three decimals, without trailing zeros."""
    return f"{quotient:,.3f}".rstrip("0").rstrip(".")
