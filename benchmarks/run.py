"""Build the models and workloads, then run every contender of every suite in its own process."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import models, report, workload

CONTENDERS = ("a", "b", "c", "d", "e", "f")
COMPUTE_TYPE = "int8"
SUMMARIZER_BATCH = 4  # what summarizer.tasks.summarize.Summarizer uses


@dataclass
class Suite:
    """One model at one decoding setting, measured for every contender."""

    name: str
    task: str
    model: Path
    other: Path  # the model the pipeline needs for its other stage, run at negligible cost
    articles: Path
    inputs: list[str]
    beams: int
    new_tokens: int
    batch_size: int | None
    a_limit: int
    results: dict[str, dict[str, Any]] = field(default_factory=dict)


def plan(args: argparse.Namespace, say: Callable[[str], None]) -> list[Suite]:
    """Models built (once, into the work folder), workloads written, suites in order."""
    workdir: Path = args.workdir
    root = workdir / "models"
    english = workload.documents("en")
    english_lines = [line for doc in english for line in doc.lines]
    cheap = args.summarizer or models.build_bart(
        english_lines, root / "negligible-bart", **models.NEGLIGIBLE_BART
    )
    translators: dict[str, Path] = {}
    if "base" in args.suites:
        translators["base"] = args.translator or models.build_marian(
            workload.SKELETON, root / "opus-mt-ko-en"
        )
    if "big" in args.suites and not args.translator:
        translators["big"] = models.build_marian(
            workload.SKELETON, root / "opus-mt-tc-big-ko-en", **models.TC_BIG
        )
    suites: list[Suite] = []
    if translators:
        docs = workload.documents("ko", args.sentences)
        articles = workload.write_articles(docs, _fresh(workdir / "articles-ko"))
        segments, _ = workload.pipeline_inputs(articles)
        say(f"translation workload: {len(docs)} NTREX-128 documents, {len(segments)} segments")
        for model in translators.values():
            suites.extend(
                Suite(
                    f"translation {model.name} beam{beams}",
                    "translation",
                    model,
                    cheap,
                    articles,
                    segments,
                    beams,
                    args.new_tokens,
                    args.batch_size,
                    args.a_limit,
                )
                for beams in args.beams
            )
    if "summarization" in args.suites:
        summarizer = args.summarizer or models.build_bart(
            english_lines, root / "distilbart-cnn-12-6", **models.DISTILBART
        )
        fitting = _fitting(english, summarizer)[: args.documents]
        folder = workload.write_articles(fitting, _fresh(workdir / "articles-en"))
        _, texts = workload.pipeline_inputs(folder)
        say(f"summarization workload: {len(texts)} English NTREX-128 documents")
        translator = args.translator or translators.get("base") or cheap
        suites.extend(
            Suite(
                f"summarization {summarizer.name} beam{beams}",
                "summarization",
                summarizer,
                translator,
                folder,
                texts,
                beams,
                args.summary_tokens,
                SUMMARIZER_BATCH,
                args.a_limit,
            )
            for beams in args.beams
        )
    return suites


def run_suite(
    suite: Suite,
    workdir: Path,
    say: Callable[[str], None],
    contenders: tuple[str, ...] = CONTENDERS,
) -> None:
    """Each contender in a fresh process, then (d) once more over its own cache."""
    from summarizer.engines import convert
    from summarizer.models.spec import resolve

    models_dir = workdir / "models"
    converted = {}
    for folder in (suite.model, suite.other):
        began = time.perf_counter()
        spec = resolve(str(folder), models_dir)
        converted[folder] = convert.convert(spec, models_dir, COMPUTE_TYPE)
        spent = time.perf_counter() - began
        if spent > 1:
            say(f"  converted {folder.name} to CTranslate2 {COMPUTE_TYPE} in {spent:.1f} s (once)")
    runs = _fresh(workdir / "runs" / suite.name.replace(" ", "-"))
    runs.mkdir(parents=True)
    common = {
        "task": suite.task,
        "model": str(suite.model),
        "other": str(suite.other),
        "models_dir": str(models_dir),
        "articles": str(suite.articles),
        "beams": suite.beams,
        "new_tokens": suite.new_tokens,
        "converted": str(converted[suite.model]),
        "compute_type": COMPUTE_TYPE,
        "target_prefix": ["<s>"] if suite.task == "summarization" else None,
        "preload": True,
    }
    for key in contenders:
        job = {
            **common,
            "contender": key,
            "texts": suite.inputs[: suite.a_limit] if key == "a" else suite.inputs,
            "batch_size": _batch_size(key, suite.batch_size),
            "backend": "ct2" if key in ("d", "e", "f") else "hf",
            "checks": key != "f",
            "cache": str(runs / f"{key}.sqlite"),
            "out": str(runs / f"{key}-out"),
        }
        suite.results[key] = _worker(job, runs / f"{key}.json")
        if key == "d":
            again = {**job, "preload": False}
            suite.results[key]["cached_rerun"] = _worker(again, runs / "d-again.json")
        rate = report.tokens_per_second(suite.results[key])
        say(f"  {report.NAMES[key]}: {rate:.1f} tokens/s")


def _worker(job: dict[str, Any], job_file: Path) -> dict[str, Any]:
    """Run one contender in a fresh interpreter; add the whole process's wall time."""
    job_file.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.worker", str(job_file)],
        capture_output=True,
        text=True,
        cwd=workload.REPO,
        env={**os.environ, "PYTHONPATH": str(workload.REPO)},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"contender {job['contender']} failed:\n{done.stderr[-3000:]}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    figures["process_s"] = time.perf_counter() - began
    return figures


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def _fitting(docs: list[workload.Document], model: Path) -> list[workload.Document]:
    """Documents the summarizer takes in one pass (no map-reduce), so every contender can run."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model)
    limit = tokenizer.model_max_length
    return [d for d in docs if len(tokenizer("\n\n".join(d.lines))["input_ids"]) <= limit]


def _batch_size(contender: str, given: int | None) -> int | None:
    """(a) one input per call; (b) the given size or 32; (c) and (d) summarizer's own default
    (32 sentences with transformers, 128 with CTranslate2) unless a size is given."""
    if contender == "a":
        return 1
    if contender == "b":
        return given or 32
    return given
