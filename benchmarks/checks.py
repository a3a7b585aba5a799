"""`python -m benchmarks.checks`: the checks' false alarms and detection on NTREX-128.

False alarms: the share of NTREX-128's 1,997 human translations (the Korean side checked
against the English originals) that each check flags. Detection: the share of corrupted
copies of the English side (benchmarks/corruptions.py, fixed seed) on which the checks raise
a flag that the clean line did not have. Thresholds were tuned on the first 60 documents
(by DOCUMENT_IDS.tsv, the development slice); the held-out rest is reported apart.
Prints markdown tables (benchmarks/RESULTS.md) and, last, one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from benchmarks import workload
from benchmarks.corruptions import CORRUPTIONS, Maker, invented_content
from summarizer.checks import TRANSLATION_CHECKS, Flag, check_translations

DEVELOPMENT_DOCUMENTS = 60
SEED = 11


def lines() -> tuple[list[str], list[str], list[bool]]:
    """Korean lines, English lines, and whether each line belongs to the development slice."""
    sources, targets, documents = numbered_lines()
    return sources, targets, [number < DEVELOPMENT_DOCUMENTS for number in documents]


def numbered_lines() -> tuple[list[str], list[str], list[int]]:
    """Korean lines, English lines, and the number of each line's document (from 0)."""
    korean, english = workload.documents("ko"), workload.documents("en")
    sources = [line for doc in korean for line in doc.lines]
    targets = [line for doc in english for line in doc.lines]
    documents = [number for number, doc in enumerate(korean) for _ in doc.lines]
    return sources, targets, documents


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def false_alarms(flags: Sequence[list[Flag]], development: Sequence[bool]) -> dict[str, Any]:
    slices = {
        "development": [i for i, d in enumerate(development) if d],
        "held out": [i for i, d in enumerate(development) if not d],
        "all": list(range(len(flags))),
    }
    table: dict[str, dict[str, float]] = {}
    for name, indices in slices.items():
        counts = Counter(check for i in indices for check in {f.check for f in flags[i]})
        table[name] = {check: counts[check] / len(indices) for check in TRANSLATION_CHECKS}
        table[name]["any"] = sum(1 for i in indices if flags[i]) / len(indices)
        table[name]["lines"] = len(indices)
    return table


def detection(
    sources: Sequence[str],
    targets: Sequence[str],
    clean: Sequence[list[Flag]],
    development: Sequence[bool],
    corruptions: dict[str, Maker],
) -> dict[str, dict[str, Any]]:
    rng = random.Random(SEED)
    table: dict[str, dict[str, Any]] = {}
    for kind, corrupt in corruptions.items():
        caught = {"all": [0, 0], "held out": [0, 0]}
        by_check: Counter[str] = Counter()
        made = [
            (i, corrupted)
            for i, (source, target) in enumerate(zip(sources, targets, strict=True))
            if (corrupted := corrupt(source, target, rng)) is not None and corrupted != target
        ]
        checked = check_translations([sources[i] for i, _ in made], [c for _, c in made])
        for (i, _), flags in zip(made, checked, strict=True):
            new = set(flags) - set(clean[i])
            by_check.update({f.check for f in new})
            for name in ("all", "held out") if not development[i] else ("all",):
                caught[name][0] += bool(new)
                caught[name][1] += 1
        table[kind] = {
            "lines": caught["all"][1],
            "caught": caught["all"][0] / max(caught["all"][1], 1),
            "held out lines": caught["held out"][1],
            "held out caught": caught["held out"][0] / max(caught["held out"][1], 1),
            "by": dict(by_check.most_common()),
        }
    return table


def print_tables(alarms: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
    names = ["development", "held out", "all"]
    header = " | ".join(f"{n} ({alarms[n]['lines']:,} lines)" for n in names)
    print(f"| check | {header} |\n|---|---:|---:|---:|")
    for check in [*TRANSLATION_CHECKS, "any"]:
        cells = " | ".join(f"{alarms[n][check]:.1%}" for n in names)
        print(f"| {'**all checks together**' if check == 'any' else check} | {cells} |")
    print()
    print("| corruption | lines | caught (all) | caught (held out) | caught by |")
    print("|---|---:|---:|---:|---|")
    for kind, row in found.items():
        by = ", ".join(f"{check} {count}" for check, count in row["by"].items())
        print(
            f"| {kind} | {row['lines']:,} | {row['caught']:.1%} | "
            f"{row['held out caught']:.1%} | {by} |"
        )


def _cost(sources: list[str], targets: list[str]) -> dict[str, float]:
    """Seconds each new check takes on all lines (the adequacy check with an empty cache,
    encoding in batches), and all checks together once the encodings are cached."""
    from summarizer.checks.adequacy import similarities
    from summarizer.checks.invented import check_names

    seconds = {}
    for what, work in (
        ("adequacy", lambda: similarities(sources, targets)),
        ("invented name", lambda: list(map(check_names, sources, targets))),
        ("all checks, encodings cached", lambda: check_translations(sources, targets)),
    ):
        began = time.perf_counter()
        work()
        seconds[what] = time.perf_counter() - began
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.checks", description=__doc__)
    parser.parse_args(argv)
    if not (workload.NTREX / workload.KOREAN_FILE).is_file():
        print(f"needs NTREX-128 in {workload.NTREX}", file=sys.stderr)
        return 2
    sources, targets, documents = numbered_lines()
    development = [number < DEVELOPMENT_DOCUMENTS for number in documents]
    seconds = _cost(sources, targets)
    clean = check_translations(sources, targets)
    alarms = false_alarms(clean, development)
    corruptions = {**CORRUPTIONS, **invented_content(sources, targets, documents)}
    found = detection(sources, targets, clean, development, corruptions)
    print_tables(alarms, found)
    per = {what: f"{1000 * s / len(sources):.1f} s" for what, s in seconds.items()}
    print(f"\nSeconds per 1,000 lines (of {len(sources):,}): {per}")
    print(
        json.dumps(
            {"false_alarms": alarms, "detection": found, "seconds": seconds}, ensure_ascii=False
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
