"""The five contenders, each run in its own process by `benchmarks.worker`.

(a) the loop a typical user writes: `model.generate` per input (what transformers'
    `pipeline("translation")` did per call; that pipeline is gone from transformers 5);
(b) the same with batches of `batch_size` inputs, in corpus order;
(c) `summarizer run` (its `Pipeline.run`) with the transformers backend;
(d) the same with the CTranslate2 backend;
(e) raw `ctranslate2.Translator.translate_batch` on pre-tokenized inputs: the ceiling;
(f) (d) with the checks off: what the pipeline costs beyond the model, without the checks.

Every contender forces exactly `new_tokens` decoding steps per input (min = max new tokens),
so all do identical work; each returns how many inputs it decoded and how long it took.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Best raw CTranslate2 settings found on the 2-core machine (see RESULTS.md).
CEILING_BATCH_TOKENS = 4096


def _settings(job: dict[str, Any]) -> dict[str, int]:
    steps = job["new_tokens"]
    return {"num_beams": job["beams"], "max_new_tokens": steps, "min_new_tokens": steps}


def transformers_loop(job: dict[str, Any], began: float) -> dict[str, Any]:
    """(a) when job["batch_size"] is 1, else (b)."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(job["model"])
    model = AutoModelForSeq2SeqLM.from_pretrained(job["model"]).eval()
    loaded = time.perf_counter()
    texts: list[str] = job["texts"]
    size: int = job["batch_size"]
    outputs: list[str] = []
    with torch.inference_mode():
        for start in range(0, len(texts), size):
            batch = tokenizer(texts[start : start + size], return_tensors="pt", padding=True)
            generated = model.generate(**batch, **_settings(job), do_sample=False)
            outputs.extend(tokenizer.batch_decode(generated, skip_special_tokens=True))
    return _measured(job, loaded - began, time.perf_counter() - loaded, len(outputs))


def summarizer_run(job: dict[str, Any], began: float) -> dict[str, Any]:
    """(c) or (d): the pipeline behind `summarizer run`, models loaded before the clock starts
    unless job["preload"] is false (the second run, answered from the cache)."""
    from summarizer.cache.store import Cache
    from summarizer.config import Settings
    from summarizer.pipeline.core import Pipeline

    cheap = {"num_beams": 1, "max_new_tokens": 4, "min_new_tokens": 4}
    measured = _settings(job)
    translation = job["task"] == "translation"
    settings = Settings(
        translator=job["model"] if translation else job["other"],
        summarizer=job["other"] if translation else job["model"],
        models_dir=Path(job["models_dir"]),
        backend=job["backend"],
        batch_size=job["batch_size"],
        translator_decoding=measured if translation else cheap,
        summarizer_decoding=cheap if translation else measured,
    )
    if not job.get("checks", True):
        checks_off()
    if not job.get("retries", False):
        # Random weights write Korean pieces and nonsense, so the checks flag nearly every
        # translation and summary and the pipeline would redo it at beam 4: work (e) never
        # does. Real models retry few.
        from summarizer.tasks.summarize import Summarizer
        from summarizer.tasks.translate import Translator

        Translator._retry_flagged = lambda self, batch, checked=None: None  # type: ignore[method-assign]
        Summarizer._checked = _unchecked  # type: ignore[method-assign]
    with Cache(Path(job["cache"])) as cache:
        pipeline = Pipeline(settings, cache)
        if job["preload"]:
            model = pipeline.translator.model if translation else pipeline.summarizer.model
            assert model.engine
            if translation:
                assert pipeline.summarizer.model.engine
        computed: set[str] = set()
        summaries = 0

        def written(result: Any) -> None:
            nonlocal summaries
            computed.update(s for s, cached in _segments(result) if not cached)
            summaries += not result.summary.cached

        loaded = time.perf_counter()
        report = pipeline.run(Path(job["articles"]), Path(job["out"]), written=written)
    assert not report.failed, [r.error for r in report.records() if r.error]
    seconds = time.perf_counter() - loaded
    return _measured(job, loaded - began, seconds, len(computed) if translation else summaries)


def checks_off() -> None:
    """No check runs: no translation or summary is flagged, so none is asked for again."""
    import summarizer.pipeline.results
    import summarizer.tasks.scores
    import summarizer.tasks.translate

    def unflagged(sources: Sequence[str], *_others: object) -> list[list[Any]]:
        return [[] for _ in sources]

    summarizer.tasks.scores.check_translations = unflagged  # type: ignore[assignment]
    summarizer.tasks.translate.check_translations = unflagged  # type: ignore[assignment]
    summarizer.pipeline.results.check_summary = lambda *_args: []  # type: ignore[assignment]


def ctranslate2_ceiling(job: dict[str, Any], began: float) -> dict[str, Any]:
    """(e): the converted model, pre-tokenized inputs, one translate_batch call."""
    import ctranslate2
    from transformers import AutoTokenizer
    from transformers.utils import logging

    from summarizer.config import threads

    logging.set_verbosity_error()
    tokenizer = AutoTokenizer.from_pretrained(job["model"])
    inter, intra = threads(1, 0)  # the ct2 backend's defaults: one translator, every core
    translator = ctranslate2.Translator(
        job["converted"],
        device="cpu",
        compute_type=job["compute_type"],
        inter_threads=inter,
        intra_threads=intra,
    )
    loaded = time.perf_counter()
    sources = [tokenizer.convert_ids_to_tokens(ids) for ids in tokenizer(job["texts"])["input_ids"]]
    prefix = [job["target_prefix"]] * len(sources) if job["target_prefix"] else None
    steps = job["new_tokens"] - 1  # transformers forces </s> into the last position
    clock = time.perf_counter()
    results = translator.translate_batch(
        sources,
        prefix,
        beam_size=job["beams"],
        max_batch_size=CEILING_BATCH_TOKENS,
        batch_type="tokens",
        max_input_length=0,
        max_decoding_length=steps,
        min_decoding_length=steps,
    )
    seconds = time.perf_counter() - clock
    assert all(len(r.hypotheses[0]) == steps for r in results), "output lengths not forced"
    return _measured(job, loaded - began, seconds, len(results))


def _segments(result: Any) -> list[tuple[str, bool]]:
    assert result.document is not None
    return list(zip(result.document.flat, result.translation_cached, strict=True))


def _measured(job: dict[str, Any], load_s: float, seconds: float, done: int) -> dict[str, Any]:
    return {
        "inputs": done,
        "tokens": done * job["new_tokens"],
        "seconds": seconds,
        "load_s": load_s,
        "peak_rss_mb": _peak_rss_mb(),
        "load_avg": os.getloadavg()[0],  # other work on the machine skews every figure
    }


def _peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM starts afresh at exec, unlike getrusage's ru_maxrss)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


RUNNERS = {
    "a": transformers_loop,
    "b": transformers_loop,
    "c": summarizer_run,
    "d": summarizer_run,
    "e": ctranslate2_ceiling,
    "f": summarizer_run,
}


def run(job_file: Path) -> dict[str, Any]:
    began = time.perf_counter()
    job = json.loads(job_file.read_text(encoding="utf-8"))
    return RUNNERS[job["contender"]](job, began)


def _unchecked(
    self: Any, articles: Sequence[str], outputs: Sequence[str], inputs: Any = None
) -> list[tuple[str, None]]:
    """`Summarizer._checked` without the retry: the outputs trimmed, none asked for again."""
    return [(self.trim(output), None) for output in outputs]
