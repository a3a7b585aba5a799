"""Machine-translation evaluation on a sentence-aligned test set (e.g. NTREX-128).

Each source line is translated through the same Translator the pipeline uses (cache, batching,
splitting of over-long lines) and the hypotheses are scored with sacrebleu's corpus BLEU and
chrF against the reference lines, so published tables can be reproduced.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.scoring.metrics import MetricResult, TranslationMetric
from summarizer.translate import Translator


@dataclass(frozen=True)
class MTEvaluation:
    sentences: int
    scores: dict[str, MetricResult]
    translator: dict[str, Any]
    hypotheses: list[str]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "scores": {
                name: {"value": result.scores[name].value, "signature": result.signature.format()}
                for name, result in self.scores.items()
            },
            "translator": self.translator,
            "seconds": round(self.seconds, 3),
        }


def read_lines(path: Path, limit: int | None = None) -> list[str]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    lines = lines[:limit] if limit else lines
    if not lines:
        raise InputError(f"{path}: the file is empty")
    return lines


def evaluate_mt(
    translator: Translator,
    source: Path,
    reference: Path,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> MTEvaluation:
    """Translate `source` line by line and score against `reference` (same number of lines)."""
    sources = read_lines(source, limit)
    references = read_lines(reference, limit)
    if len(sources) != len(references):
        raise InputError(
            f"{source} has {len(sources)} lines but {reference} has {len(references)}; "
            "a test set must be sentence-aligned"
        )
    blank = [n for n, line in enumerate(sources, 1) if not line.strip()]
    if blank:
        raise InputError(f"{source}: line {blank[0]} is empty")
    began = time.perf_counter()
    hypotheses = translator.translate(sources, progress=progress).texts
    seconds = time.perf_counter() - began
    scores = {
        name: TranslationMetric(name).corpus_score(hypotheses, [references])  # type: ignore[arg-type]
        for name in ("bleu", "chrf")
    }
    return MTEvaluation(len(sources), scores, translator.model.describe(), hypotheses, seconds)
