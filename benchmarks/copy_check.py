"""`python -m benchmarks.copy_check`: seconds the checks take on one long line.

The source is NTREX-128's Korean side joined into one line and cut to each length; the
target is a copy of it, the copy with 5% of its characters edited, and its sentences in
another order (seeded): the same characters, so the cheap bound lets all three through to the
full copy measure. A fourth target, NTREX's English side of twice the length, goes through
every other check (numbers, latin terms, loop, length). Prints, per length and target, the
seconds of `check_translation` and of the copy check alone, and the same for difflib's ratio
(the copy test before) up to `--difflib-up-to` characters, with both figures (they agree to
the digit up to 20% edits).
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from difflib import SequenceMatcher

from benchmarks import workload
from summarizer.checks import check_translation
from summarizer.checks.similarity import similarity

LENGTHS = (1_000, 5_000, 20_000, 125_000)
SEED = 5


def edited(text: str, rate: float, rng: random.Random) -> str:
    """`text` with about `rate` of its characters deleted, replaced or followed by another."""
    out = []
    for char in text:
        draw = rng.random()
        if draw < rate / 3:
            continue
        out.append(rng.choice(text) if draw < 2 * rate / 3 else char)
        if 2 * rate / 3 <= draw < rate:
            out.append(rng.choice(text))
    return "".join(out)


def shuffled(text: str, rng: random.Random) -> str:
    sentences = text.split(". ")
    rng.shuffle(sentences)
    return ". ".join(sentences)


def timed(work: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.copy_check", description=__doc__)
    parser.add_argument("--difflib-up-to", type=int, default=20_000)
    args = parser.parse_args()
    if not workload.available():
        raise SystemExit("needs NTREX-128 in ../shared")
    korean = " ".join(line for doc in workload.documents("ko") for line in doc.lines)
    english = " ".join(line for doc in workload.documents("en") for line in doc.lines)
    rng = random.Random(SEED)
    print("| characters | target | check_translation s | copy test s | ratio | difflib s | ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for length in LENGTHS:
        source = korean[:length]
        targets = {
            "copy": source,
            "5% edited": edited(source, 0.05, rng),
            "sentences shuffled": shuffled(source, rng),
            "English": english[: 2 * length],
        }
        for name, target in targets.items():
            checks, _ = timed(lambda s=source, t=target: check_translation(s, t))
            seconds, ratio = timed(lambda s=source, t=target: similarity(s, t))
            old = "–", "–"
            if length <= args.difflib_up_to:
                matcher = SequenceMatcher(None, source, target, autojunk=False)
                old_seconds, old_ratio = timed(matcher.ratio)
                old = f"{old_seconds:.3f}", f"{old_ratio:.4f}"
            print(
                f"| {length:,} | {name} | {checks:.3f} | {seconds:.3f} | {ratio:.4f} | "
                f"{old[0]} | {old[1]} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
