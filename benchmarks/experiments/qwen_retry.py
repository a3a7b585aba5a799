"""What the retry of a flagged translation gives for its cost: beam search against asking again
greedily with the checks' findings in the prompt. NTREX-128 development documents (1–60) only.

    python -m benchmarks.experiments.qwen_retry [--every 8] [--batch-size 16]

Every `--every`-th development line is translated once, greedy (first attempts, as `run` makes
them); the lines the checks flag are asked again two ways from the same first attempts:
- `beam 4`: the same prompt, beam search with 4 beams, 8 prompts a batch (what `run` shipped
  until this benchmark, there in batches of up to 32);
- `hint`: greedy, the Korean followed by what the checks found wrong with the first attempt
  (`translate_prompts.with_findings`).
Each keeps the attempt with fewer flags, ties by the adequacy score, as `run` does. Prints
chrF and BLEU (sacrebleu defaults) of first attempts only and of each way, over all lines and
over the retried ones, the seconds each way took, and how many retried lines stay flagged.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence

from sacrebleu.metrics import BLEU, CHRF

from benchmarks.experiments.gemma import DATA, development_lines, models_dir
from summarizer.checks import Flag, check_translations
from summarizer.checks.adequacy import similarities
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.translate_prompts import TRANSLATE_SYSTEM, first_line, with_findings

PRESET = "qwen2.5-coder-1.5b"
BEAM_BATCH = 8
"""Prompts per beam-search batch: with 4 beams, 16 prompts made CTranslate2 fault in tens of
millions of pages (8.4 s a sentence against 4.6 s at 8; benchmarks/HISTORY.md)."""


def every_nth_line(every: int) -> tuple[list[str], list[str]]:
    """Every `every`-th Korean line of the development documents and its English original."""
    korean, english = development_lines(DATA)
    return korean[::every], english[::every]


def warm_qwen() -> Model:
    """The embedded Qwen on CTranslate2, loaded and warmed up."""
    models = models_dir()
    spec = resolve(PRESET, models, notify=print)
    model = Model(spec, "translation", backend="ct2", options={"models_dir": models})
    model.engine.generate(["안녕하세요."], system=TRANSLATE_SYSTEM)
    return model


def timed_generate(
    model: Model, texts: Sequence[str], batch: int, beams: int | None = None
) -> tuple[list[str], float]:
    began = time.perf_counter()
    out: list[str] = []
    for start in range(0, len(texts), batch):
        chunk = list(texts[start : start + batch])
        replies = model.engine.generate(chunk, system=TRANSLATE_SYSTEM, num_beams=beams)
        out += [first_line(r) for r in replies]
    return out, time.perf_counter() - began


def kept(
    sources: Sequence[str],
    first: Sequence[str],
    first_flags: Sequence[list[Flag]],
    again: Sequence[str],
) -> tuple[list[str], int]:
    """The attempt `run` keeps for each line, and how many stay flagged."""
    again_flags = check_translations(sources, again)
    first_scores, again_scores = similarities(sources, first), similarities(sources, again)
    chosen, flagged = [], 0
    for a, b, fa, fb, sa, sb in zip(
        first, again, first_flags, again_flags, first_scores, again_scores, strict=True
    ):
        better = (len(fb), -sb) < (len(fa), -sa)
        chosen.append(b if better else a)
        flagged += bool(fb if better else fa)
    return chosen, flagged


def scores(hypotheses: Sequence[str], references: Sequence[str]) -> str:
    chrf = CHRF().corpus_score(list(hypotheses), [list(references)]).score
    bleu = BLEU().corpus_score(list(hypotheses), [list(references)]).score
    return f"{chrf:.1f} / {bleu:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=8)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    sources, references = every_nth_line(args.every)
    model = warm_qwen()
    first, first_seconds = timed_generate(model, sources, args.batch_size)
    flags = check_translations(sources, first)
    retried = [i for i, f in enumerate(flags) if f]
    again_sources = [sources[i] for i in retried]
    rows = [("first attempts only", first, first_seconds, sum(map(bool, flags)))]
    hinted = [with_findings(sources[i], flags[i]) for i in retried]
    ways = (("beam 4", again_sources, 4, BEAM_BATCH), ("hint", hinted, None, args.batch_size))
    for label, texts, beams, batch in ways:
        again, seconds = timed_generate(model, texts, batch, beams)
        chosen, still = kept(
            again_sources, [first[i] for i in retried], [flags[i] for i in retried], again
        )
        final = list(first)
        for i, text in zip(retried, chosen, strict=True):
            final[i] = text
        rows.append((label, final, seconds, still + sum(1 for f in flags if f) - len(retried)))
    print(f"{len(sources)} development lines (every {args.every}th), {len(retried)} retried")
    print("| way | chrF / BLEU, all | chrF / BLEU, retried | seconds | still flagged |")
    print("|---|---:|---:|---:|---:|")
    for label, final, seconds, still in rows:
        sub = scores([final[i] for i in retried], [references[i] for i in retried])
        print(f"| {label} | {scores(final, references)} | {sub} | {seconds:.0f} | {still} |")
    print(json.dumps({label: round(seconds, 1) for label, _, seconds, _ in rows}))


if __name__ == "__main__":
    main()
