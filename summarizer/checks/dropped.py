"""The dropped names check: a foreign name that the Korean spells out in Hangul (모건스탠리,
딥시크) must sound in the English (`summarizer.names.foreign` says how)."""

from __future__ import annotations

from summarizer.checks.flag import Flag
from summarizer.names.foreign import dropped_names


def check_dropped(source: str, target: str) -> list[Flag]:
    """Flags the foreign names of the Korean that nothing in the English sounds like."""
    dropped = dropped_names(source, target)
    return [Flag("dropped name", "missing: " + ", ".join(dropped))] if dropped else []
