"""Where the embedded Qwen's translation time goes: raw CTranslate2 against the product, side by
side in one process on the same sentences (NTREX-128 development documents only).

    python -m benchmarks.experiments.qwen_speed [--sentences 16] [--batch-size 16]

Three ways over the same sentences, each after a warm-up call:
- `raw ct2`: `ctranslate2.Generator.generate_batch` on the same chat prompts, the instruction as
  a cached `static_prompt`, greedy, one batch: what a hand-written CTranslate2 script does;
- `engine`: the product's engine (`Model.engine.generate`), the same prompts and batch;
- `translator`: `Translator.compute` as `run` calls it (token counting, splitting, batches,
  the checks and the retry of flagged sentences), no cache.
It prints prompt and generated tokens, seconds, generated tokens per second, and each way's
rate as a share of raw CTranslate2's; prefill's share is estimated from a run with
`max_length=1` (prompt only).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from benchmarks.experiments.gemma import DATA, development_lines
from summarizer.cache.null import NullCache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.translate import Translator
from summarizer.tasks.translate_prompts import TRANSLATE_SYSTEM

PRESET = "qwen2.5-coder-1.5b"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=16)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    models = Path(os.environ.get("SUMMARIZER_MODELS_DIR", "models"))
    korean, _ = development_lines(DATA)
    sentences = korean[100 : 100 + args.sentences]
    spec = resolve(PRESET, models, notify=print)
    model = Model(spec, "translation", backend="ct2", options={"models_dir": models})
    engine = model.engine
    tokenizer = engine.tokenizer
    static, encoded = engine._split_prompts(sentences, TRANSLATE_SYSTEM)
    prompts = [tokenizer.convert_ids_to_tokens(ids) for ids in encoded]
    options = dict(engine.options, static_prompt=tokenizer.convert_ids_to_tokens(static))
    options["cache_static_prompt"] = True
    engine.model.generate_batch(prompts[:1], **options)  # warm-up: load and cache the prefix

    def generated(texts: list[str]) -> int:
        return sum(len(ids) for ids in tokenizer(texts, add_special_tokens=False)["input_ids"])

    rows: dict[str, dict[str, float]] = {}
    began = time.perf_counter()
    results = engine.model.generate_batch(prompts, **options)
    raw_seconds = time.perf_counter() - began
    rows["raw ct2"] = {
        "seconds": raw_seconds,
        "generated": sum(len(r.sequences_ids[0]) for r in results),
    }
    began = time.perf_counter()
    engine.model.generate_batch(prompts, **{**options, "max_length": 1})
    rows["raw ct2, prompt only (max_length 1)"] = {
        "seconds": time.perf_counter() - began,
        "generated": len(prompts),
    }
    began = time.perf_counter()
    outputs = engine.generate(sentences, system=TRANSLATE_SYSTEM)
    rows["engine"] = {"seconds": time.perf_counter() - began, "generated": generated(outputs)}
    translator = Translator(model, NullCache(), batch_size=args.batch_size)
    began = time.perf_counter()
    computed = translator.compute(sentences)
    rows["translator (checks, retry)"] = {
        "seconds": time.perf_counter() - began,
        "generated": generated(list(computed.texts.values())),
    }
    raw_rate = rows["raw ct2"]["generated"] / raw_seconds
    print(
        f"{len(sentences)} sentences; prompt tokens per sentence after the shared prefix: "
        f"{sum(map(len, encoded)) / len(encoded):.1f} (prefix {len(static)})"
    )
    print("| way | generated tokens | seconds | tokens/s | share of raw |")
    print("|---|---|---|---|---|")
    for name, row in rows.items():
        rate = row["generated"] / row["seconds"]
        print(
            f"| {name} | {row['generated']:.0f} | {row['seconds']:.1f} | {rate:.2f} | "
            f"{rate / raw_rate:.0%} |"
        )
    retried = sum(1 for record in computed.retries.values() if json.loads(record))
    print(f"sentences retried by the translator: {retried} of {len(sentences)}")


if __name__ == "__main__":
    main()
