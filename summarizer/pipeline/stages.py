"""The model stages (translate, summarize) as a worker runs them, without the cache.

A `Stage` is picklable: an executor builds it once per worker (a Ray actor, or the local
process) and then calls it per unit of work with a JSON payload of texts, getting a JSON payload
back. The driver keeps the cache: it looks up hits first and sends only misses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from summarizer.cache.null import NullCache
from summarizer.cache.store import Cache
from summarizer.config import Settings
from summarizer.engines import Model, Task
from summarizer.engines.convert import choose_backend, resolve_compute_type
from summarizer.executors.stage import Partial, Worker
from summarizer.models.presets import lead_count
from summarizer.models.spec import ModelSpec
from summarizer.names import Glossary
from summarizer.tasks.lead import LeadSummarizer
from summarizer.tasks.summarize import Summarizer, Summary
from summarizer.tasks.translate import Computed, Translator

# Sentences per translation batch unless the user says otherwise: CTranslate2 splits batches
# into token-bounded sub-batches itself and gains from large ones (benchmarks/RESULTS.md);
# transformers pads every batch to its longest input and gains little beyond 32.
BATCH_SIZES = {"hf": 32, "ct2": 128}
LM_BATCH_SIZE = 16
"""Sentences per batch for language models (chat or completion), on either backend: at one
to four seconds a sentence on a CPU, a batch of 128 would run for minutes before its
translations reach the cache (what an interrupt loses) and before progress can be told, and a
1.5B model is compute-bound from a few prompts a batch on, so larger batches gain nothing."""


def build_model(settings: Settings, spec: ModelSpec, task: Task) -> Model:
    """The model for `task` with the settings' backend, device, threads and decoding."""
    overrides = (
        settings.translator_decoding if task == "translation" else settings.summarizer_decoding
    )
    backend = choose_backend(settings.backend, spec)
    if backend != "ct2":
        threads = {"intra_threads": settings.intra_threads}
        return Model(
            spec,
            task,
            backend=backend,
            device=settings.device,
            options=threads,
            overrides=overrides,
        )
    return Model(
        spec,
        task,
        backend="ct2",
        device=settings.device,
        compute_type=resolve_compute_type(settings.compute_type, settings.device),
        options={
            "models_dir": settings.models_dir,
            "inter_threads": settings.inter_threads,
            "intra_threads": settings.intra_threads,
        },
        overrides=overrides,
    )


def build_translator(
    settings: Settings, spec: ModelSpec, cache: Cache | NullCache, *, refresh: bool = False
) -> Translator:
    model = build_model(settings, spec, "translation")
    default = BATCH_SIZES[model.backend] if model.kind == "seq2seq" else LM_BATCH_SIZE
    batch_size = settings.batch_size or default
    return Translator(
        model,
        cache,
        batch_size=batch_size,
        refresh=refresh,
        candidates=settings.candidates,
        glossary=Glossary.read(settings.glossary) if settings.glossary else None,
    )


def build_summarizer(
    settings: Settings, spec: ModelSpec | None, cache: Cache | NullCache, *, refresh: bool = False
) -> Summarizer | LeadSummarizer:
    """The summarizer the settings name: `lead-N` (no model), else `spec` loaded."""
    if lead := lead_count(settings.summarizer):
        return LeadSummarizer(lead)
    assert spec is not None
    model = build_model(settings, spec, "summarization")
    return Summarizer(
        model,
        cache,
        sentences=settings.summary_sentences,
        words=settings.summary_words,
        refresh=refresh,
    )


@dataclass(frozen=True)
class Stage:
    """One model stage: what a worker needs to build it (settings and the resolved model).

    `local` is the driver's own translator or summarizer: a worker in the driver's process
    uses it (one model in memory); it is never pickled, so a remote worker builds its own.
    """

    task: Task
    settings: Settings
    spec: ModelSpec | None  # None for lead-N, which needs no model
    local: Translator | Summarizer | LeadSummarizer | None = field(
        default=None, compare=False, repr=False
    )

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "local": None}

    def build(self) -> Worker:
        """Load the model (once) and return the function that runs a payload through it."""
        if self.task == "translation":
            assert self.spec is not None
            translator = self.local or build_translator(self.settings, self.spec, NullCache())
            assert isinstance(translator, Translator)

            def translate(payload: str, partial: Partial | None) -> str:
                batch = (lambda c: partial(encode_computed(c))) if partial else None
                return encode_computed(translator.compute(json.loads(payload), batch))

            return translate
        summarizer = self.local or build_summarizer(self.settings, self.spec, NullCache())
        assert isinstance(summarizer, Summarizer | LeadSummarizer)
        return lambda payload, _partial: encode_summaries(summarizer.summarize(json.loads(payload)))


def encode_computed(computed: Computed) -> str:
    return json.dumps(
        {"texts": computed.texts, "retries": computed.retries, "seconds": computed.seconds},
        ensure_ascii=False,
    )


def decode_computed(payload: str | None) -> Computed:
    if payload is None:
        return Computed({}, {}, {})
    data = json.loads(payload)
    return Computed(data["texts"], data["retries"], data["seconds"])


def encode_summaries(summaries: list[Summary]) -> str:
    rows = [
        {
            "text": s.text,
            "seconds": s.seconds,
            "rounds": s.rounds,
            "retried": s.retried,
            "error": s.error,
        }
        for s in summaries
    ]
    return json.dumps(rows, ensure_ascii=False)


def decode_summaries(payload: str | None) -> list[Summary]:
    rows = json.loads(payload) if payload else []
    return [
        Summary(r["text"], False, r["seconds"], r["rounds"], r["retried"], r["error"]) for r in rows
    ]
