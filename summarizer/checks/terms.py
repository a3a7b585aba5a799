"""The latin terms check: Latin-script tokens of the source (H100, D1, Dojo, AWS) carry over
(`summarizer.names.latin` says when a term is present)."""

from __future__ import annotations

from summarizer.checks.flag import Flag
from summarizer.names.latin import missing_terms


def check_terms(source: str, target: str) -> list[Flag]:
    missing = missing_terms(source, target)
    return [Flag("latin terms", "missing: " + ", ".join(missing))] if missing else []
