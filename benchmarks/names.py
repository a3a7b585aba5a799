"""`python -m benchmarks.names`: names kept by the embedded Qwen on NTREX-128, with and without a
glossary and the article's name memory.

The names of a document are taken from the English originals: each foreign name the Korean
spells out (`summarizer.names.foreign`) with the capitalised words of the English line that
sound like it ("Morgan Stanley" for 모건스탠리), and each name the Korean glosses in Latin. A
name is kept when the translation has its English, whole word, case-blind. Three settings per
document, side by side: nothing (each sentence alone), the name memory (the article's Latin
glosses), and the glossary of the document's names (with the memory, as `run` does).

    python -m benchmarks.names --slice held-out --documents 6
    python -m benchmarks.names --slice development --documents 8

Documents with the most names are taken from the slice (development 1–60, held out 61–123).
Translations go through the cache given (`--cache`), so a second run costs seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sacrebleu.metrics import CHRF

from benchmarks import workload
from summarizer.cache.store import Cache
from summarizer.names import Glossary, carries
from summarizer.names.foreign import bare, foreign_names, rendering
from summarizer.names.korean_terms import key
from summarizer.names.memory import glossed_names
from summarizer.tasks import hints
from summarizer.tasks.translate import Translator

DEVELOPMENT_DOCUMENTS = 60
SETTINGS = ("none", "memory", "glossary")


def document_names(korean: Sequence[str], english: Sequence[str]) -> list[list[tuple[str, str]]]:
    """Per line, the (Korean name, English name) pairs the English original confirms: each name
    with the rendering most of the document's lines give it, where the line's English has it."""
    votes: dict[str, Counter[str]] = {}
    for source, reference in zip(korean, english, strict=True):
        for k, e in glossed_names(source):
            if carries(reference, e):
                votes.setdefault(k, Counter())[e] += 2
        for noun in foreign_names(source):
            if english_name := rendering(noun, reference):
                votes.setdefault(bare(noun), Counter())[english_name] += 1
    chosen = {k: c.most_common(1)[0][0] for k, c in votes.items()}
    return [
        sorted((k, e) for k, e in chosen.items() if k in key(source) and carries(reference, e))
        for source, reference in zip(korean, english, strict=True)
    ]


def requests(setting: str, lines: Sequence[str], glossary: Glossary) -> list[str]:
    if setting == "none":
        return list(lines)
    return hints.requests(lines, glossary if setting == "glossary" else None)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slice", choices=("development", "held-out"), default="held-out")
    parser.add_argument("--documents", type=int, default=6)
    parser.add_argument("--cache", type=Path, default=Path("benchmarks-names.sqlite"))
    args = parser.parse_args(argv)
    from benchmarks.experiments.qwen_retry import warm_qwen

    korean, english = workload.documents("ko"), workload.documents("en")
    numbers = range(DEVELOPMENT_DOCUMENTS) if args.slice == "development" else range(60, 123)
    scored = []
    for number in numbers:
        names = document_names(korean[number].lines, english[number].lines)
        scored.append((sum(map(len, names)), number, names))
    chosen = sorted(scored, reverse=True)[: args.documents]
    model = warm_qwen()
    rows: dict[str, dict[str, float]] = {}
    with Cache(args.cache) as cache:
        translator = Translator(model, cache, batch_size=16)
        for setting in SETTINGS:
            kept = total = 0
            hypotheses: list[str] = []
            references: list[str] = []
            flagged = 0
            began = time.perf_counter()
            for _, number, names in chosen:
                lines = korean[number].lines
                pairs = {k: e for line in names for k, e in line}
                glossary = Glossary.of(pairs.items())
                result = translator.translate(requests(setting, lines, glossary))
                for text, line_names in zip(result.texts, names, strict=True):
                    total += len(line_names)
                    kept += sum(1 for _, e in line_names if carries(text, e))
                flagged += sum(1 for f in result.flags if any(x.check == "dropped name" for x in f))
                hypotheses += result.texts
                references += english[number].lines
            chrf = CHRF().corpus_score(hypotheses, [references]).score
            rows[setting] = {
                "names": total,
                "kept": kept,
                "recall": kept / total if total else 0.0,
                "chrf": round(chrf, 1),
                "lines": len(hypotheses),
                "dropped_name_flags": flagged,
                "seconds": round(time.perf_counter() - began, 1),
            }
            print(
                f"| {setting} | {kept} of {total} ({rows[setting]['recall']:.0%}) | {chrf:.1f} "
                f"| {flagged} | {rows[setting]['seconds']} s |",
                flush=True,
            )
    documents = [number + 1 for _, number, _ in chosen]
    print(json.dumps({"slice": args.slice, "documents": documents, "rows": rows}))


if __name__ == "__main__":
    main()
