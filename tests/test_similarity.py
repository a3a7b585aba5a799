"""The copy check's similarity: difflib's figure on sentences, near-linear work on long lines."""

from __future__ import annotations

import difflib
import random
from pathlib import Path

import pytest

from summarizer.checks import check_translation
from summarizer.checks.similarity import EXACT_CELLS, similarity

NTREX = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128"
SYLLABLES = "가나다라마바사아자차카타파하서울정부기업시장경제발표"


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _edited(text: str, rate: float, rng: random.Random) -> str:
    out = []
    for char in text:
        draw = rng.random()
        if draw < rate / 2:
            continue
        out.append(rng.choice(text) if draw < rate else char)
    return "".join(out)


def _korean_like(length: int, rng: random.Random) -> str:
    words = ("".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(length))
    return " ".join(words)[:length]


@pytest.mark.skipif(not NTREX.is_dir(), reason="needs NTREX-128 in ../shared")
def test_same_figure_as_difflib_on_ntrex_lines() -> None:
    korean = (NTREX / "newstest2019-ref.kor.txt").read_text(encoding="utf-8").split("\n")
    english = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    rng = random.Random(7)
    pairs = [(k, e) for k, e in zip(korean, english, strict=True)][::4]
    for source, target in pairs:
        for other in (target, source, _edited(source, 0.1, rng), _edited(source, 0.3, rng)):
            assert similarity(source, other) == _ratio(source, other)


@pytest.mark.parametrize("rate", [0.0, 0.02, 0.05, 0.1, 0.15])
def test_long_lines_agree_with_difflib(rate: float) -> None:
    rng = random.Random(int(rate * 100))
    source = _korean_like(2_500, rng)
    target = _edited(source, rate, rng)
    assert len(source) * len(target) > EXACT_CELLS  # measured in pieces, not by difflib whole
    assert similarity(source, target) == pytest.approx(_ratio(source, target), abs=0.005)


def test_long_unrelated_text_is_not_alike() -> None:
    rng = random.Random(1)
    source, target = _korean_like(2_500, rng), _korean_like(2_500, rng)
    assert similarity(source, target) < 0.9
    assert similarity(source, source[::-1]) < 0.9


def test_a_long_copy_is_flagged_without_quadratic_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """difflib is never handed more than EXACT_CELLS at once: the work stays near-linear."""
    set_seqs = difflib.SequenceMatcher.set_seqs

    def spy(self: difflib.SequenceMatcher, a: str, b: str) -> None:
        assert len(a) * len(b) <= EXACT_CELLS, f"difflib handed {len(a)} x {len(b)} characters"
        set_seqs(self, a, b)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seqs", spy)
    source = _korean_like(100_000, random.Random(2))
    edited = source[:30_000] + "추가된 문장입니다. " + source[30_000:70_000] + source[70_010:]
    for target, alike in ((source, "100% alike"), (edited, "100% alike")):
        flags = check_translation(source, target)
        assert [f.check for f in flags] == ["copied", "untranslated"]
        assert alike in flags[0].detail
