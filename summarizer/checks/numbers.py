"""The numbers check: every figure of the source is in the translation, and none is invented;
nor a month: "28일" became "December 28th" (a month name is only a hint for a missing number,
so the figures alone let it through)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.checks.english_numbers import english_quantities
from summarizer.checks.flag import Flag
from summarizer.checks.korean_numbers import korean_quantities
from summarizer.checks.quantity import Quantity, same_quantity, show

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# May is left out: Theresa May, and "May" starting a title, far outnumber the month.
_MONTH_NAME = re.compile(r"\b(" + "|".join(m for m in _MONTHS if m != "May") + r")\b")


def check_numbers(source: str, target: str) -> list[Flag]:
    """Compare the quantities of a Korean source and its English translation."""
    korean = korean_quantities(source)
    return compare_quantities(korean, english_quantities(target), invented_months(korean, target))


def invented_months(source: Sequence[Quantity], target: str) -> list[str]:
    """Month names of the English whose number the Korean does not have (9월 for September)."""
    values = {q.value for q in source}
    named = dict.fromkeys(_MONTH_NAME.findall(target))
    return [month for month in named if _MONTHS.index(month) + 1 not in values]


def compare_quantities(
    source: Sequence[Quantity], target: Sequence[Quantity], months: Sequence[str] = ()
) -> list[Flag]:
    missing = unsupported(source, target)
    invented = unsupported(target, source)
    problems = [f"{show(q)} is missing" for q in missing]
    problems += [f"{show(q)} is not in the source" for q in invented]
    problems += [f"{month} is not in the source" for month in months]
    return [Flag("numbers", "; ".join(problems))] if problems else []


def unsupported(claims: Sequence[Quantity], support: Sequence[Quantity]) -> list[Quantity]:
    """The required quantities of `claims` that no quantity of `support` matches, once each."""
    found: list[Quantity] = []
    for claim in claims:
        if not claim.required or any(q.value == claim.value for q in found):
            continue
        if not any(same_quantity(claim.value, q.value) for q in support):
            found.append(claim)
    return found
