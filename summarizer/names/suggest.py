"""From flags to a glossary: the Korean names a finished run dropped (its `dropped name`
flags), counted across articles with a sentence each, as a TSV the user completes and gives
back with `--glossary`.

Each name's English is filled with a guess a person must check: how the run wrote the name
where it kept it (엔비디아 → Nvidia in the sentences that were not flagged), else a
romanization (`anyascii`), marked as such. Names the run's glossary already holds are left out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from summarizer.names.foreign import bare, foreign_names, rendering

_MISSING = "missing: "


@dataclass
class Suggestion:
    """A name the run dropped: where, and how it wrote the name elsewhere."""

    name: str
    sentences: int = 0
    articles: set[str] = field(default_factory=set)
    example: tuple[str, str, str] = ("", "", "")
    kept: Counter[str] = field(default_factory=Counter)

    @property
    def english(self) -> str:
        if self.kept:
            return self.kept.most_common(1)[0][0]
        from anyascii import anyascii

        return " ".join(part.capitalize() for part in anyascii(self.name).split())

    @property
    def guessed(self) -> bool:
        """The English is a romanization, not a rendering the run used."""
        return not self.kept


def suggestions(articles: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Suggestion]:
    """The dropped names of a run's articles (stem, result.json), most often dropped first,
    each with a guess at its English from the sentences that kept it (Kiwi reads them all)."""
    listed = list(articles)
    found = {entry.name: entry for entry in dropped(listed)}
    for _, result in listed:
        for segment in result.get("segments") or []:
            source, target = str(segment.get("source", "")), str(segment.get("translation", ""))
            for noun in foreign_names(source) if found else []:
                entry = found.get(bare(noun))
                english = rendering(noun, target) if entry else None
                if entry and english:
                    entry.kept[english] += 1
    return list(found.values())


def dropped(articles: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Suggestion]:
    """The names a run's `dropped name` flags name, less those its glossary held, most often
    dropped first, each with where and one sentence; no model, no Kiwi."""
    found: dict[str, Suggestion] = {}
    for stem, result in articles:
        for segment in result.get("segments") or []:
            glossed = {bare(str(t.get("ko", ""))) for t in segment.get("terms") or [] if t}
            for name in {bare(name) for name in _dropped(segment)} - glossed:
                entry = found.setdefault(name, Suggestion(name))
                entry.sentences += 1
                entry.articles.add(stem)
                if not entry.example[0]:
                    source = str(segment.get("source", ""))
                    entry.example = (stem, source, str(segment.get("translation", "")))
    return sorted(found.values(), key=lambda s: (-s.sentences, s.name))


def _dropped(segment: Mapping[str, Any]) -> list[str]:
    names: list[str] = []
    for flag in segment.get("flags") or []:
        detail = str(flag.get("detail", "")) if isinstance(flag, Mapping) else ""
        if isinstance(flag, Mapping) and flag.get("check") == "dropped name":
            names += [n.strip() for n in detail.removeprefix(_MISSING).split(",") if n.strip()]
    return names


def as_tsv(found: list[Suggestion]) -> str:
    """A glossary file: a comment on each name (how often it was dropped, an example), then
    the name and its guessed English."""
    lines = [
        "# Names the run dropped, most often first. Check each English term (a romanized guess",
        "# is marked), delete the lines you do not want, and run again with --glossary FILE.",
    ]
    for entry in found:
        stem, source, target = entry.example
        how = "romanized guess" if entry.guessed else f"written so {sum(entry.kept.values())}x"
        lines += [
            f"# {entry.name}: dropped in {entry.sentences} sentence(s) of "
            f"{len(entry.articles)} article(s); {how}; e.g. {stem}: {_short(source)} → "
            f"{_short(target)}",
            f"{entry.name}\t{entry.english}",
        ]
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
