"""What a summary reads: the translation without headings, without epigraphs, pull quotes,
bylines and photo captions (`summarizer.text.asides`) and without the sentences the checks
still flag.

A summary repeats what it reads, inventions included: a headline mistranslated as "Tesla …
will launch its AI subsidiary in India" became the first sentence of the article's summary.
So a summarizer reads only the translated sentences that no check flags after their retry.
Headlines and section headings (a Korean line alone in its paragraph that does not end as a
sentence does) are left out too: telegraphic Korean is what a small model translates worst
(seeds: "Moonscape" for Morgan Stanley, "Apple" where the Korean has no Apple), and a lead
made of headline fragments reads badly; the body repeats what they say. When fewer than
MIN_TRUSTED sentences are left it reads them all (a summary of almost nothing helps nobody),
and the summary's own checks say what it claims that the article does not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from summarizer.checks.flag import Flag
from summarizer.checks.summary import check_summary
from summarizer.text.asides import aside_reasons
from summarizer.text.segment import ends_as_sentence

MIN_TRUSTED = 3
"""Unflagged sentences a summary needs before the flagged ones are left out of what it reads."""


def headings(paragraphs: Sequence[Sequence[str]]) -> list[bool]:
    """For each source sentence in order: whether it is a heading, a line alone in its
    paragraph that ends without a sentence's final punctuation ("도조 프로젝트")."""
    return [
        len(sentences) == 1 and not ends_as_sentence(sentence)
        for sentences in paragraphs
        for sentence in sentences
    ]


def asides(paragraphs: Sequence[Sequence[str]]) -> list[bool]:
    """For each source sentence in order: whether its paragraph is no body text, an
    epigraph, pull quote, byline or photo caption (see `summarizer.text.asides`)."""
    reasons = aside_reasons([" ".join(sentences) for sentences in paragraphs])
    return [
        reason is not None
        for reason, sentences in zip(reasons, paragraphs, strict=True)
        for _ in sentences
    ]


def left_out(korean: Sequence[Sequence[str]], flagged: Sequence[bool]) -> list[bool]:
    """Which sentences a summary should not read: headings, asides and flagged ones."""
    marks = zip(flagged, headings(korean), asides(korean), strict=True)
    return [f or h or a for f, h, a in marks]


def trusted_text(paragraphs: Sequence[Sequence[str]], flagged: Sequence[bool]) -> tuple[str, int]:
    """The paragraphs' sentences joined as the translation is (sentences by spaces,
    paragraphs by a blank line), the flagged ones left out (see `left_out`); and how many
    were left out. `flagged` runs over all sentences in order."""
    kept = len(flagged) - sum(flagged)
    leave_out = any(flagged) and kept >= MIN_TRUSTED
    marks = iter(flagged)
    joined = []
    for sentences in paragraphs:
        chosen = [s for s in sentences if not (next(marks) and leave_out) and s]
        if chosen:
            joined.append(" ".join(chosen))
    return "\n\n".join(joined), sum(flagged) if leave_out else 0


def check_result_summary(result: Mapping[str, Any], flagged: Sequence[bool]) -> list[Flag]:
    """The summary checks of a result.json as the run made them: against what the summary
    read, and for a Korean article its names against the Korean. `flagged` says which
    segments carry flags."""
    summary = str(result.get("summary") or "")
    if (result.get("article") or {}).get("language") != "ko":
        return check_summary(summary, str(result.get("translation", "")))
    segments = [s if isinstance(s, Mapping) else {} for s in result.get("segments") or []]
    paragraphs: dict[object, list[str]] = {}
    sources: dict[object, list[str]] = {}
    for segment in segments:
        paragraphs.setdefault(segment.get("paragraph"), []).append(
            str(segment.get("translation", ""))
        )
        sources.setdefault(segment.get("paragraph"), []).append(str(segment.get("source", "")))
    skip = left_out(list(sources.values()), flagged)
    text, _ = trusted_text(list(paragraphs.values()), skip)
    korean = " ".join(str(segment.get("source", "")) for segment in segments)
    return check_summary(summary, text, korean)
