"""`python -m benchmarks.asides`: the paragraphs a summary skips as no body text, on NTREX-128.

Each NTREX-128 Korean line is one paragraph of its document, as `eval-mt --mode document`
reads it. Prints, for the development documents (1–60, where the rules were chosen) and the
held-out ones (61–123), how many lines `summarizer.text.asides` skips and why, each skipped
line, and how many lines are wholly a quotation (the form a looser rule would skip: NTREX's
are body text); last, one JSON line.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from benchmarks import workload
from benchmarks.checks import DEVELOPMENT_DOCUMENTS
from summarizer.text.asides import QUOTED, aside_reasons


def measure(documents: list[workload.Document]) -> dict[str, object]:
    reasons: Counter[str] = Counter()
    lines = quotations = 0
    for document in documents:
        lines += len(document.lines)
        quotations += sum(1 for line in document.lines if QUOTED.fullmatch(line))
        for reason, line in zip(aside_reasons(document.lines), document.lines, strict=True):
            if reason:
                reasons[reason] += 1
                print(f"{document.id}\t{reason}\t{line}")
    return {
        "documents": len(documents),
        "lines": lines,
        "wholly_quoted": quotations,
        "skipped": sum(reasons.values()),
        "by_reason": dict(reasons),
    }


def main() -> int:
    if not (workload.NTREX / workload.KOREAN_FILE).is_file():
        print(f"skipped: no NTREX-128 at {workload.NTREX}")
        return 0
    documents = workload.documents("ko")
    figures = {
        "development": measure(documents[:DEVELOPMENT_DOCUMENTS]),
        "held_out": measure(documents[DEVELOPMENT_DOCUMENTS:]),
    }
    print("| documents | lines | wholly quotations | skipped |\n|---|---:|---:|---:|")
    for name, row in figures.items():
        print(f"| {name} | {row['lines']} | {row['wholly_quoted']} | {row['skipped']} |")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
