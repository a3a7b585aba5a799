"""Boilerplate removal on the five scraped seeds and on synthetic Korean news pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.text.boilerplate import REASONS, CleanArticle, RemovedLine, clean

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _clean_seed(prefix: str) -> CleanArticle:
    return clean(_seed(prefix))


def _reasons(article: CleanArticle) -> list[tuple[int, str]]:
    return [(item.line, item.reason) for item in article.removed]


# Chrome that must never survive in kept text, written independently of the cleaner's rules.
CHROME = [
    re.compile(pattern)
    for pattern in (
        r"[A-Za-z0-9._-]+@[A-Za-z0-9-]+\.[A-Za-z]",
        r"[©ⓒ]|(?i:copyright)|무단\s*전재|재배포",
        r"^입력\s*\d",
        r"^\d{4}\.\s*\d{2}\.\s*\d{2}$",
        r"기자\s*=",
        r"^[가-힣]{2,4} 기자$",
        r"관련\s*기사|같이 보면 좋은 기사",
        r"댓글|조회\s*\d",
        r"바로가기|전체검색|페이지 정보|회원가입|로그인|profile_image",
        r"사업자|통신판매업|개인정보관리책임자|회사명|접속자",
        r"^\d[\d,]*$|^(오늘|어제|최대|전체)$",
        r"^img$|\((이미지|사진)=|^사진=",
        r"^#\S",
        r"AI요약",
        r"클릭하시면",
        r"^글\. ",
        r"MAGAZINE|economics",
        r"quot;",
    )
]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_kept_paragraph_looks_like_chrome(prefix: str) -> None:
    for paragraph in _clean_seed(prefix).paragraphs:
        for pattern in CHROME:
            assert not pattern.search(paragraph), (pattern.pattern, paragraph)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_every_line_is_kept_or_removed_once(prefix: str) -> None:
    text = _seed(prefix)
    article = clean(text)
    non_empty = [line for line in text.splitlines() if line.strip()]
    assert len(article.paragraphs) + len(article.removed) == len(non_empty)
    assert article.title == article.paragraphs[0]
    assert all(item.reason in REASONS for item in article.removed)
    assert [item.line for item in article.removed] == sorted(item.line for item in article.removed)


def test_seed_000_drops_only_the_dateline() -> None:
    article = _clean_seed("000")
    assert article.removed == [RemovedLine(2, "입력 23.09.21 07:00", "dateline")]
    assert article.title == "엔비디아 AI 독주에 제동 나선 테슬라…'줄타기' 필요한 국내 대기업들"
    assert article.paragraphs[1:5] == [
        "엔비디아 앞 늘어선 칩 구매행렬…'자립' 마친 테슬라",
        "H100發 '황의 법칙'에 복병 부상한 테슬라 'Dojo' 공개",
        "늘어난 AI 투자 부담에 '슈퍼두뇌' 빌려쓰는 '새로운 룰'",
        'AI 주도권 경쟁서 존재감 부각…"국내사도 전략 고민 필요"',
    ]
    assert article.paragraphs[5].startswith('"왜 자동차 회사가 신경망 훈련을 위한')
    assert article.paragraphs[5].endswith("테슬라 AI데이中)")
    assert "H100 앞세운 엔비디아 독식…수년 전 미리 '자립' 끝낸 테슬라" in article.paragraphs
    assert article.paragraphs[-1].startswith("증권사 한 연구원은")
    assert len(article.paragraphs) == 27


def test_seed_001_drops_summary_captions_footer_and_related_articles() -> None:
    article = _clean_seed("001")
    assert _reasons(article) == [
        (3, "ai-summary"),
        (5, "image-caption"),
        (21, "image-caption"),
        (39, "image-caption"),
        (53, "byline"),
        (55, "email"),
        (56, "site-chrome"),
        (57, "copyright"),
        (59, "related-articles"),
        (61, "related-articles"),
        (63, "related-articles"),
        (65, "related-articles"),
        (67, "related-articles"),
        (69, "related-articles"),
        (71, "related-articles"),
        (73, "related-articles"),
        (75, "related-articles"),
    ]
    removed = {item.line: item.text for item in article.removed}
    assert removed[5].endswith("(이미지=테슬라)")
    assert removed[57].startswith("저작권자 © Tech42")
    assert removed[61] == "케이투스, 서울에 차세대 컴퓨팅 솔루션을 위한 최첨단 혁신 센터 공개"
    assert article.title == "일론 머스크의 허풍? 테슬라 AI슈퍼컴 ‘도조’의 진가를 봅시다"
    assert article.paragraphs[1] == (
        "‘논란의 귀재’인 일론 머스크에 가려진 테슬라의 AI 슈퍼컴퓨터 ‘도조’의 가치를 따져보자."
    )
    assert article.paragraphs[-1].startswith("또한 “투자자들은 테슬라가 자동차 제조업체인지")
    assert (
        "테슬라는 7월 기준 4,527,916대의 자동차를 판매했으며, 판매된 차량은 완전한 자율주행차를 "
        "개발하려는 기업의 계획에 따라 모든 운행 데이터를 테슬라로 전송하고 있다."
    ) in article.paragraphs
    assert len(article.paragraphs) == 22


def test_seed_002_drops_magazine_chrome_and_keeps_subheadings() -> None:
    article = _clean_seed("002")
    assert _reasons(article) == [
        (1, "site-chrome"),
        (2, "dateline"),
        (6, "image-caption"),
        (10, "image-caption"),
        (13, "image-caption"),
        (14, "image-caption"),
        (22, "image-caption"),
        (23, "image-caption"),
        (32, "image-caption"),
        (33, "image-caption"),
        (47, "site-chrome"),
        (48, "hashtags"),
        (49, "byline"),
        (50, "copyright"),
    ]
    removed = {item.line: item.text for item in article.removed}
    assert removed[1] == "MAGAZINE / INFORMATION"
    assert removed[14].endswith("©MS")
    assert removed[49] == "글. 김세진(IT 산업 전문 기자)"
    assert article.title == "AI 산업의 절대 반지"
    assert article.paragraphs[:3] == [
        "AI 산업의 절대 반지",
        "‘AI 반도체’의 질주",
        "포스트 엔비디아",
    ]
    for heading in (
        "글로벌 빅테크의 AI 반도체 자체 개발 행보",
        "국가 간 ‘쩐의 전쟁’ 가속",
        "AI 영상 모델 ‘소라’의 등장",
        "포스트 엔비디아와 미래",
    ):
        assert heading in article.paragraphs
    assert article.paragraphs[3].startswith("AI 산업이 격동의 시대로 접어들었다.")
    assert article.paragraphs[-1].startswith("해외에서도 미국 반도체 기업 AMD가")


def test_seed_003_strips_the_byline_prefix_but_keeps_the_sentence() -> None:
    article = _clean_seed("003")
    assert article.removed == [
        RemovedLine(1, "[서울=뉴시스] 오동현 기자 =", "byline"),
        RemovedLine(20, "◎공감언론 뉴시스 odong85@newsis.com", "email"),
        RemovedLine(21, "같이 보면 좋은 기사", "related-articles"),
    ]
    assert article.title == (
        "“테슬라가 10조 달러에 달하는 인공지능(AI) 시장에서 비대칭적 우위를 점할 수 있을 것입니다.”"
    )
    assert "도조 프로젝트" in article.paragraphs
    assert "테슬라-xAI-트위터로 이어지는 머스코노미" in article.paragraphs
    assert article.paragraphs[-1].startswith("이후 오픈AI는 대화형 AI 챗봇 서비스")
    assert len(article.paragraphs) == 19


def test_seed_004_drops_forum_chrome() -> None:
    article = _clean_seed("004")
    assert _reasons(article) == [
        (1, "duplicate"),
        (3, "site-chrome"),
        (4, "site-chrome"),
        (6, "site-chrome"),
        (10, "site-chrome"),
        (12, "site-chrome"),
        (13, "byline"),
        (14, "counter"),
        (16, "site-chrome"),
        (27, "duplicate"),
        (29, "image-caption"),
        (51, "email"),
        (53, "comments"),
        (55, "comments"),
        (57, "site-chrome"),
        (59, "site-chrome"),
        (61, "site-chrome"),
        *[(line, "site-chrome") for line in range(63, 69)],
        *[(line, "counter") for line in range(70, 80) if line != 71],
        (80, "copyright"),
    ]
    removed = {item.line: item.text for item in article.removed}
    assert removed[14] == "댓글 0건 조회 29회 작성일 25-01-30 18:22"
    assert removed[51] == "황정수 기자 hjs@hankyung.com"
    assert article.title == '"값비싼 엔비디아 AI칩 필요한가?" vs "고성능 칩 수요 더 커질 것"'
    assert article.paragraphs[1:8] == [
        "반도체업계서도 엔비디아 지배력 놓고 갑론을박",
        '"AI칩 규모의 법칙 통용 의문"',
        "가성비칩 써도 성능 극대화 가능",
        "엔비디아 매출·수익성 떨어질 것",
        '"딥시크, 고성능칩 5만개 숨겨"',
        "AGI 개발 위해 AI 가속기 필수",
        '메타·MS "AI 투자 안 줄인다"',
    ]
    assert article.paragraphs[8].startswith(
        "딥시크 출현은 세계 인공지능AI 반도체산업에 충격을 줬다."
    )
    assert "고사양 AI칩 써야 AI 기술 발전" in article.paragraphs
    assert article.paragraphs[-1].startswith("갑론을박이 치열한 가운데 빅테크는")
    assert len(article.paragraphs) == 18


YONHAP = """삼성전자, 3분기 영업이익 10조 돌파
송고2023-10-11 08:00
(서울=연합뉴스) 홍길동 기자 = 삼성전자가 3분기 영업이익 10조원을 넘어섰다고 11일 공시했다.
회사 관계자는 "메모리 가격이 반등하면서 수익성이 크게 개선됐다"고 말했다.
삼성전자 서초 사옥 [연합뉴스 자료사진]
증권가에서는 4분기에도 실적 개선세가 이어질 것으로 내다봤다.
hong@yna.co.kr
<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>
2023/10/11 08:00 송고
"""


def test_wire_story_chrome() -> None:
    article = clean(YONHAP)
    assert article.removed == [
        RemovedLine(2, "송고2023-10-11 08:00", "dateline"),
        RemovedLine(3, "(서울=연합뉴스) 홍길동 기자 =", "byline"),
        RemovedLine(5, "삼성전자 서초 사옥 [연합뉴스 자료사진]", "image-caption"),
        RemovedLine(7, "hong@yna.co.kr", "email"),
        RemovedLine(
            8, "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "copyright"
        ),
        RemovedLine(9, "2023/10/11 08:00 송고", "dateline"),
    ]
    assert article.paragraphs == [
        "삼성전자, 3분기 영업이익 10조 돌파",
        "삼성전자가 3분기 영업이익 10조원을 넘어섰다고 11일 공시했다.",
        '회사 관계자는 "메모리 가격이 반등하면서 수익성이 크게 개선됐다"고 말했다.',
        "증권가에서는 4분기에도 실적 개선세가 이어질 것으로 내다봤다.",
    ]


def test_headline_and_teaser_pairs_after_the_article_are_related_articles() -> None:
    text = """테슬라, 새 공장 착공
[이데일리 김철수 기자] 테슬라가 멕시코에 새 공장을 착공했다. 연간 100만대 규모다.
일론 머스크 CEO는 "이번 공장이 차세대 모델 생산의 핵심이 될 것"이라고 말했다.
김철수 기자 kim@edaily.co.kr
ⓒ 이데일리, 무단전재 및 재배포 금지
애플, 신형 아이폰 공개
애플이 신형 아이폰을 공개했다. 이번 제품은 카메라 성능이 크게...
구글, AI 검색 확대
구글이 AI 검색 기능을 전 세계로 확대한다고 밝혔다…
"""
    article = clean(text)
    assert _reasons(article) == [
        (2, "byline"),
        (4, "email"),
        (5, "copyright"),
        (6, "related-articles"),
        (7, "related-articles"),
        (8, "related-articles"),
        (9, "related-articles"),
    ]
    assert article.removed[0].text == "[이데일리 김철수 기자]"
    assert article.paragraphs[1] == "테슬라가 멕시코에 새 공장을 착공했다. 연간 100만대 규모다."
    assert len(article.paragraphs) == 3


def test_related_marker_inside_the_article_keeps_the_rest() -> None:
    text = """정부, 반도체 지원 확대
홍길동 기자
정부가 반도체 산업 지원을 확대한다. 세액공제율을 높이고 인프라 지원도 늘린다.
▶ 관련기사 : 반도체 세액공제 논의 본격화
관련기사
기획재정부는 이번 대책으로 연간 1조원 규모의 세제 지원 효과가 있을 것으로 추산했다.
업계는 환영의 뜻을 밝혔다. 한 관계자는 "투자 확대에 도움이 될 것"이라며 말을 아꼈다...
"""
    article = clean(text)
    assert _reasons(article) == [(2, "byline"), (4, "related-articles"), (5, "related-articles")]
    assert article.paragraphs[-2].startswith("기획재정부는 이번 대책으로")
    assert article.paragraphs[-1].endswith("말을 아꼈다...")


@pytest.mark.parametrize(
    "sentence",
    [
        "저작권자들은 AI 기업이 허락 없이 작품을 학습에 사용했다고 주장했다.",
        "조회수 100만회를 돌파한 영상도 있다.",
        "문의는 press@example.com 으로 보내 달라고 회사 측은 설명했다. 이번 소송은 업계 전반에 "
        "큰 파장을 낳을 것으로 보이며 결과가 주목된다.",
        "2024년 매출은 전년 대비 20% 늘었다.",
        "사용자가 버튼을 클릭하면 AI가 요약문을 만든다.",
        "그는 관련 기사를 모두 읽었다고 말했다.",
        "정부는 새 서비스를 시작했다(무료 제공)",
        "오늘",
        "현직 기자들이 모여 AI 활용법을 논의했다.",
        "(약 54조2,000억 원)에 달한다”며 반도체도 독자 개발한다고 전했다.",
    ],
)
def test_article_sentences_that_resemble_chrome_are_kept(sentence: str) -> None:
    article = clean(f"AI 업계 동향\n{sentence}\n시장은 크게 반응했다.\n")
    assert article.removed == []
    assert article.paragraphs == ["AI 업계 동향", sentence, "시장은 크게 반응했다."]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("입력 2023.09.21 07:00 | 수정 2023.09.21 08:30", "dateline"),
        ("2023년 9월 21일 (목) 오후 3:20", "dateline"),
        ("[OO기자]", "byline"),
        ("홍길동·김철수 기자", "byline"),
        ("기자 xxx@yyy.com", "email"),
        ("저작권자 © 테크42 무단전재 및 재배포 금지", "copyright"),
        ("Copyright © Example News. All rights reserved.", "copyright"),
        ("ⓒ 뉴스1", "copyright"),
        ("▶ 관련기사", "related-articles"),
        ("함께 보면 좋은 뉴스", "related-articles"),
        ("홈 > 뉴스 > 경제", "site-chrome"),
        ("이메일 무단수집 거부", "site-chrome"),
        ("대표전화 : 02-000-0000", "site-chrome"),
        ("──────", "site-chrome"),
        ("조회수 1,234", "counter"),
        ("좋아요 12 · 댓글 3", "counter"),
        ("전체 댓글 0", "comments"),
        ("댓글쓰기", "comments"),
        ("(사진=연합뉴스)", "image-caption"),
        ("테슬라 D1 칩 [테슬라 제공]", "image-caption"),
        ("#반도체 #엔비디아", "hashtags"),
        ("AI 요약: 테슬라 주가가 올랐다.", "ai-summary"),
    ],
)
def test_common_chrome_patterns(line: str, reason: str) -> None:
    body = "테슬라가 도조를 공개했다. 시장은 크게 반응했다."
    article = clean(f"AI 업계 동향\n{body}\n{line}\n{body} 이어서 분석이 나왔다.\n")
    assert _reasons(article) == [(3, reason)]
    assert line not in article.paragraphs


def test_line_prefixes_are_normalised() -> None:
    text = (
        "## 제목 줄\n  • 첫째 항목입니다.  \n▶ 둘째 항목입니다.\n■ 셋째   항목입니다.\n"
        "- 넷째 항목입니다.\n-5% 하락했다.\n&quot;인용&quot; 그리고 quot;깨진 인용quot;\n"
    )
    article = clean(text)
    assert article.paragraphs == [
        "제목 줄",
        "첫째 항목입니다.",
        "둘째 항목입니다.",
        "셋째 항목입니다.",
        "넷째 항목입니다.",
        "-5% 하락했다.",
        '"인용" 그리고 "깨진 인용"',
    ]
    assert article.title == "제목 줄"


def test_repeated_lines_are_duplicates() -> None:
    headline = "엔비디아 AI 독주에 제동 나선 테슬라"
    text = f"{headline} - 테크뉴스\n{headline}\n본문 문장이다.\n본문  문장이다.\n"
    article = clean(text)
    assert _reasons(article) == [(1, "duplicate"), (4, "duplicate")]
    assert article.paragraphs == [headline, "본문 문장이다."]


def test_visitor_label_needs_a_number_after_it() -> None:
    article = clean("제목\n오늘\n1,234\n전체\n테슬라가 도조를 공개했다.\n")
    assert _reasons(article) == [(2, "counter"), (3, "counter")]
    assert article.paragraphs == ["제목", "전체", "테슬라가 도조를 공개했다."]


MARKDOWN = """# 테슬라 도조의 진가

입력 2023.09.21 07:00

[서울=뉴시스] 오동현 기자 = 테슬라가 자체 설계한
D1 칩의 대규모 양산에 돌입했다.

> 머스크는 "도조가 세계에서 가장 강력한
> 슈퍼컴퓨터가 될 것"이라고 말했다.

![도조 칩](dojo.png)

- 모건스탠리는 목표 주가를 올렸다.
- 도조의 가치가 **5000억달러**에 달할 수 있다는 [보고서](http://example.com)가 나왔다.

<div class="ad">광고</div>

홍길동 기자 hong@newsis.com

## 관련 기사

다른 뉴스 제목
"""


def test_markdown_blocks_are_joined_and_marks_stripped() -> None:
    article = clean(MARKDOWN, "markdown")
    assert article.title == "테슬라 도조의 진가"
    assert article.paragraphs == [
        "테슬라 도조의 진가",
        "테슬라가 자체 설계한 D1 칩의 대규모 양산에 돌입했다.",
        '머스크는 "도조가 세계에서 가장 강력한 슈퍼컴퓨터가 될 것"이라고 말했다.',
        "모건스탠리는 목표 주가를 올렸다.",
        "도조의 가치가 5000억달러에 달할 수 있다는 보고서가 나왔다.",
    ]
    assert article.removed == [
        RemovedLine(3, "입력 2023.09.21 07:00", "dateline"),
        RemovedLine(5, "[서울=뉴시스] 오동현 기자 =", "byline"),
        RemovedLine(11, "![도조 칩](dojo.png)", "image-caption"),
        RemovedLine(16, '<div class="ad">광고</div>', "site-chrome"),
        RemovedLine(18, "홍길동 기자 hong@newsis.com", "email"),
        RemovedLine(20, "관련 기사", "related-articles"),
        RemovedLine(22, "다른 뉴스 제목", "related-articles"),
    ]


def test_html_text_is_cleaned_like_plain_text() -> None:
    assert clean(YONHAP, "html") == clean(YONHAP)


def test_empty_text_has_no_title() -> None:
    assert clean("\n  \n") == CleanArticle(title=None, paragraphs=[], removed=[])


def test_unknown_format_is_rejected() -> None:
    with pytest.raises(ValueError, match="pdf"):
        clean("본문", "pdf")
