"""`python -m benchmarks.boilerplate`: site chrome inside articles, leaked and kept.

Cleans the synthetic pages of benchmarks/chrome_pages.py (fixed seed) with
`summarizer.text.boilerplate.clean` and counts, from the kept paragraphs alone:

- chrome pieces leaked (goal 0): the known article sentences are cut out of every kept
  paragraph; a piece leaked when its plain text is in what is left;
- article sentences kept (goal ≥ 98%): a sentence is kept when a kept paragraph contains it;
- left-over text: characters of kept paragraphs that are neither article text nor a known
  piece (goal 0; it shows text the cleaner mangled).

Prints a markdown table per kind of chrome and, last, one JSON line with every figure.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from benchmarks.chrome_pages import PAGES, SEED, Page, pages
from summarizer.text.boilerplate import clean


def _key(text: str) -> str:
    return "".join(text.split())


@dataclass
class Figures:
    pages: int = 0
    sentences: int = 0
    kept: int = 0
    pieces: Counter[str] = field(default_factory=Counter)
    leaked: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)

    @property
    def kept_share(self) -> float:
        return self.kept / self.sentences if self.sentences else 1.0

    def as_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "sentences": self.sentences,
            "sentences_kept": self.kept,
            "kept_share": round(self.kept_share, 4),
            "pieces": sum(self.pieces.values()),
            "leaked": sum(self.leaked.values()),
            "leftover_paragraphs": len(self.leftover),
            "by_kind": {
                kind: {"pieces": count, "leaked": self.leaked[kind]}
                for kind, count in sorted(self.pieces.items())
            },
        }


def measure(page_list: Sequence[Page]) -> Figures:
    figures = Figures()
    for page in page_list:
        kept = [_key(paragraph) for paragraph in clean(page.text, page.format).paragraphs]
        figures.pages += 1
        for sentence in page.sentences:
            figures.sentences += 1
            if any(_key(sentence) in paragraph for paragraph in kept):
                figures.kept += 1
            else:
                figures.lost.append(f"{page.name}: {sentence}")
        rest = []
        for paragraph in kept:
            for sentence in sorted(page.sentences, key=len, reverse=True):
                paragraph = paragraph.replace(_key(sentence), "\n")
            rest.append(paragraph)
        leftover = "\n".join(rest)
        for piece in page.chrome:
            figures.pieces[piece.kind] += 1
            visible = _key(piece.visible)
            if visible and visible in leftover:
                figures.leaked[piece.kind] += 1
                figures.leaks.append(f"{page.name} [{piece.kind}]: {piece.visible}")
                leftover = leftover.replace(visible, "\n")
        figures.leftover.extend(
            f"{page.name}: {part}"
            for part in leftover.split("\n")
            if any(c.isalnum() for c in part)
        )
    return figures


def table(figures: Figures) -> str:
    rows = [
        "| chrome | pieces | leaked |",
        "|---|---:|---:|",
        *(
            f"| {kind} | {count:,} | {figures.leaked[kind]} |"
            for kind, count in sorted(figures.pieces.items())
        ),
        f"| **all** | {sum(figures.pieces.values()):,} | {sum(figures.leaked.values())} |",
    ]
    kept = (
        f"Article sentences kept: {figures.kept:,} of {figures.sentences:,} "
        f"({100 * figures.kept_share:.2f}%) on {figures.pages} pages; "
        f"left-over paragraphs: {len(figures.leftover)}."
    )
    return "\n".join([*rows, "", kept])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.boilerplate", description=__doc__)
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", action="store_true", help="list leaks, losses and left-overs")
    args = parser.parse_args(argv)
    figures = measure(pages(args.pages, args.seed))
    print(table(figures))
    if args.show:
        for line in figures.leaks + figures.lost + figures.leftover:
            print(line, file=sys.stderr)
    print(json.dumps(figures.as_dict(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
