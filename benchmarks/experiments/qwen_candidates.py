"""What drawing several candidate translations per sentence gives for its cost, on NTREX-128
development documents (1–60) only.

    python -m benchmarks.experiments.qwen_candidates [--every 16] [--candidates 1 4 8]

Every `--every`-th development line is translated by the shipped translator (`Translator`,
greedy first attempt, checks, retry with the findings) once per `--candidates` value, without a
cache; 1 is the default (no sampling). Prints chrF and BLEU (sacrebleu defaults), the seconds
each took and how many lines stay flagged.
"""

from __future__ import annotations

import argparse
import time

from sacrebleu.metrics import BLEU, CHRF

from benchmarks.experiments.qwen_retry import every_nth_line, warm_qwen
from summarizer.cache.null import NullCache
from summarizer.pipeline.stages import LM_BATCH_SIZE
from summarizer.tasks.translate import Translator


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=16)
    parser.add_argument("--candidates", type=int, nargs="+", default=[1, 4, 8])
    args = parser.parse_args()
    sources, references = every_nth_line(args.every)
    model = warm_qwen()
    print(f"{len(sources)} development lines (every {args.every}th)")
    print("| candidates | chrF | BLEU | seconds | still flagged |")
    print("|---:|---:|---:|---:|---:|")
    for count in args.candidates:
        translator = Translator(model, NullCache(), batch_size=LM_BATCH_SIZE, candidates=count)
        began = time.perf_counter()
        result = translator.translate(sources)
        seconds = time.perf_counter() - began
        chrf = CHRF().corpus_score(result.texts, [references]).score
        bleu = BLEU().corpus_score(result.texts, [references]).score
        flagged = sum(1 for flags in result.flags if flags)
        print(f"| {count} | {chrf:.1f} | {bleu:.1f} | {seconds:.0f} | {flagged} |", flush=True)


if __name__ == "__main__":
    main()
