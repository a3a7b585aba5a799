"""Checks that catch bad output without a reference: each returns flags a person can read.

`check_translations(sources, targets)` is what the pipeline calls for its translated segments
(in one batch: the adequacy check embeds them together); a flagged segment is retried and, if
it stays flagged, recorded with its flags. `check_translation` does one segment.
`check_summary(summary, translation, korean)` checks a summary against what it read of the
article's translation and its names against the Korean (`checks.trusted` says what it reads).
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.adequacy import adequacy_flags, similarities
from summarizer.checks.dropped import check_dropped
from summarizer.checks.flag import Flag
from summarizer.checks.glossary import check_glossary
from summarizer.checks.invented import check_names
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
    "check_translations",
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
    "invented name",
    "dropped name",
    "glossary",
    "adequacy",
)
SUMMARY_CHECKS = (
    "empty",
    "not English",
    "loop",
    "off topic",
    "summary support",
    "invented name",
    "unsupported",
)
CHECKS = (*TRANSLATION_CHECKS, *(c for c in SUMMARY_CHECKS if c not in TRANSLATION_CHECKS))
"""Every check's name, in the order reports list them."""


def check_translation(source: str, target: str) -> list[Flag]:
    """Flags for one Korean → English segment; an empty list when nothing looks wrong."""
    return check_translations([source], [target])[0]


def check_translations(
    sources: Sequence[str],
    targets: Sequence[str],
    terms: Sequence[Sequence[tuple[str, str]]] | None = None,
) -> list[list[Flag]]:
    """Flags for each Korean → English segment; `terms`: each segment's glossary pairs.

    A translation that is empty, copied or left in Korean gets only those flags: comparing
    its numbers, names, length or meaning with the source's would say nothing more.
    """
    pairs = terms or [() for _ in sources]
    found = [_surface(s, t) for s, t in zip(sources, targets, strict=True)]
    judged = [i for i, (_, judge) in enumerate(found) if judge]
    scores = similarities([sources[i] for i in judged], [targets[i] for i in judged])
    flags = [surface for surface, _ in found]
    for i, score in zip(judged, scores, strict=True):
        flags[i] += (
            check_names(sources[i], targets[i])
            + check_dropped(sources[i], targets[i])
            + check_glossary(targets[i], pairs[i])
            + adequacy_flags(score)
        )
    return flags


def _surface(source: str, target: str) -> tuple[list[Flag], bool]:
    """The flags that need no model, and whether the meaning checks should judge the pair."""
    if not source.strip():
        return [], False
    if not target.strip():
        return check_empty(source, target), False
    flags = check_copied(source, target) + check_untranslated(target)
    if any(f.check in {"copied", "untranslated"} for f in flags):
        return flags, False
    surface = (
        flags
        + check_loop(source, target)
        + check_length(source, target)
        + check_numbers(source, target)
        + check_terms(source, target)
    )
    return surface, True
