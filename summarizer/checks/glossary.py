"""The glossary check: a sentence whose Korean holds a glossary term (or a name its article
glossed) must carry the term's English, whole word, case-blind."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.checks.flag import Flag
from summarizer.names import carries


def check_glossary(target: str, pairs: Sequence[tuple[str, str]]) -> list[Flag]:
    missing = [f"{korean} → {english}" for korean, english in pairs if not carries(target, english)]
    return [Flag("glossary", "missing: " + ", ".join(missing))] if missing else []
