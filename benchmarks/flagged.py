"""`python -m benchmarks.flagged CACHE HYPOTHESES --skip N`: do flags mean anything on real
output, and what does keeping the better-scored attempt give?

HYPOTHESES are a model's translations of NTREX-128 lines from `summarizer eval-mt --skip N
--limit M --hypotheses FILE --cache CACHE`. Prints the share of lines the checks flag and the
mean sentence-level chrF of flagged against unflagged lines (per check too); then, for the lines
that were asked twice (the cache's retry records), corpus chrF when the attempt with fewer
flags is kept (ties: the first, the rule before the adequacy score) against the recorded choice
(ties: the higher adequacy score). Prints markdown tables, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any

from benchmarks import workload
from summarizer.cache import normalize_source
from summarizer.checks import TRANSLATION_CHECKS, check_translations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.flagged", description=__doc__)
    parser.add_argument("cache", type=Path)
    parser.add_argument("hypotheses", type=Path)
    parser.add_argument("--skip", type=int, default=956)
    parser.add_argument("--source", type=Path, help="Korean lines (instead of NTREX's, --skip)")
    parser.add_argument("--reference", type=Path, help="English lines aligned with --source")
    parser.add_argument("--fingerprint", default="", help="Only retry records of this translator")
    args = parser.parse_args(argv)
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    hypotheses = args.hypotheses.read_text(encoding="utf-8").splitlines()
    if args.source and args.reference:
        sources = args.source.read_text(encoding="utf-8").splitlines()
        references = args.reference.read_text(encoding="utf-8").splitlines()
    else:
        end = args.skip + len(hypotheses)
        sources = _lines(workload.KOREAN_FILE)[args.skip : end]
        references = _lines(workload.ENGLISH_FILE)[args.skip : end]
    flags = check_translations(sources, hypotheses)
    scores = [
        chrf.sentence_score(h, [r]).score for h, r in zip(hypotheses, references, strict=True)
    ]
    by_check: dict[str, list[float]] = defaultdict(list)
    for found, score in zip(flags, scores, strict=True):
        for check in {f.check for f in found}:
            by_check[check].append(score)
    flagged = [s for f, s in zip(flags, scores, strict=True) if f]
    clean = [s for f, s in zip(flags, scores, strict=True) if not f]
    print("| lines | flagged | chrF flagged | chrF unflagged |\n|---:|---:|---:|---:|")
    print(
        f"| {len(scores)} | {len(flagged) / len(scores):.1%} | {_mean(flagged)} | {_mean(clean)} |"
    )
    print("\n| check | lines flagged | mean chrF |\n|---|---:|---:|")
    for check in TRANSLATION_CHECKS:
        if by_check[check]:
            print(f"| {check} | {len(by_check[check])} | {_mean(by_check[check])} |")
    rerank = _rerank(args.cache, args.fingerprint, (sources, hypotheses, references), flags, chrf)
    print(json.dumps({"flagged": len(flagged), "lines": len(scores), "rerank": rerank}))
    return 0


def _rerank(
    cache: Path,
    fingerprint: str,
    lines: tuple[list[str], list[str], list[str]],
    flags: list[list[Any]],
    chrf: Any,
) -> dict[str, Any]:
    """Corpus chrF of the slice with first attempts only, under the old rule and under the
    recorded (scored) choice."""
    sources, hypotheses, references = lines
    records = _retries(cache, fingerprint)
    old, first = list(hypotheses), list(hypotheses)
    retried = changed = 0
    for i, source in enumerate(sources):
        record = records.get(normalize_source(source))
        if not record or "scores" not in record:
            continue
        retried += 1
        if record["kept"] == "retry":
            first[i] = record["other"]
        kept_flags, other_flags = len(flags[i]), len(record["other_flags"])
        first_flags, retry_flags = (
            (kept_flags, other_flags) if record["kept"] == "first" else (other_flags, kept_flags)
        )
        old_keeps_retry = retry_flags < first_flags
        if old_keeps_retry != (record["kept"] == "retry"):
            old[i] = record["other"]
            changed += 1
    firsts = chrf.corpus_score(first, [references]).score
    before = chrf.corpus_score(old, [references]).score
    after = chrf.corpus_score(hypotheses, [references]).score
    print(
        "\n| retried lines | choice changed | chrF, first attempts only "
        "| fewer flags, ties: first | ties: by score |"
    )
    print(
        f"|---:|---:|---:|---:|---:|\n| {retried} | {changed} | {firsts:.2f} | {before:.2f} "
        f"| {after:.2f} |"
    )
    return {
        "retried": retried,
        "changed": changed,
        "chrf_first_attempts": firsts,
        "chrf_before": before,
        "chrf_after": after,
    }


def _retries(cache: Path, fingerprint: str) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(cache) as conn:
        rows = conn.execute(
            "SELECT source, output FROM entries WHERE kind = 'translation-retry' "
            "AND fingerprint LIKE ?",
            (fingerprint + "%",),
        )
        return {normalize_source(source): json.loads(output) for source, output in rows}


def _lines(name: str) -> list[str]:
    return (workload.NTREX / name).read_text(encoding="utf-8").splitlines()


def _mean(values: list[float]) -> str:
    return f"{mean(values):.1f}" if values else "–"


if __name__ == "__main__":
    sys.exit(main())
