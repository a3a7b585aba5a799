"""translation.en.md: the translation with each sentence the checks still flag marked by a
footnote ([^1]), and the footnotes, with the checks' reasons, at the end."""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.checks import Flag


def marked_translation(paragraphs: Sequence[Sequence[str]], flags: Sequence[list[Flag]]) -> str:
    """Paragraphs of sentences as Markdown; `flags` holds each sentence's flags, in order."""
    lines, notes, position = [], [], 0
    for sentences in paragraphs:
        parts = []
        for sentence in sentences:
            found = flags[position] if position < len(flags) else []
            position += 1
            if not sentence:
                continue
            if found:
                notes.append(_note(len(notes) + 1, position, found))
                sentence = f"{sentence}[^{len(notes)}]"
            parts.append(sentence)
        lines.append(" ".join(parts))
    text = "\n\n".join(lines)
    if not notes:
        return text
    return f"{text}{NOTES_RULE} (`summarizer check --help`):\n\n" + "\n".join(notes)


NOTES_RULE = "\n\n---\n\nFlagged by the checks"
_MARKER = re.compile(r"\[\^\d+\]")


def plain_translation(markdown: str) -> str:
    """The translation of a translation.en.md without its flag markers and footnotes."""
    return _MARKER.sub("", markdown.split(NOTES_RULE, 1)[0])


def _note(number: int, sentence: int, flags: Sequence[Flag]) -> str:
    reasons = "; ".join(f"{f.check}: {f.detail}" for f in flags)
    return f"[^{number}]: Sentence {sentence}: {reasons}"
