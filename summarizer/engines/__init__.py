"""One interface over several inference backends.

`Model` is a lazy handle: it knows which weights and decoding settings will be used (and so its
fingerprint for caches and signatures) without importing torch; the backend's `Engine` is loaded
on first use. Backends register in `BACKENDS`: `hf` (transformers) and `ct2` (CTranslate2, on a
conversion `convert` makes once); `prompts` is the tokenizer-side work they share (their CPU
threads follow `summarizer.config.threads`), and `interruptible` lets Ctrl-C stop a model call
at once. Batching, caching and segmentation live above, in `summarizer.tasks`.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from summarizer.engines.interruptible import Interruptible
from summarizer.errors import SummarizerError
from summarizer.models.presets import Task
from summarizer.models.repair import load_failure
from summarizer.models.spec import ModelSpec, offline_mode

BACKENDS: dict[str, str] = {
    "hf": "summarizer.engines.hf:HFEngine",
    "ct2": "summarizer.engines.ct2:CT2Engine",
}

_FALLBACK_MAX_NEW_TOKENS = 256
log = logging.getLogger("summarizer")
ROLES = {"translation": "translator", "summarization": "summarizer"}


class Engine(Protocol):
    """A loaded model that turns a batch of inputs into outputs, one output per input."""

    max_input_tokens: int

    def count_tokens(self, texts: Sequence[str], *, system: str | None = None) -> list[int]:
        """Input length of each text in model tokens, as `generate` will see it."""
        ...

    def generate(
        self,
        inputs: Sequence[str],
        *,
        system: str | None = None,
        num_beams: int | None = None,
        no_repeat_ngram_size: int | None = None,
    ) -> list[str]:
        """Decode every input (never truncated). `system` is the instruction for chat models
        and, for completion-style base models, the prefix every prompt starts with (the
        examples); `num_beams` and `no_repeat_ngram_size` override the model's decoding (a
        retry of a bad output)."""
        ...

    def sample(
        self, inputs: Sequence[str], sampling: Sampling, *, system: str | None = None
    ) -> list[list[str]]:
        """`sampling.count` outputs for every input, drawn from the model's distribution."""
        ...


@dataclass(frozen=True)
class Sampling:
    """How candidate outputs are drawn: how many per input, nucleus sampling at a temperature,
    and the random seed torch is given before every batch (the transformers backend then draws
    the same outputs for the same batch; CTranslate2's sampling cannot be seeded,
    OpenNMT/CTranslate2#1757, so its draws differ from run to run and the cache keeps the
    candidate chosen)."""

    count: int
    temperature: float = 0.7
    top_p: float = 0.9
    seed: int = 0

    def describe(self) -> str:
        return f"sample{self.count}-t{self.temperature}-p{self.top_p}-seed{self.seed}"


class Model:
    """A model chosen for a task, with its effective decoding settings; loads on first use."""

    def __init__(
        self,
        spec: ModelSpec,
        task: Task,
        *,
        backend: str = "hf",
        device: str = "auto",
        compute_type: str | None = None,
        options: dict[str, Any] | None = None,
        overrides: dict[str, Any] | None = None,
    ) -> None:
        """`compute_type` (ct2) changes outputs and so the fingerprint; `options` (models
        folder, threads) go to the engine and change nothing it computes."""
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}")
        self.spec = spec
        self.task = task
        self.backend = backend
        self.device = device
        self.compute_type = compute_type
        self.options = options or {}
        self.decoding = effective_decoding(spec, overrides or {})
        self._engine: Engine | None = None

    @property
    def kind(self) -> str:
        """How the model is prompted: seq2seq, chat (instruction LM) or completion (base LM)."""
        return self.spec.prompt_style

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            began = time.perf_counter()
            role = ROLES[self.task]
            log.info("loading the %s %s (%s)…", role, self.spec.id, self.backend)
            module, _, name = BACKENDS[self.backend].partition(":")
            engine_class = getattr(importlib.import_module(module), name)
            extra = {"compute_type": self.compute_type} if self.compute_type else {}
            try:
                with offline_mode():
                    engine = engine_class(
                        self.spec, self.task, self.decoding, self.device, **extra, **self.options
                    )
            except SummarizerError:
                raise
            except Exception as exc:  # transformers, tokenizers and torch raise any type
                raise load_failure(self.spec.path, exc) from exc
            self._engine = Interruptible(engine)
            log.info("%s loaded in %.1f s", role, time.perf_counter() - began)
        return self._engine

    def describe(self) -> dict[str, Any]:
        """What produced an output: recorded in result.json, signatures and cache keys."""
        return {
            **self.spec.describe(),
            "task": self.task,
            "kind": self.kind,
            "backend": self.backend,
            "compute_type": self.compute_type,
            "decoding": self.decoding,
            "fingerprint": self.fingerprint,
        }

    @property
    def fingerprint(self) -> str:
        identity = {
            "id": self.spec.id,
            "revision": self.spec.revision,
            "weights_sha256": self.spec.weights_sha256,
            "task": self.task,
            "prompt_style": self.kind,
            "backend": self.backend,
            "compute_type": self.compute_type,
            "decoding": self.decoding,
        }
        blob = json.dumps(identity, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:20]


def effective_decoding(spec: ModelSpec, overrides: dict[str, Any]) -> dict[str, Any]:
    """Explicit decoding settings: the model's generation config, then the user's overrides.

    Everything is spelled out (greedy when the model says nothing) so that every backend gets
    the same instructions and the fingerprint captures them.
    """
    defaults = spec.generation_defaults
    settings: dict[str, Any] = {
        "num_beams": int(defaults.get("num_beams") or 1),
        "max_new_tokens": _max_new_tokens(spec, defaults),
        "min_new_tokens": _min_new_tokens(spec, defaults),
        "no_repeat_ngram_size": int(defaults.get("no_repeat_ngram_size") or 0),
        "length_penalty": float(defaults.get("length_penalty") or 1.0),
        "repetition_penalty": float(defaults.get("repetition_penalty") or 1.0),
    }
    settings.update(overrides)
    return settings


def _max_new_tokens(spec: ModelSpec, defaults: dict[str, Any]) -> int:
    if defaults.get("max_new_tokens"):
        return int(defaults["max_new_tokens"])
    if spec.is_encoder_decoder and defaults.get("max_length"):
        return max(1, int(defaults["max_length"]) - 1)
    return _FALLBACK_MAX_NEW_TOKENS


def _min_new_tokens(spec: ModelSpec, defaults: dict[str, Any]) -> int:
    if defaults.get("min_new_tokens"):
        return int(defaults["min_new_tokens"])
    if spec.is_encoder_decoder and defaults.get("min_length"):
        return max(0, int(defaults["min_length"]) - 1)
    return 0
