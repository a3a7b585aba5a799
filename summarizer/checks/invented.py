"""The invented names check: every proper name of the English must have a counterpart in the
Korean (`summarizer.names.english` says how a name is grounded)."""

from __future__ import annotations

from summarizer.checks.flag import Flag
from summarizer.names.english import invented_names

INVENTED_PREFIX = "not in the Korean: "


def check_names(source: str, target: str) -> list[Flag]:
    """Flags the English names that nothing in the Korean stands for."""
    invented = invented_names(source, target)
    return [Flag("invented name", INVENTED_PREFIX + ", ".join(invented))] if invented else []
