"""Sentence segmentation: Korean with kiwipiepy, headlines and quotes whole, nothing dropped."""

from __future__ import annotations

import re

import pytest

from summarizer.text.segment import split_english, split_korean

BODY = (
    "엔비디아가 독점할 것 같던 인공지능(AI) 반도체 시장에서 테슬라가 예상치 못한 복병으로 "
    "부상하고 있다. 테슬라가 자체 설계한 가속기 D1 칩의 대규모 양산에 돌입했다. 증권사 한 "
    '연구원은 "게임이 끝났다는 평가가 많았다"며 "줄타기 고민도 해봐야 할 시점"이라고 전했다.'
)


def test_paragraph_splits_into_sentences_without_losing_characters() -> None:
    sentences = split_korean(BODY)
    assert len(sentences) == 3
    assert sentences[1] == "테슬라가 자체 설계한 가속기 D1 칩의 대규모 양산에 돌입했다."
    assert re.sub(r"\s+", "", "".join(sentences)) == re.sub(r"\s+", "", BODY)


def test_quotes_inside_a_sentence_stay_in_it() -> None:
    last = split_korean(BODY)[-1]
    assert last.startswith("증권사 한 연구원은") and last.endswith("전했다.")


def test_headlines_and_quoted_lines_are_one_segment() -> None:
    headline = "엔비디아 AI 독주에 제동 나선 테슬라…'줄타기' 필요한 국내 대기업들"
    assert split_korean(headline) == [headline]
    quote = "“테슬라가 10조 달러 시장에서 우위를 점할 것입니다. 도조 덕분입니다.”"
    assert split_korean(quote) == [quote]
    assert split_korean("   ") == []


def test_english_sentences() -> None:
    text = 'Tesla rose 6%. "It is big," he said. U.S. stocks fell. (Really.) And then'
    assert split_english(text) == [
        "Tesla rose 6%.",
        '"It is big," he said.',
        "U.S. stocks fell.",
        "(Really.)",
        "And then",
    ]


def test_remembered_proper_nouns_answer_without_kiwi_and_stay_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summarizer.text import segment

    monkeypatch.setattr(segment, "_known_nouns", segment.OrderedDict())
    monkeypatch.setattr(segment, "REMEMBERED_TEXTS", 2)
    segment.remember_proper_nouns({"가": ["모건스탠리"], "나": [], "다": ["딥시크"]})
    assert list(segment._known_nouns) == ["나", "다"], "the oldest text is let go"
    assert segment.korean_proper_nouns("다") == ["딥시크"]
    assert segment.korean_proper_nouns("나") == []
    assert segment.korean_proper_nouns("엔비디아가 말했다.") == ["엔비디아"], "asks Kiwi"
