"""Site chrome inside the article: the generated pages' goals and hand-written cases."""

from __future__ import annotations

import pytest

from benchmarks.boilerplate import main, measure
from benchmarks.chrome_pages import Page, Piece, pages
from summarizer.text.boilerplate import RemovedLine, clean

BODY = "테슬라가 도조를 공개했다. 시장은 크게 반응했다."
AFTER = "업계는 후속 발표에 주목하고 있다."


def _around(line: str) -> str:
    return f"AI 업계 동향\n{BODY}\n{line}\n{AFTER}\n"


@pytest.fixture(scope="module")
def generated() -> list[Page]:
    return pages()


def test_generated_pages_reach_the_goals(generated: list[Page]) -> None:
    figures = measure(generated)
    assert figures.pages == 300 and figures.sentences > 2500
    kinds = set(figures.pieces)
    assert {"dateline prefix", "caption", "image", "related", "subscribe", "counter"} <= kinds
    assert {"hashtags", "breadcrumb", "copyright (English)"} <= kinds
    assert sum(figures.pieces.values()) > 2000
    assert figures.leaks == []
    assert figures.leftover == []
    assert figures.kept_share >= 0.98, figures.lost


def test_both_formats_are_generated(generated: list[Page]) -> None:
    formats = {page.format for page in generated}
    assert formats == {"text", "markdown"}
    markdown = [page for page in generated if page.format == "markdown"]
    assert any("![" in page.text for page in markdown)
    assert any("](https://" in page.text for page in markdown)


def test_generation_is_deterministic() -> None:
    assert pages(5) == pages(5)
    assert pages(5) != pages(5, seed=21)


def test_the_measure_sees_leaks_losses_and_left_overs() -> None:
    page = Page(
        name="page",
        format="text",
        text=(
            "제목\n관련기사 : 다른 기사 제목\n본문 문장이다. 다른 문장이다.\n"
            "구독 중인 독자에게 드립니다.\n"
        ),
        sentences=("제목", "본문 문장이다.", "사라진 문장이다."),
        chrome=(Piece("related", "관련기사 : 다른 기사 제목", "관련기사 : 다른 기사 제목"),),
    )
    figures = measure([page])
    assert figures.kept == 2 and figures.lost == ["page: 사라진 문장이다."]
    assert figures.leaked["related"] == 0
    assert figures.leftover == ["page: 다른문장이다.", "page: 구독중인독자에게드립니다."]
    leaky = Page(page.name, "text", "제목\n기사 끝에 붙은 홍보 문구\n", ("제목",), (
        Piece("subscribe", "기사 끝에 붙은 홍보 문구", "기사 끝에 붙은 홍보 문구"),
    ))  # fmt: skip
    assert measure([leaky]).leaked["subscribe"] == 1


def test_the_benchmark_prints_a_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--pages", "6"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "| chrome | pieces | leaked |"
    assert '"leaked": 0' in out[-1] and '"pages": 6' in out[-1]


@pytest.mark.parametrize(
    ("prefix", "removed"),
    [
        ("(서울=연합뉴스) 홍길동 기자 = ", "(서울=연합뉴스) 홍길동 기자 ="),
        ("(세종=뉴스1) 홍길동 김철수 이영희 기자 = ", "(세종=뉴스1) 홍길동 김철수 이영희 기자 ="),
        ("(워싱턴=연합뉴스) 김철수 특파원＝", "(워싱턴=연합뉴스) 김철수 특파원＝"),
        ("【서울=뉴시스】홍길동 기자 = ", "【서울=뉴시스】홍길동 기자 ="),
        ("[헤럴드경제(뉴욕)=김철수 특파원] ", "[헤럴드경제(뉴욕)=김철수 특파원]"),
        ("[아시아경제 홍길동 기자, 김철수 기자] ", "[아시아경제 홍길동 기자, 김철수 기자]"),
        ("[파이낸셜뉴스] ", "[파이낸셜뉴스]"),
        ("<뉴스핌> 홍길동 기자 = ", "<뉴스핌> 홍길동 기자 ="),
    ],
)
def test_dateline_prefix_goes_and_the_sentence_stays(prefix: str, removed: str) -> None:
    article = clean(f"삼성전자 실적 발표\n{prefix}{BODY}\n{AFTER}\n")
    assert article.removed == [RemovedLine(2, removed, "byline")]
    assert article.paragraphs == ["삼성전자 실적 발표", BODY, AFTER]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("삼성전자 서초사옥 전경. /연합뉴스", "image-caption"),
        ("한 직원이 생산 라인을 점검하고 있다. 2025.3.10/뉴스1", "image-caption"),
        ("▲ 기자간담회에서 발언하는 대표 (삼성전자 제공)", "image-caption"),
        ("시민들이 횡단보도를 건너고 있다. 사진 제공=서울시", "image-caption"),
        ("[사진] 경기 이천의 반도체 공장 전경", "image-caption"),
        ("사진설명: 물류센터에서 상품을 분류하는 로봇", "image-caption"),
        ("[관련기사] 삼성전자, 차세대 파운드리 공정 공개", "related-articles"),
        ("▶ 삼성전자, 차세대 파운드리 공정 공개", "related-articles"),
        ("☞ 관련기사 바로가기", "related-articles"),
        ("홍길동 기자의 다른 기사 보기", "subscribe"),
        ("홍길동 기자 구독하기", "subscribe"),
        ("네이버에서 이데일리 구독하기", "subscribe"),
        ("유튜브 구독과 좋아요 부탁드립니다", "subscribe"),
        ("이 기사가 도움이 되셨다면 좋아요를 눌러주세요", "subscribe"),
        ("좋아요 12 댓글 3 공유", "counter"),
        ("♥ 12  💬 3", "counter"),
        ("좋아요 0 훈훈해요 0 슬퍼요 0 화나요 0 후속요청 0", "counter"),
        ("12 likes · 3 comments · Share", "counter"),
        ("공유하기 | 스크랩 | 인쇄 | 글자크기", "site-chrome"),
        ("#삼성전자#반도체#HBM", "hashtags"),
        ("태그: #삼성전자 #반도체", "hashtags"),
        ("키워드 : 삼성전자, 반도체, 실적", "hashtags"),
        ("홈>경제>산업", "site-chrome"),
        ("홈 > 경제 > 산업", "site-chrome"),
        ("Copyright © 2025 Yonhap News Agency. All rights reserved.", "copyright"),
        ("(c) 2024 The Korea Herald", "copyright"),
        ("Copyright by The Korea Times", "copyright"),
        ("Unauthorized reproduction and redistribution prohibited.", "copyright"),
        ("This article is protected by copyright.", "copyright"),
        ("기사입력 2025.03.10 09:00 | 홍길동 기자", "dateline"),
        ("발행일 : 2025.03.10", "dateline"),
    ],
)
def test_chrome_inside_the_article_is_removed(line: str, reason: str) -> None:
    article = clean(_around(line))
    assert [(item.line, item.reason) for item in article.removed] == [(3, reason)]
    assert article.paragraphs == ["AI 업계 동향", BODY, AFTER]


@pytest.mark.parametrize(
    "sentence",
    [
        '현장을 취재한 한 기자는 "분위기가 예전과 달랐다"고 전했다.',
        "홍길동 기자는 이번 사안을 석 달 동안 취재했다.",
        '김 기자가 이날 만난 한 임원은 "회복세가 이어질 것"이라고 말했다.',
        "회사는 인스타그램에 '#멜론과함께' 해시태그 이벤트를 열었다.",
        "#1 자리를 지켜온 애플과 마이크로소프트도 제쳤다.",
        "이 채널은 구독자 100만명을 넘어섰다.",
        '광고는 "지금 구독하세요"라는 문구로 끝난다.',
        "이 영상은 한 편당 평균 좋아요 3만개를 받는다.",
        "'좋아요' 수를 숨기는 기능이 도입됐다.",
        "생성형 AI의 저작권(Copyright) 침해 여부가 쟁점이다.",
        "홈 화면에는 개인화된 추천 위젯도 새로 추가된다.",
        "관련 업계에 따르면 신제품은 다음 달 출시된다.",
        "AI > 인간? 젠슨 황의 답",
        "삼성전자 = 반도체라는 공식이 깨지고 있다.",
        "댓글 공유 기능도 새로 생겼다.",
        "키워드 분석 결과 'AI'가 가장 많이 언급됐다.",
        "사진 공유 앱의 월간 이용자는 3억명이다.",
        "HBM 경쟁 본격화",
    ],
)
def test_article_sentences_with_chrome_words_are_kept(sentence: str) -> None:
    article = clean(_around(sentence))
    assert article.removed == []
    assert article.paragraphs == ["AI 업계 동향", BODY, sentence, AFTER]


def test_an_arrow_before_a_sentence_is_a_bullet_not_a_link() -> None:
    article = clean(_around("▶ 정부는 반도체 지원을 확대하기로 했다."))
    assert article.removed == []
    assert article.paragraphs[2] == "정부는 반도체 지원을 확대하기로 했다."


def test_a_related_list_ends_where_its_bullets_end() -> None:
    text = (
        f"AI 업계 동향\n{BODY}\n[관련 뉴스]\n▷ 삼성전자, 차세대 공정 공개\n"
        f'▷ "AI 수요 꺾이지 않는다"\nHBM 경쟁 본격화\n{AFTER}\n'
    )
    article = clean(text)
    assert [(item.line, item.reason) for item in article.removed] == [
        (3, "related-articles"),
        (4, "related-articles"),
        (5, "related-articles"),
    ]
    assert article.paragraphs == ["AI 업계 동향", BODY, "HBM 경쟁 본격화", AFTER]


def test_a_related_list_without_bullets_ends_at_a_sentence() -> None:
    teasers = "삼성전자, 차세대 공정 공개\n[르포] 새벽 배송 현장을 가다"
    text = f"AI 업계 동향\n{BODY}\n관련기사\n{teasers}\n{AFTER}\n"
    article = clean(text)
    assert [item.line for item in article.removed] == [3, 4, 5]
    assert article.paragraphs == ["AI 업계 동향", BODY, AFTER]


READER_MODE = f"""[홈](/) > [경제](/economy) > [산업](/industry)

# 삼성전자 실적 발표

(서울=연합뉴스) 홍길동 기자 = {BODY}

![삼성전자 사옥](https://img.example.com/1.jpg)

*삼성전자 서초사옥 전경*

[![배너](https://img.example.com/ad.png)](https://ad.example.com)

- 매출은 79조원으로 분기 기준 역대 최대를 기록했다.
- 메모리 가격 반등이 [실적 개선](https://example.com/glossary)을 이끌었다.

**관련기사**

- [삼성전자, 차세대 공정 공개](https://news.example.com/1)
- [LG전자, 북미 매출 최대](https://news.example.com/2)

## 남은 과제는 수율

*{AFTER}*

[홍길동 기자의 다른 기사 보기](https://news.example.com/reporter/1)

[카카오톡](https://s.example.com/k) [페이스북](https://s.example.com/f)

[#삼성전자](https://t.example.com/1) [#반도체](https://t.example.com/2)
"""


def test_reader_mode_markdown_keeps_text_and_drops_links_images_and_captions() -> None:
    article = clean(READER_MODE, "markdown")
    assert article.paragraphs == [
        "삼성전자 실적 발표",
        BODY,
        "매출은 79조원으로 분기 기준 역대 최대를 기록했다.",
        "메모리 가격 반등이 실적 개선을 이끌었다.",
        "남은 과제는 수율",
        AFTER,
    ]
    assert [(item.line, item.reason) for item in article.removed] == [
        (1, "site-chrome"),
        (5, "byline"),
        (7, "image-caption"),
        (9, "image-caption"),
        (11, "image-caption"),
        (16, "related-articles"),
        (18, "related-articles"),
        (19, "related-articles"),
        (25, "subscribe"),
        (27, "site-chrome"),
        (29, "hashtags"),
    ]


def test_markdown_caption_beside_an_image_goes_with_it() -> None:
    image = "![](https://img.example.com/2.jpg)\n물류센터에서 상품을 분류하는 로봇"
    text = f"# 제목\n\n{BODY}\n\n{image}\n\n{AFTER}\n"
    article = clean(text, "markdown")
    assert article.paragraphs == ["제목", BODY, AFTER]
    assert article.removed[0].reason == "image-caption"
