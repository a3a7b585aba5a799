"""The numbers check: every figure of the source is in the translation, and none is invented."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.english_numbers import english_quantities
from summarizer.checks.flag import Flag
from summarizer.checks.korean_numbers import korean_quantities
from summarizer.checks.quantity import Quantity, same_quantity, show


def check_numbers(source: str, target: str) -> list[Flag]:
    """Compare the quantities of a Korean source and its English translation."""
    return compare_quantities(korean_quantities(source), english_quantities(target))


def compare_quantities(source: Sequence[Quantity], target: Sequence[Quantity]) -> list[Flag]:
    missing = unsupported(source, target)
    invented = unsupported(target, source)
    problems = [f"{show(q)} is missing" for q in missing]
    problems += [f"{show(q)} is not in the source" for q in invented]
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
