"""The summary support check: every number and Latin-script name of a summary is in the article."""

from __future__ import annotations

import re

from summarizer.checks.english_numbers import english_quantities
from summarizer.checks.flag import Flag
from summarizer.checks.quantity import Kind, same_quantity, show
from summarizer.checks.terms import contains_term

_NAME = re.compile(r"[A-Za-z][\w&'.-]*[\w]|[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)$")
_POSSESSIVE = re.compile(r"['’]s?$")


def summary_names(summary: str) -> list[str]:
    """Names: capitalised words inside a sentence, and acronyms or codes (AWS, H100) anywhere."""
    found = []
    for match in _NAME.finditer(summary):
        word = _POSSESSIVE.sub("", match.group().rstrip("."))
        coded = any(c.isdigit() for c in word) or (len(word) > 1 and word.isupper())
        starts = _SENTENCE_START.search(summary[: match.start()]) is not None
        if word[:1].isupper() and word != "I" and (coded or not starts) and word not in found:
            found.append(word)
    return found


def check_summary(summary: str, translation: str) -> list[Flag]:
    """Flags for a summary whose figures or names the translation does not contain."""
    support = english_quantities(translation)
    problems = []
    for quantity in english_quantities(summary):
        if quantity.kind is Kind.HINT or (quantity.kind is Kind.WORDS and quantity.value < 2):
            continue
        if not any(same_quantity(quantity.value, q.value) for q in support):
            problems.append(show(quantity))
    problems += [n for n in summary_names(summary) if not contains_term(translation, n)]
    if problems:
        return [Flag("summary support", "not in the article: " + ", ".join(problems))]
    return []
