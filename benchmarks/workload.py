"""The NTREX-128 workload: Korean (and English) news documents written out as article folders."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
NTREX = SHARED / "data" / "ntrex128"
SKELETON = SHARED / "models" / "opus-mt-ko-en-skeleton"
KOREAN_FILE = "newstest2019-ref.kor.txt"
ENGLISH_FILE = "newstest2019-src.eng.txt"


@dataclass(frozen=True)
class Document:
    """One NTREX document: its id and its lines (the first is the headline)."""

    id: str
    lines: list[str]


def available() -> bool:
    return (NTREX / KOREAN_FILE).is_file() and (SKELETON / "config.json").is_file()


def documents(language: str, sentences: int | None = None) -> list[Document]:
    """Documents in corpus order, whole, until at least `sentences` lines (all when None)."""
    text_file = NTREX / (KOREAN_FILE if language == "ko" else ENGLISH_FILE)
    lines = text_file.read_text(encoding="utf-8").splitlines()
    ids = (NTREX / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    found: list[Document] = []
    position = 0
    for doc_id, group in itertools.groupby(ids):
        size = len(list(group))
        found.append(Document(doc_id, [line.strip() for line in lines[position : position + size]]))
        position += size
        if sentences is not None and position >= sentences:
            break
    return found


def write_articles(docs: Sequence[Document], folder: Path) -> Path:
    """One .txt article per document, one line per NTREX sentence."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, doc in enumerate(docs):
        name = f"{number:03d}_{doc.id.replace('/', '_')}.txt"
        (folder / name).write_text("\n".join(doc.lines) + "\n", encoding="utf-8")
    return folder


def pipeline_inputs(folder: Path) -> tuple[list[str], list[str]]:
    """What `summarizer run` will feed its models for `folder`: unique Korean segments in order
    (after boilerplate removal and sentence splitting) and one summary input per article."""
    from summarizer.cache.null import NullCache
    from summarizer.config import Settings
    from summarizer.pipeline.core import Pipeline

    pipeline = Pipeline(Settings(), NullCache())
    segments: list[str] = []
    summaries: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        document = pipeline.prepare(path)
        if document.language == "ko":
            segments.extend(document.flat)
        else:
            summaries.append("\n\n".join(document.cleaned.paragraphs))
    return list(dict.fromkeys(segments)), summaries
