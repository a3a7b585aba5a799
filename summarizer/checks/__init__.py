"""Checks that catch bad output without a reference: each returns flags a person can read.

`check_translation(source, target)` is what the pipeline calls for every translated segment;
a flagged segment is retried and, if it stays flagged, recorded with its flags.
`check_summary(summary, translation)` checks a summary against the article's translation.
"""

from __future__ import annotations

from summarizer.checks.flag import Flag
from summarizer.checks.length import check_length
from summarizer.checks.numbers import check_numbers
from summarizer.checks.repetition import check_loop
from summarizer.checks.script import (
    check_copied,
    check_empty,
    check_untranslated,
    hangul_share,
)
from summarizer.checks.summary import check_summary
from summarizer.checks.terms import check_terms

__all__ = [
    "CHECKS",
    "SUMMARY_CHECKS",
    "TRANSLATION_CHECKS",
    "Flag",
    "check_summary",
    "check_translation",
    "hangul_share",
]

TRANSLATION_CHECKS = (
    "empty",
    "copied",
    "untranslated",
    "partly untranslated",
    "loop",
    "length",
    "numbers",
    "latin terms",
)
SUMMARY_CHECKS = ("empty", "not English", "loop", "off topic", "summary support")
CHECKS = (*TRANSLATION_CHECKS, *(c for c in SUMMARY_CHECKS if c not in TRANSLATION_CHECKS))
"""Every check's name, in the order reports list them."""


def check_translation(source: str, target: str) -> list[Flag]:
    """Flags for one Korean → English segment; an empty list when nothing looks wrong.

    A translation that is empty, copied or left in Korean gets only those flags: comparing
    its numbers or length with the source's would say nothing more.
    """
    if not source.strip():
        return []
    if not target.strip():
        return check_empty(source, target)
    flags = check_copied(source, target) + check_untranslated(target)
    if any(f.check in {"copied", "untranslated"} for f in flags):
        return flags
    return (
        flags
        + check_loop(source, target)
        + check_length(source, target)
        + check_numbers(source, target)
        + check_terms(source, target)
    )
