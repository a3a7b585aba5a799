"""Quantities in Korean text: 665조5000억원, 1억 2500만, 3천만, 5만개, 6%, 2018년 9월, 두 배.

No maintained library reads mixed digit-and-unit Korean numerals (korean-number parses only
Hangul numerals and gives 5000억 as 1억; kr-number converts the other way), so this is a
small normaliser: Sino-Korean units 십 백 천 within a group of four digits, 만 억 조 between
groups, digits or Hangul numerals before them.
"""

from __future__ import annotations

import re

from summarizer.checks.quantity import LATIN_AFTER, Kind, Quantity, glued_before
from summarizer.names.latin import UNITS

_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"만": 1e4, "억": 1e8, "조": 1e12, "경": 1e16}
_SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_GROUP = rf"{_NUMBER}(?:[십백천](?:{_NUMBER}[십백천]?)*)?"
# 경 (10^16) only where no syllable follows but 원: 100경 번, 1경원; not 6경기 (six games), 경우.
_BIG = r"(?:[만억조]|경(?=원|[^가-힣]|$))"
FIGURE = re.compile(rf"{_GROUP}(?:{_BIG}(?:\s?{_GROUP}{_BIG}?)*)?")
_PIECE = re.compile(rf"{_NUMBER}|[십백천만억조경일이삼사오육칠팔구]")
# Hangul numerals stand apart from the word before (수천 "thousands" is vague, not 1,000).
_SINO_WORD = re.compile(r"(?<![가-힣\d])[십백천만억조]+(?=\s|$)")
_NATIVE = {
    "하나": 1, "한": 1, "첫": 1, "둘": 2, "두": 2, "셋": 3, "세": 3, "석": 3, "넷": 4, "네": 4,
    "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스물": 20, "스무": 20,
    "서른": 30, "마흔": 40, "쉰": 50, "예순": 60, "일흔": 70, "여든": 80, "아흔": 90,
}  # fmt: skip
_NATIVE_WORD = re.compile(
    r"(?<![가-힣])(?:(?P<tens>열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)\s?)?"
    r"(?P<ones>하나|한|첫|둘|두|셋|세|석|넷|네|다섯|여섯|일곱|여덟|아홉)?"
    r"(?=\s|[번명개배살마가곳시달해차째권대척분])"
)
# 오후 7시 is 19:00, which an English translation may write.
_AFTERNOON = re.compile(r"오후\s?(\d{1,2})시")
_COUNTER = re.compile(
    r"\s?(?:위|주|시간|개|년|명|건|번|곳|가지|차례|달|마리|척|권|채|회|세기|등|인)"
)
_HALF = re.compile(r"절반|(?<![가-힣])반(?=\s|[이을은의]\s)")


def korean_quantities(text: str) -> list[Quantity]:
    """Every quantity in `text`, figures first, then numerals in words and weaker hints."""
    found = []
    for match in FIGURE.finditer(text):
        unit = LATIN_AFTER.match(text, match.end())
        glued = glued_before(text, match.start()) or (unit and unit.group() not in UNITS)
        # One of a thing is as often 'a', 'an' or 'the' in English (1주일 → a week, 1위 → top).
        single = match.group() == "1" and _COUNTER.match(text, match.end()) is not None
        kind = Kind.HINT if glued or single else Kind.FIGURE
        found.append(Quantity(value_of(match.group()), match.group(), kind))
    for match in _SINO_WORD.finditer(text):
        if len(match.group()) > 1 or match.group() in "백천":
            found.append(Quantity(value_of(match.group()), match.group(), Kind.WORDS))
    for match in _NATIVE_WORD.finditer(text):
        if match.group():
            value = sum(_NATIVE[w] for w in match.group("tens", "ones") if w)
            found.append(Quantity(value, match.group(), Kind.HINT))
    for match in _AFTERNOON.finditer(text):
        found.append(Quantity(int(match.group(1)) + 12, match.group(), Kind.HINT))
    found.extend(Quantity(0.5, m.group(), Kind.HINT) for m in _HALF.finditer(text))
    return found


def value_of(numeral: str) -> float:
    """'665조5000억' → 665500000000000; '3천만' → 30000000; '2.8억' → 280000000."""
    total = 0.0
    group = 0.0
    number: float | None = None
    for piece in _PIECE.findall(numeral):
        if piece in _SMALL_UNITS:
            group += (1 if number is None else number) * _SMALL_UNITS[piece]
            number = None
        elif piece in _BIG_UNITS:
            group += number or 0
            total += (group or 1) * _BIG_UNITS[piece]
            group, number = 0.0, None
        else:
            number = _SINO_DIGITS.get(piece) or float(piece.replace(",", ""))
    return total + group + (number or 0)
