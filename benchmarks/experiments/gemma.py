"""The embedded translator gemma3-270m: prompt choice on NTREX-128's development slice, and the
speed of both backends on the same prompts.

    python -m benchmarks.experiments.gemma prompt [--sample 150]  # dev slice: documents 1–60
    python -m benchmarks.experiments.gemma speed [--sentences 40] # hf vs ct2 int8, fresh processes

`prompt` scores prompt variants (first attempts, greedy, CTranslate2 int8) on a fixed random
sample of lines from documents 1–60 — the slice the examples were chosen on, never the
documents the docs report — and then the shipped translator (same prompt, plus the retry
of flagged segments). `speed` runs the same few-shot prompts through the transformers backend
and the CTranslate2 backend, each in its own process: load seconds, generated tokens per second,
peak RSS. The models folder is `models/` (or SUMMARIZER_MODELS_DIR); the first use prepares
gemma3-270m there.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from summarizer.cache.null import NullCache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.scoring.metrics import TranslationMetric
from summarizer.tasks import fewshot
from summarizer.tasks.translate import Translator

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ntrex128"
DEVELOPMENT_DOCUMENTS = 60


def models_dir() -> Path:
    return Path(os.environ.get("SUMMARIZER_MODELS_DIR", "models"))


def development_lines(data: Path) -> tuple[list[str], list[str]]:
    """Korean and English lines of the first 60 documents."""
    korean = (data / "newstest2019-ref.kor.txt").read_text(encoding="utf-8").splitlines()
    english = (data / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    ids = [line.split("\t")[0] for line in (data / "DOCUMENT_IDS.tsv").read_text().splitlines()]
    documents = list(dict.fromkeys(ids))[:DEVELOPMENT_DOCUMENTS]
    end = max(i for i, doc in enumerate(ids) if doc in documents) + 1
    return korean[:end], english[:end]


def model(backend: str, compute_type: str | None = None) -> Model:
    folder = models_dir()
    spec = resolve("gemma3-270m", folder, notify=print)
    options = {"models_dir": folder} if backend == "ct2" else {}
    return Model(spec, "translation", backend=backend, compute_type=compute_type, options=options)


def chrf_bleu(hypotheses: list[str], references: list[str]) -> tuple[float, float]:
    chrf = TranslationMetric("chrf").corpus_score(hypotheses, [references])
    bleu = TranslationMetric("bleu").corpus_score(hypotheses, [references])
    return chrf.scores["chrf"].value, bleu.scores["bleu"].value


def prompt_table(data: Path, sample: int) -> list[dict[str, Any]]:
    korean, english = development_lines(data)
    used = {source for source, _ in (*fewshot.EXAMPLES, *fewshot.RETRY_EXAMPLES)}
    candidates = [i for i, line in enumerate(korean) if line not in used]
    chosen = sorted(random.Random(2).sample(candidates, sample))
    sources, references = [korean[i] for i in chosen], [english[i] for i in chosen]
    queries = [fewshot.query(s) for s in sources]
    engine = model("ct2", "int8").engine
    bare = len(fewshot.HEADER)
    variants = {
        "2 examples": fewshot.shots(fewshot.EXAMPLES[:2])[bare:],
        "4 examples": fewshot.shots(fewshot.EXAMPLES[:4])[bare:],
        "6 examples": fewshot.shots()[bare:],
        "6 examples + header (shipped prompt)": fewshot.shots(),
    }
    rows = []
    for name, shots in variants.items():
        began = time.perf_counter()
        replies = engine.generate(queries, system=shots)
        hypotheses = [fewshot.first_line(r) for r in replies]
        rows.append(_row(name, hypotheses, references, time.perf_counter() - began))
    translator = Translator(model("ct2", "int8"), NullCache(), batch_size=128)
    began = time.perf_counter()
    shipped = translator.translate(sources)
    seconds = time.perf_counter() - began
    rows.append(_row("shipped: + retry of flagged segments", shipped.texts, references, seconds))
    rows[-1]["retried"] = sum(1 for r in shipped.retries if r)
    return rows


def _row(name: str, hypotheses: list[str], references: list[str], seconds: float) -> dict[str, Any]:
    chrf, bleu = chrf_bleu(hypotheses, references)
    return {
        "variant": name,
        "chrf": round(chrf, 1),
        "bleu": round(bleu, 1),
        "seconds": round(seconds, 1),
    }


def speed_worker(backend: str, sentences: int, data: Path) -> dict[str, Any]:
    korean, _ = development_lines(data)
    queries = [fewshot.query(s) for s in korean[:sentences]]
    chosen = model(backend, "int8" if backend == "ct2" else None)
    began = time.perf_counter()
    engine = chosen.engine
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    replies = engine.generate(queries, system=fewshot.shots())
    seconds = time.perf_counter() - began
    tokenizer = engine.tokenizer  # type: ignore[attr-defined]
    tokens = sum(len(tokenizer(r, add_special_tokens=False)["input_ids"]) + 1 for r in replies)
    return {
        "backend": backend + (" (ct2 int8)" if backend == "ct2" else " (transformers fp32)"),
        "load_s": round(loaded, 2),
        "tokens": tokens,
        "tokens_per_s": round(tokens / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["prompt", "speed", "worker-hf", "worker-ct2"])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=150, help="dev lines for `prompt`")
    parser.add_argument("--sentences", type=int, default=40, help="lines for `speed`")
    args = parser.parse_args()
    if args.what.startswith("worker-"):
        print(json.dumps(speed_worker(args.what[7:], args.sentences, args.data)))
        return
    if args.what == "prompt":
        rows = prompt_table(args.data, args.sample)
    else:
        command = [sys.executable, "-m", "benchmarks.experiments.gemma", "--data", str(args.data)]
        rows = []
        for backend in ("hf", "ct2"):
            run = [*command, f"worker-{backend}", "--sentences", str(args.sentences)]
            output = subprocess.run(run, check=True, capture_output=True, text=True).stdout
            rows.append(json.loads(output.strip().splitlines()[-1]))
    columns = list(dict.fromkeys(key for row in rows for key in row))
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
