"""Machine-translation evaluation on a sentence-aligned test set (e.g. NTREX-128).

Two modes, scored the same way (sacrebleu's corpus BLEU and chrF against the reference lines,
so published tables can be reproduced):

- sentence: each source line is translated through the Translator the pipeline uses (cache,
  batching, splitting of over-long lines), on its own;
- document: the lines of each document (a line-aligned file of document ids, such as NTREX's
  DOCUMENT_IDS.tsv) become one article, one line per paragraph, and go through what `run`
  does: reading, boilerplate removal, sentence segmentation and shared batches. Each
  paragraph's translation is the hypothesis for its line; a line removed as boilerplate counts
  as an empty hypothesis (and is reported), so the pipeline's cost in quality is measured.
"""

from __future__ import annotations

import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import InputError
from summarizer.pipeline.prepare import NothingLeft
from summarizer.scoring.metrics import MetricResult, TranslationMetric
from summarizer.tasks.translate import Translator
from summarizer.text.lines import split_lines

if TYPE_CHECKING:
    from summarizer.pipeline.core import Pipeline
    from summarizer.pipeline.progress import ProgressSink


@dataclass(frozen=True)
class MTEvaluation:
    sentences: int
    scores: dict[str, MetricResult]
    translator: dict[str, Any]
    hypotheses: list[str]
    seconds: float
    mode: str = "sentence"
    lines: tuple[int, int] = (1, 0)
    removed: int = 0
    flagged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "lines": list(self.lines),
            "sentences": self.sentences,
            "removed_as_boilerplate": self.removed,
            "flagged": self.flagged,
            "scores": {
                name: {"value": result.scores[name].value, "signature": result.signature.format()}
                for name, result in self.scores.items()
            },
            "translator": self.translator,
            "seconds": round(self.seconds, 3),
        }


def read_lines(path: Path, limit: int | None = None, skip: int = 0) -> list[str]:
    """Lines `skip + 1` to `skip + limit` of a UTF-8 file (all after `skip` without a limit)."""
    try:
        lines = split_lines(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text ({exc})") from exc
    if not lines:
        raise InputError(f"{path}: the file is empty")
    lines = lines[skip : skip + limit] if limit else lines[skip:]
    if not lines:
        raise InputError(f"{path}: nothing left after skipping {skip} lines")
    return lines


def read_test_set(
    source: Path, reference: Path, limit: int | None = None, skip: int = 0
) -> tuple[list[str], list[str]]:
    """The aligned source and reference lines, refusing misaligned or blank sources."""
    sources = read_lines(source, limit, skip)
    references = read_lines(reference, limit, skip)
    if len(sources) != len(references):
        raise InputError(
            f"{source} has {len(sources)} lines but {reference} has {len(references)}; "
            "a test set must be sentence-aligned"
        )
    blank = [n for n, line in enumerate(sources, skip + 1) if not line.strip()]
    if blank:
        raise InputError(f"{source}: line {blank[0]} is empty")
    return sources, references


def read_document_ids(
    documents: Path, source: Path, count: int, limit: int | None = None, skip: int = 0
) -> list[str]:
    """The document id of each of the `count` lines read from `source`."""
    ids = read_lines(documents, limit, skip)
    if len(ids) != count:
        raise InputError(f"{documents} has {len(ids)} lines but {source} has {count}")
    return ids


def score(hypotheses: Sequence[str], references: Sequence[str]) -> dict[str, MetricResult]:
    return {
        name: TranslationMetric(name).corpus_score(hypotheses, [references])  # type: ignore[arg-type]
        for name in ("bleu", "chrf")
    }


def evaluate_mt(
    translator: Translator,
    source: Path,
    reference: Path,
    limit: int | None = None,
    skip: int = 0,
    progress: Callable[[int], None] | None = None,
) -> MTEvaluation:
    """Translate `source` line by line and score against `reference` (same number of lines)."""
    sources, references = read_test_set(source, reference, limit, skip)
    began = time.perf_counter()
    translated = translator.translate(translator.requests(sources), progress=progress)
    seconds = time.perf_counter() - began
    return MTEvaluation(
        len(sources),
        score(translated.texts, references),
        translator.describe(),
        translated.texts,
        seconds,
        lines=(skip + 1, skip + len(sources)),
        flagged=sum(1 for flags in translated.flags if flags),
    )


def evaluate_documents(
    pipeline: Pipeline,
    source: Path,
    reference: Path,
    documents: Path,
    limit: int | None = None,
    skip: int = 0,
    progress: ProgressSink | None = None,
) -> MTEvaluation:
    """Translate the test set document by document through the pipeline, scored per line;
    `progress` counts the sentences the documents are split into (not the lines)."""
    sources, references = read_test_set(source, reference, limit, skip)
    ids = read_document_ids(documents, source, len(sources), limit, skip)
    groups: dict[str, list[int]] = {}
    for index, doc in enumerate(ids):
        groups.setdefault(doc.split("\t")[0].strip(), []).append(index)
    began = time.perf_counter()
    hypotheses = [""] * len(sources)
    removed = flagged = 0
    with tempfile.TemporaryDirectory(prefix="summarizer-eval-") as folder:
        prepared = []
        for number, indices in enumerate(groups.values()):
            path = Path(folder) / f"{number:05d}.txt"
            path.write_text("\n\n".join(sources[i] for i in indices) + "\n", encoding="utf-8")
            try:
                prepared.append((pipeline.prepare(path), indices))
            except NothingLeft:
                removed += len(indices)
        results = pipeline.translate([document for document, _ in prepared], progress)
    for result, (document, indices) in zip(results, prepared, strict=True):
        by_text = dict(
            zip(document.cleaned.paragraphs, result.translation.split("\n\n"), strict=True)
        )
        flagged += result.flagged_segments
        for i in indices:
            line = by_text.get(_normalised(sources[i]))
            removed += line is None
            hypotheses[i] = line or ""
    return MTEvaluation(
        len(sources),
        score(hypotheses, references),
        pipeline.translator.describe(),
        hypotheses,
        time.perf_counter() - began,
        mode="document",
        lines=(skip + 1, skip + len(sources)),
        removed=removed,
        flagged=flagged,
    )


def _normalised(line: str) -> str:
    return " ".join(unicodedata.normalize("NFC", line).split())
