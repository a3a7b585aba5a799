"""Batching, splitting of over-long sentences and the translation memory."""

from __future__ import annotations

import re
from pathlib import Path

from recording import record_batches

from summarizer.cache.store import Cache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.translate import Translator
from summarizer.text.segment import split_to_fit

SENTENCES = [
    "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다.",
    "엔비디아",
    "모건스탠리는 도조 프로젝트만으로도 테슬라의 기업 가치가 최대 5000억 달러에 달할 것으로 "
    "평가했다.",
    "도조는 슈퍼컴퓨터다.",
    "AI 반도체 시장이 커지고 있다.",
    "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다.",
]


def translator(folder: Path, cache: Cache, batch_size: int = 2, **overrides: object) -> Translator:
    spec = resolve(str(folder), folder.parent)
    model = Model(spec, "translation", overrides=overrides)  # type: ignore[arg-type]
    return Translator(model, cache, batch_size=batch_size)


def test_one_nonempty_translation_per_segment(tiny_marian: Path, tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        result = translator(tiny_marian, cache).translate(SENTENCES)
    assert len(result.texts) == len(SENTENCES)
    assert all(text.strip() for text in result.texts)
    assert result.texts[0] == result.texts[5]
    assert result.misses == len(SENTENCES)


def test_batches_are_length_sorted_and_deduplicated(tiny_marian: Path, tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_marian, cache, batch_size=2)
        calls = record_batches(job.model)
        job.translate(SENTENCES)
    assert [len(batch) for batch in calls] == [2, 2, 1]
    flat = [s for batch in calls for s in batch]
    assert sorted(flat) == sorted(set(SENTENCES))
    lengths = job.model.engine.count_tokens(flat)
    assert lengths == sorted(lengths, reverse=True)


def test_second_call_is_answered_by_the_cache(tiny_marian: Path, tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        first = translator(tiny_marian, cache).translate(SENTENCES)
        again = translator(tiny_marian, cache)
        result = again.translate(SENTENCES)
        assert not again.model.loaded
        assert result.texts == first.texts
        assert result.hits == len(SENTENCES)
        changed = translator(tiny_marian, cache, num_beams=1)
        calls = record_batches(changed.model)
        changed.translate(SENTENCES[:2])
        assert calls, "different decoding settings must miss the cache"


def test_progress_counts_every_segment(tiny_marian: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    with Cache(tmp_path / "c.sqlite") as cache:
        translator(tiny_marian, cache).translate(SENTENCES, progress=seen.append)
    assert sum(seen) == len(SENTENCES)


def test_too_long_sentence_is_split_never_cut(tiny_marian_short: Path, tmp_path: Path) -> None:
    long = (
        "모간스탠리가 테슬라의 슈퍼컴퓨터 도조 컴퓨팅 가치를 낙관하며, 목표 주가를 400달러로 "
        "올린 덕분이다, 모건스탠리는 도조 프로젝트만으로도 테슬라의 기업 가치가 최대 5000억 달러에 "
        "달할 것으로 평가했다."
    )
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_marian_short, cache)
        engine = job.model.engine
        assert engine.count_tokens([long])[0] > engine.max_input_tokens
        calls = record_batches(job.model)
        result = job.translate([long, "엔비디아"])
    pieces = [p for batch in calls for p in batch if p != "엔비디아"]
    assert len(pieces) > 1
    assert all(n <= engine.max_input_tokens for n in engine.count_tokens(pieces))
    assert sorted(re.sub(r"\s+", "", "".join(pieces))) == sorted(re.sub(r"\s+", "", long))
    assert len(result.texts) == 2
    assert all(result.texts)


def test_split_to_fit_keeps_order_and_every_character() -> None:
    text = "one two three four, five six seven; eight nine ten eleven twelve"
    pieces = split_to_fit(text, lambda s: len(s.split()), 3)
    assert " ".join(pieces) == text
    assert all(len(p.split()) <= 3 for p in pieces)
    assert split_to_fit("abcdefgh", len, 3) == ["ab", "cd", "ef", "gh"]
