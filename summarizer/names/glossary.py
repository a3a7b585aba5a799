"""A glossary: Korean terms and the English each must become, read from the user's files.

`Glossary.read(paths)` reads and merges files (`glossary_files`); a Korean term given two
English targets, in one file or across files, is an error naming both places. `found(text)`
gives the pairs a sentence holds, as `korean_terms` matches them. The glossary's `sha256`
(over its sorted pairs, not the files' bytes) is what result.json records.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from summarizer.errors import UsageError
from summarizer.names.glossary_files import read_entries
from summarizer.names.korean_terms import find_terms, key, term_pattern

Pair = tuple[str, str]
"""A Korean term as the glossary spells it, and its English."""


@dataclass(frozen=True)
class Glossary:
    """Korean term (spaces removed) → (the term as written in the glossary, its English)."""

    terms: Mapping[str, Pair] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    @classmethod
    def read(cls, paths: Sequence[Path]) -> Glossary:
        terms: dict[str, Pair] = {}
        where: dict[str, str] = {}
        for path in paths:
            for korean, english, line in read_entries(path):
                bare = key(korean)
                if bare in terms and terms[bare][1] != english:
                    raise UsageError(
                        f"glossary {path}:{line}: {korean} → {english!r}, but {where[bare]} gives "
                        f"{terms[bare][1]!r}; keep one"
                    )
                if not re.search(r"[가-힣]", bare):
                    raise UsageError(
                        f"glossary {path}:{line}: the first column must be the Korean term, got "
                        f"{korean!r}"
                    )
                terms.setdefault(bare, (korean, english))
                where.setdefault(bare, f"{path}:{line}")
        return cls(terms, tuple(str(p) for p in paths))

    @classmethod
    def of(cls, pairs: Iterable[Pair]) -> Glossary:
        """A glossary of given pairs (the first English of a term wins)."""
        terms: dict[str, Pair] = {}
        for korean, english in pairs:
            terms.setdefault(key(korean), (korean, english))
        return cls(terms)

    def __bool__(self) -> bool:
        return bool(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        return term_pattern(korean for korean, _ in self.terms.values())

    def found(self, text: str) -> list[Pair]:
        """The (Korean, English) pairs whose Korean the text holds, in the order they first
        appear, each once; the Korean as the glossary spells it."""
        pairs = {self.terms[key(written)] for written, _ in find_terms(self._pattern, text)}
        order = {key(w): at for w, at in reversed(find_terms(self._pattern, text))}
        return sorted(pairs, key=lambda pair: order[key(pair[0])])

    @cached_property
    def sha256(self) -> str:
        pairs = sorted((korean, english) for korean, english in self.terms.values())
        return hashlib.sha256(json.dumps(pairs, ensure_ascii=False).encode()).hexdigest()

    def describe(self) -> dict[str, object]:
        """What result.json records of the glossary: its hash and size."""
        return {"sha256": self.sha256, "terms": len(self.terms)}

    def merged(self, other: Glossary) -> Glossary:
        """This glossary with `other`'s terms that it lacks (its own win)."""
        return Glossary({**other.terms, **self.terms}, self.files)
