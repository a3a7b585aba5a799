"""The first stage: read an article, clean it and split it into sentences (cached)."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.checks.script import hangul_share
from summarizer.errors import InputError
from summarizer.pipeline.results import Document
from summarizer.text.articles import read_article
from summarizer.text.boilerplate import clean
from summarizer.text.segment import (
    korean_proper_nouns,
    remember_proper_nouns,
    segmenter_id,
    split_korean,
)

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache

_HANGUL_SHARE_FOR_KOREAN = 0.2


class NothingLeft(InputError):
    """The article is all site boilerplate: nothing is left to translate."""


def is_korean(text: str) -> bool:
    """True when Hangul makes up a real share of the letters."""
    return hangul_share(text) >= _HANGUL_SHARE_FOR_KOREAN


def prepare(path: Path, cache: Cache | NullCache, max_chars: int) -> Document:
    """Read, clean and segment one article (segmentation is cached too)."""
    began = time.perf_counter()
    article = read_article(path, max_chars)
    cleaned = clean(article.text, article.format)
    if not cleaned.paragraphs:
        raise NothingLeft(f"{path}: nothing left after removing site boilerplate")
    read_done = time.perf_counter()
    language = "ko" if is_korean(article.text) else "en"
    if language == "ko":
        sentences = segment(cleaned.paragraphs, cache)
    else:
        sentences = [[p] for p in cleaned.paragraphs]
    segment_seconds = time.perf_counter() - read_done
    return Document(article, cleaned, language, sentences, read_done - began, segment_seconds)


def segment(paragraphs: Sequence[str], cache: Cache | NullCache) -> list[list[str]]:
    """The paragraphs' sentences, and their proper nouns remembered for the checks (both
    cached, so that a re-run needs no Kiwi)."""
    key = segmenter_id()
    found = cache.get_many("segmentation", key, paragraphs)
    new = {p: json.dumps(split_korean(p), ensure_ascii=False) for p in paragraphs if p not in found}
    if new:
        cache.put_many("segmentation", key, "kiwipiepy", new)
    sentences = [json.loads(found.get(p) or new[p]) for p in paragraphs]
    _remember_nouns([s for paragraph in sentences for s in paragraph], cache, key)
    return sentences


def _remember_nouns(sentences: Sequence[str], cache: Cache | NullCache, key: str) -> None:
    found = cache.get_many("proper-nouns", key, sentences)
    new = {
        s: json.dumps(korean_proper_nouns(s), ensure_ascii=False)
        for s in sentences
        if s not in found
    }
    if new:
        cache.put_many("proper-nouns", key, "kiwipiepy", new)
    remember_proper_nouns({s: json.loads(found.get(s) or new[s]) for s in sentences})
