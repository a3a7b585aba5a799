"""`python -m benchmarks.adequacy`: where to set the adequacy and unsupported thresholds.

Translations: each NTREX-128 Korean line against its own English (a human translation: must
pass) and against an English line of another document (seeded: must be flagged). Summary
sentences: an English line against its own Korean document, its own translation among them
(supported: must pass); against the other English lines of its document (on topic, but what
it says is not there); against the English lines of another document (must be flagged).
Thresholds are read off the development slice (documents 1-60); the held-out rest is reported
apart. Prints markdown tables, then one JSON
line.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence

import numpy as np

from benchmarks import workload
from benchmarks.checks import DEVELOPMENT_DOCUMENTS
from summarizer.checks.adequacy import encode

SEED = 19
THRESHOLDS = [round(0.76 + 0.01 * i, 2) for i in range(9)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.adequacy", description=__doc__)
    parser.parse_args(argv)
    if not (workload.NTREX / workload.KOREAN_FILE).is_file():
        print(f"needs NTREX-128 in {workload.NTREX}", file=sys.stderr)
        return 2
    korean, english = workload.documents("ko"), workload.documents("en")
    documents = [n for n, doc in enumerate(korean) for _ in doc.lines]
    sources = [line for doc in korean for line in doc.lines]
    targets = [line for doc in english for line in doc.lines]
    rng = random.Random(SEED)
    others = [rng.choice([j for j, d in enumerate(documents) if d != n]) for n in documents]
    ko, en = encode(sources), encode(targets)
    own = (ko * en).sum(axis=1)
    other = (ko * en[others]).sum(axis=1)
    supported, on_topic, elsewhere = _support(ko, en, documents, rng)
    slices = {
        "development": np.array([d < DEVELOPMENT_DOCUMENTS for d in documents]),
        "held out": np.array([d >= DEVELOPMENT_DOCUMENTS for d in documents]),
    }
    found = {
        "translation": _table("translation", own, other, slices),
        "summary sentence": _table("summary sentence", supported, elsewhere, slices),
        "summary sentence on topic": _table(
            "summary sentence on topic", supported, on_topic, slices
        ),
    }
    print(json.dumps(found))
    return 0


def _support(
    ko: np.ndarray, en: np.ndarray, documents: Sequence[int], rng: random.Random
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each English line's closest similarity to its Korean document, to the other English
    lines of its document, and to the English lines of another document."""
    members: dict[int, list[int]] = {}
    for i, d in enumerate(documents):
        members.setdefault(d, []).append(i)
    supported, on_topic, elsewhere = [], [], []
    for i, d in enumerate(documents):
        rest = [j for j in members[d] if j != i]
        stranger = rng.choice([k for k in members if k != d])
        supported.append(float((ko[members[d]] @ en[i]).max()))
        on_topic.append(float((en[rest] @ en[i]).max()) if rest else 1.0)
        elsewhere.append(float((en[members[stranger]] @ en[i]).max()))
    return np.array(supported), np.array(on_topic), np.array(elsewhere)


def _table(
    what: str, own: np.ndarray, other: np.ndarray, slices: dict[str, np.ndarray]
) -> dict[str, dict[str, list[float]]]:
    print(f"\n{what}: false alarms on the real pair, caught on the other one\n")
    names = list(slices)
    header = " | ".join(f"{n}: false alarms | {n}: caught" for n in names)
    print(f"| threshold | {header} |\n|---:|" + "---:|" * (2 * len(names)))
    table: dict[str, dict[str, list[float]]] = {n: {"false": [], "caught": []} for n in names}
    for threshold in THRESHOLDS:
        cells = []
        for name, mask in slices.items():
            false = float((own[mask] < threshold).mean())
            caught = float((other[mask] < threshold).mean())
            table[name]["false"].append(false)
            table[name]["caught"].append(caught)
            cells += [f"{false:.1%}", f"{caught:.1%}"]
        print(f"| {threshold:.2f} | " + " | ".join(cells) + " |")
    return table


if __name__ == "__main__":
    sys.exit(main())
