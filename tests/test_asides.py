"""Epigraphs, pull quotes, bylines and photo captions: paragraphs an article keeps that are no
body text, judged on the Korean."""

from __future__ import annotations

from summarizer.text.asides import aside_reasons

HEADLINE = "엔비디아 AI 독주에 제동 나선 테슬라"
BODY = "테슬라가 D1 칩 양산에 들어갔다."
EPIGRAPH = (
    '"테슬라는 기본적으로 하드코어 테크놀로지 기업이다" '
    "(2022년 9월, 피터 배넌 테슬라 부사장, 테슬라 AI데이中)"
)


def test_a_quotation_with_its_attribution_above_the_body_is_an_epigraph() -> None:
    dashed = "“AI는 새로운 전기다.” — 앤드루 응 교수"
    interview = "“AI는 새로운 전기다.” (앤드루 응 교수, 2017년 인터뷰 중)"
    for epigraph in (EPIGRAPH, dashed, interview):
        assert aside_reasons([HEADLINE, epigraph, BODY]) == [None, "epigraph", None]


def test_an_attributed_quotation_inside_the_body_is_news() -> None:
    assert aside_reasons([HEADLINE, BODY, EPIGRAPH]) == [None, None, None]


def test_quotations_that_are_body_text_are_kept() -> None:
    """The forms NTREX-128's body lines take: a quotation alone, a quotation and its speaker."""
    body = [
        '"오늘날은, 둘 다 아닙니다."',
        '"저는 아무것도 포기하지 않았습니다."',
        '"우리는 북한에게 잘 하고 있습니다."그가 말했다.',
        "“테슬라가 AI 시장에서 비대칭적 우위를 점할 수 있을 것입니다.”",
    ]
    assert aside_reasons([HEADLINE, *body]) == [None] * 5


def test_a_quotation_the_article_repeats_is_a_pull_quote() -> None:
    said = "그는 “AI 반도체 시장은 곧 두 배로 커질 것”이라고 말했다."
    pulled = "“AI 반도체 시장은 곧 두 배로 커질 것”"
    assert aside_reasons([HEADLINE, BODY, pulled, said]) == [None, None, "pull-quote", None]
    assert aside_reasons([HEADLINE, BODY, pulled, BODY]) == [None, None, None, None]


def test_bylines_and_photo_captions_left_by_the_boilerplate_rules() -> None:
    asides = {
        "홍길동 기자.": "byline",
        "[사진=연합뉴스] 13일 서울 여의도에서 시민들이 걷고 있다.": "photo-caption",
        "<사진=엔비디아> 젠슨 황 CEO가 기조연설을 하고 있다.": "photo-caption",
        "젠슨 황 CEO가 기조연설을 하고 있다. 로이터=연합뉴스": "photo-caption",
        "젠슨 황 CEO가 기조연설을 하고 있다. AFP 연합뉴스": "photo-caption",
    }
    paragraphs = [HEADLINE, BODY, *asides]
    assert aside_reasons(paragraphs) == [None, None, *asides.values()]


def test_body_sentences_naming_an_agency_or_a_reporter_are_kept() -> None:
    body = ["이 소식은 연합뉴스가 처음 보도했다.", "홍길동 기자가 현장을 취재했다."]
    assert aside_reasons([HEADLINE, *body]) == [None, None, None]
