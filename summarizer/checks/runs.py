"""Checks over whole inputs: a finished run's result.json files, or two line-aligned files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.checks import Flag, check_translations
from summarizer.checks.trusted import check_result_summary
from summarizer.errors import UsageError
from summarizer.text.lines import split_lines


@dataclass(frozen=True)
class Checked:
    """The flags of one segment (`index` in its file or article) or of one article's summary."""

    index: int | None
    flags: list[Flag]
    article: str | None = None

    def to_json(self) -> dict[str, Any]:
        place: dict[str, Any] = {"article": self.article} if self.article is not None else {}
        place |= {"index": self.index} if self.index is not None else {"summary": True}
        return place | {"flags": [f.to_json() for f in self.flags]}

    @property
    def place(self) -> str:
        if self.article is None:
            return f"line {(self.index or 0) + 1}"
        return f"{self.article} " + ("summary" if self.index is None else f"segment {self.index}")


def check_result(result: Mapping[str, Any], stem: str | None = None) -> list[Checked]:
    """Every segment of one result.json (Korean articles only), then its summary."""
    korean = (result.get("article") or {}).get("language") == "ko"
    segments = result.get("segments") or []
    sources = [str(segment.get("source", "")) for segment in segments]
    targets = [str(segment.get("translation", "")) for segment in segments]
    terms = [
        [(str(t.get("ko", "")), str(t.get("en", ""))) for t in segment.get("terms") or []]
        for segment in segments
    ]
    flags = check_translations(sources, targets, terms) if korean else [[] for _ in segments]
    found = [Checked(index, found, stem) for index, found in enumerate(flags)]
    summary = check_result_summary(result, [bool(f) for f in flags])
    found.append(Checked(None, summary, stem))
    return found


def check_articles(
    articles: Iterable[tuple[str, Mapping[str, Any] | None, str | None]],
) -> tuple[list[Checked], list[tuple[str, str]]]:
    """Re-check every finished article of a `summarizer run` outputs folder, given as (stem,
    result.json, why there is none); also returns the articles that could not be checked, each
    with why (failed in the run, or a result.json that is missing, unreadable or not of this
    version)."""
    checked: list[Checked] = []
    unchecked: list[tuple[str, str]] = []
    for stem, result, why in articles:
        if not result:
            unchecked.append((stem, str(why)))
        else:
            checked.extend(check_result(result, stem))
    return checked, unchecked


def check_files(source: Path, target: Path) -> list[Checked]:
    """Check two line-aligned UTF-8 files, one segment per line."""
    sources, targets = _lines(source), _lines(target)
    if len(sources) != len(targets):
        raise UsageError(
            f"{source} has {len(sources)} lines but {target} has {len(targets)}: "
            "give line-aligned files, one segment per line"
        )
    return [Checked(i, flags) for i, flags in enumerate(check_translations(sources, targets))]


def tally(checked: Iterable[Checked]) -> Counter[str]:
    """How many items each check flagged."""
    return Counter(name for c in checked for name in {f.check for f in c.flags})


def _lines(path: Path) -> Sequence[str]:
    try:
        return split_lines(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path} is a folder; give a text file, one segment per line") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 (byte {exc.start}); convert it first") from exc
