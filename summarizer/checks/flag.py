"""A flag: one problem a check found, named and explained so a person can read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """One problem found: which check found it and what it saw."""

    check: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"check": self.check, "detail": self.detail}
