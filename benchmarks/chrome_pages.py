"""Synthetic Korean news pages with site chrome inside the article, for benchmarks/boilerplate.py.

Each page mixes one story of benchmarks/chrome_stories.py with chrome pieces made here from
templates (not from seeds/): a dateline prefix on the first body line, photo captions, inline
related-article links, "기자의 다른 기사 보기" and subscribe prompts, like/comment/share
counters, hashtag lines, breadcrumbs, Korean and English copyright lines, bylines and
datelines; a third of the pages are reader-mode Markdown scrapes (links, image lines, list
markers). The generator is deterministic for a seed, and every page knows its article
sentences and its chrome pieces.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.chrome_stories import STORIES

SEED = 20
PAGES = 300


@dataclass(frozen=True)
class Piece:
    """One chrome piece: its kind, the page text it became and what of it reads as plain text."""

    kind: str
    text: str
    visible: str


@dataclass(frozen=True)
class Page:
    name: str
    format: str  # "text" or "markdown"
    text: str
    sentences: tuple[str, ...]  # headline, subheadings and body sentences, in page order
    chrome: tuple[Piece, ...]


SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ("민준", "서연", "지훈", "하은", "도윤", "수빈", "현우", "지민", "성호", "은지", "태영")
OUTLETS = (
    "연합뉴스", "뉴시스", "뉴스1", "이데일리", "머니투데이", "아시아경제", "헤럴드경제",
    "서울경제", "파이낸셜뉴스", "디지털데일리", "전자신문", "조선비즈", "뉴스핌", "더팩트",
)  # fmt: skip
ENGLISH_OUTLETS = (
    "Yonhap News Agency", "The Korea Herald", "Maeil Business Newspaper", "Newsis",
    "News1 Korea", "Edaily", "The Korea Times", "Digital Daily",
)  # fmt: skip
PLACES = ("서울", "세종", "부산", "대전", "수원", "워싱턴", "뉴욕", "베이징", "도쿄", "런던")
AGENCIES = ("연합뉴스", "뉴시스", "뉴스1", "게티이미지뱅크", "AP", "AFP", "로이터", "EPA")
COMPANIES = ("삼성전자", "SK하이닉스", "현대차", "LG전자", "네이버", "카카오", "서울시", "쿠팡")
SECTIONS = ("경제", "산업", "IT/과학", "사회", "정치", "국제", "증권", "부동산", "생활/문화")
TAGS = ("삼성전자", "반도체", "HBM", "AI", "전기차", "네이버", "구독경제", "폭염", "물류", "세법")
SCENES = (
    "지난 10일 서울 강남구 코엑스에서 열린 전시회에서 관람객들이 신제품을 살펴보고 있다",
    "경기 이천의 반도체 공장 전경",
    "한 직원이 생산 라인을 점검하고 있다",
    "기자간담회에서 발언하는 대표이사",
    "서울 여의도 증권가의 모습",
    "시민들이 횡단보도를 건너고 있다",
    "물류센터에서 상품을 분류하는 로봇",
)
TEASERS = (
    "삼성전자, 차세대 파운드리 공정 공개",
    "[단독] 현대차, 인도 공장 증설 검토",
    '"AI 반도체 수요 꺾이지 않는다"',
    "LG전자, 북미 가전 매출 역대 최대",
    "카카오톡 개편 한 달…이용자 반응은",
    "금리 인하 기대에 코스피 2900 회복",
    "[르포] 새벽 배송 현장을 가다",
)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _date(rng: random.Random) -> str:
    month, day, hour = rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23)
    return f"2025.{month:02d}.{day:02d} {hour:02d}:{rng.randint(0, 59):02d}"


def _url(rng: random.Random) -> str:
    return f"https://news.example.co.kr/article/{rng.randint(100000, 999999)}"


def _one(kind: str, text: str) -> list[Piece]:
    return [Piece(kind, text, text.lstrip("▶▷☞▲-* "))]


def dateline_prefix(rng: random.Random) -> str:
    name, place, outlet = _name(rng), rng.choice(PLACES), rng.choice(OUTLETS)
    role = rng.choice(("기자", "기자", "특파원", "선임기자"))
    return rng.choice(
        (
            f"({place}={outlet}) {name} {role} = ",
            f"[{place}={outlet}] {name} {role} = ",
            f"【{place}={outlet}】{name} {role} = ",
            f"({place}={outlet}) {name} {_name(rng)} 기자 = ",
            f"[{outlet} {name} {role}] ",
            f"[{outlet}={name} {role}] ",
            f"{name} {role} = ",
            f"[{place}={outlet}] ",
            f"({place}={outlet}) {name} {role}＝",
            f"({place}={outlet}) {name} {_name(rng)} {_name(rng)} 기자 = ",
            f"[{outlet} {name} 기자, {_name(rng)} 기자] ",
            f"[{outlet}({place})={name} {role}] ",
            f"[{outlet}] ",
            f"<{outlet}> {name} {role} = ",
            f"[{outlet} = {name} {role}] ",
        )
    )


def caption(rng: random.Random, markdown: bool) -> list[Piece]:
    scene, agency, company = rng.choice(SCENES), rng.choice(AGENCIES), rng.choice(COMPANIES)
    text = rng.choice(
        (
            f"{scene} (사진={agency})",
            f"{scene}. [사진={agency}]",
            f"{scene}. /{agency}",
            f"{scene}. /사진={agency}",
            f"▲ {scene} ({company} 제공)",
            f"{scene} [{company} 제공]",
            f"{scene}. 사진 제공={company}",
            f"{scene} ⓒ{agency}",
            f"{scene} [{agency} 자료사진]",
            f"사진={agency}",
            f"(출처: {agency})",
            f"[사진] {scene}",
            f"사진설명: {scene}",
            f"{scene}. <사진: {company}>",
            f"▲ {scene}. ⓒ{agency}",
            f"{scene}. 2025.3.10/{agency}",
            f"사진: {agency}",
            f"<사진={agency}>",
            f"이미지 출처 = {agency}",
            f"(그래픽={_name(rng)} 기자)",
            f"[포토] {scene}",
        )
    )
    if not markdown:
        return _one("caption", text)
    image = f"![{scene}](https://img.example.co.kr/{rng.randint(1000, 9999)}.jpg)"
    layout = rng.randrange(4)
    if layout == 0:  # the image alone
        return [Piece("image", image, "")]
    if layout == 1:  # the caption under the image, in the same paragraph
        return [Piece("caption", f"{image}\n{scene}", scene)]
    if layout == 2:  # a caption paragraph in italics after the image
        return [Piece("image", image, ""), Piece("caption", f"*{scene}*", scene)]
    return [Piece("image", image, ""), Piece("caption", text, text)]


def related(rng: random.Random, markdown: bool) -> list[Piece]:
    teasers = rng.sample(TEASERS, 3)
    if markdown and rng.random() < 0.6:
        marker = rng.choice(("**관련기사**", "### 관련 기사", "관련기사"))
        bullet = rng.choice("-*")
        return [Piece("related", marker, marker.strip("*# "))] + [
            Piece("related", f"{bullet} [{teaser}]({_url(rng)})", teaser) for teaser in teasers
        ]
    if markdown:
        return [Piece("related", f"[{teasers[0]}]({_url(rng)})", teasers[0])]
    form = rng.randrange(6)
    if form == 4:
        return _one(
            "related",
            rng.choice(("※ 관련 기사: ", "<관련기사> ", "[함께 읽으면 좋은 기사] ", "→ "))
            + teasers[0],
        )
    if form == 5:
        return _one(
            "related", rng.choice(("▶ 관련 기사 보기", "☞ 관련기사 바로가기", "관련기사 더보기"))
        )
    if form == 0:
        return _one(
            "related", rng.choice(("▶ 관련기사: ", "[관련기사] ", "관련기사 : ")) + teasers[0]
        )
    if form == 1:
        return _one("related", f"{rng.choice('▶☞▷')} {teasers[0]}")
    marker = rng.choice(
        ("관련기사", "[관련 뉴스]", "▶ 관련 기사", "함께 보면 좋은 기사", "[관련기사]")
    )
    arrow = rng.choice(("", "▷ ", "- ", "· ", "■ "))
    return [Piece("related", marker, marker)] + [
        Piece("related", f"{arrow}{teaser}", teaser) for teaser in teasers[:2]
    ]


def more_articles(rng: random.Random, markdown: bool) -> list[Piece]:
    name, outlet = _name(rng), rng.choice(OUTLETS)
    text = rng.choice(
        (
            f"{name} 기자의 다른 기사 보기",
            f"{name} 기자 다른 기사 보기 >",
            f"{name} 기자 구독하기",
            f"{name} 기자 구독",
            "기자 구독하고 기사 알림 받기",
            "구독 좋아요 알림설정",
            f"네이버에서 {outlet} 구독하기",
            f"▶ 네이버 메인에서 {outlet} 받아보기",
            f"{outlet} 네이버 채널을 구독해 주세요!",
            "뉴스레터 무료 구독하기",
            "카카오톡 채널 추가하고 소식 받아보세요",
            "유튜브 구독과 좋아요 부탁드립니다",
            "이 기사가 도움이 되셨다면 좋아요를 눌러주세요",
            "이 기사를 추천합니다",
            f"▶ {name} 기자의 다른 기사 더보기",
            f"{name} 기자 페이지 바로가기",
            "[구독] 아침 뉴스레터 받아보기",
            "지금 구독하고 매일 아침 받아보세요",
            "기자 프로필",
        )
    )
    if markdown and rng.random() < 0.5:
        return [Piece("subscribe", f"[{text}]({_url(rng)})", text)]
    return _one("subscribe", text)


def counter(rng: random.Random, markdown: bool) -> list[Piece]:
    n = [rng.randint(0, 999) for _ in range(5)]
    text = rng.choice(
        (
            f"좋아요 {n[0]} 댓글 {n[1]} 공유",
            f"조회 {n[0] * 37:,}",
            f"♥ {n[0]}  💬 {n[1]}",
            f"좋아요 {n[0]} | 댓글 {n[1]} | 공유 {n[2]}",
            f"추천 {n[0]} 비추천 {n[1]}",
            f"좋아요 {n[0]} 훈훈해요 {n[1]} 슬퍼요 {n[2]} 화나요 {n[3]} 후속요청 {n[4]}",
            f"쏠쏠정보 {n[0]} 흥미진진 {n[1]} 공감백배 {n[2]} 분석탁월 {n[3]} 후속강추 {n[4]}",
            f"👍 {n[0]}",
            f"댓글 {n[0]}개",
            f"{n[0]} likes · {n[1]} comments · Share",
            "공유하기 | 스크랩 | 인쇄 | 글자크기",
            "카카오톡 페이스북 트위터 URL복사",
            f"조회수 {n[0]:,} · 댓글 {n[1]}",
            f"공감 {n[0]} 비공감 {n[1]}",
            f"좋아요 {n[0] / 100:.1f}K",
            f"♡ 좋아요 {n[0]}",
            f"👍 좋아요 {n[0]} 💬 댓글 {n[1]} 🔗 공유",
        )
    )
    if markdown and text.startswith("카카오톡"):
        text = " ".join(f"[{word}]({_url(rng)})" for word in text.split())
        return [Piece("counter", text, "카카오톡 페이스북 트위터 URL복사")]
    return _one("counter", text)


def hashtags(rng: random.Random, markdown: bool) -> list[Piece]:
    tags = rng.sample(TAGS, rng.randint(2, 4))
    if markdown and rng.random() < 0.4:
        text = " ".join(f"[#{tag}]({_url(rng)})" for tag in tags)
        return [Piece("hashtags", text, " ".join(f"#{tag}" for tag in tags))]
    text = rng.choice(
        (
            " ".join(f"#{tag}" for tag in tags),
            "".join(f"#{tag}" for tag in tags),
            ", ".join(f"#{tag}" for tag in tags),
            "태그: " + " ".join(f"#{tag}" for tag in tags),
            "키워드 : " + ", ".join(tags),
            "Tags: " + ", ".join(tags),
            "관련 태그 : " + ", ".join(tags),
        )
    )
    return _one("hashtags", text)


def breadcrumb(rng: random.Random, markdown: bool) -> list[Piece]:
    section, sub = rng.sample(SECTIONS, 2)
    if markdown and rng.random() < 0.5:
        text = f"[홈](/) > [{section}](/{len(section)}) > [{sub}](/{len(sub)})"
        return [Piece("breadcrumb", text, f"홈 > {section} > {sub}")]
    text = rng.choice(
        (
            f"홈 > {section} > {sub}",
            f"HOME > {section}",
            f"홈>{section}>{sub}",
            f"뉴스홈 | {section} | {sub}",
            f"{section} › {sub}",
            "Home > Economy > Industry",
            f"뉴스 > {section} > {sub}",
            f"홈 | {section}",
            f"전체기사 > {section}",
            "Home › News › Tech",
        )
    )
    return _one("breadcrumb", text)


def copyright_line(rng: random.Random, markdown: bool) -> list[Piece]:
    english, outlet, year = (
        rng.choice(ENGLISH_OUTLETS),
        rng.choice(OUTLETS),
        rng.randint(2015, 2025),
    )
    text = rng.choice(
        (
            f"Copyright © {year} {english}. All rights reserved.",
            f"© {year} {english}",
            f"(c) {year} {english}",
            f"Copyrights Ⓒ {english}, All Rights Reserved",
            "Unauthorized reproduction and redistribution prohibited.",
            f"<저작권자 ⓒ {outlet}, 무단 전재 및 재배포 금지>",
            f"Copyright(C) {english}. All Rights Reserved.",
            f"Copyright by {english}",
            f"All contents © {year} {english}",
            "Unauthorized copying and redistribution are prohibited.",
            "This article is protected by copyright.",
        )
    )
    kind = "copyright (Korean)" if "저작권자" in text else "copyright (English)"
    return _one(kind, text)


def byline(rng: random.Random, markdown: bool) -> list[Piece]:
    name = _name(rng)
    text = rng.choice(
        (
            f"{name} 기자 user{rng.randint(1, 99)}@example.co.kr",
            f"{name} 기자",
            f"입력 {_date(rng)} | 수정 {_date(rng)}",
            f"기사입력 {_date(rng)} | {name} 기자",
            f"발행일 : {_date(rng)[:10]}",
        )
    )
    return _one("byline/dateline", text)


Maker = Callable[[random.Random, bool], list[Piece]]
INNER: tuple[Maker, ...] = (caption, caption, related, more_articles, counter, hashtags)
HEAD: tuple[Maker, ...] = (breadcrumb, byline, counter, caption)
TAIL: tuple[Maker, ...] = (byline, more_articles, counter, hashtags, copyright_line, related)


def _block(text: str, markdown: bool) -> str:
    return f"{text}\n\n" if markdown else f"{text}\n"


def page(index: int, rng: random.Random) -> Page:
    """One page: chrome before the headline, around and between paragraphs and at the end."""
    story = STORIES[index % len(STORIES)]
    markdown = index % 3 == 2
    out: list[str] = []
    sentences: list[str] = []
    chrome: list[Piece] = []

    def add(pieces: list[Piece]) -> None:
        chrome.extend(pieces)
        out.extend(_block(piece.text, markdown) for piece in pieces)

    for maker in rng.sample(HEAD, rng.randint(0, 2)):
        add(maker(rng, markdown))
    out.append(_block(f"# {story.headline}" if markdown else story.headline, markdown))
    sentences.append(story.headline)
    subheadings = list(story.subheadings)
    for number, paragraph in enumerate(story.paragraphs):
        line = " ".join(paragraph)
        if number == 0 and rng.random() < 0.8:
            prefix = dateline_prefix(rng)
            chrome.append(Piece("dateline prefix", prefix, prefix.strip()))
            line = prefix + line
        if number > 0 and subheadings and rng.random() < 0.4:
            heading = subheadings.pop(0)
            out.append(_block(f"## {heading}" if markdown else heading, markdown))
            sentences.append(heading)
        if markdown and number > 1 and rng.random() < 0.2:
            line = f"{rng.choice('-*')} {line}"  # a list item of article text
        out.append(_block(line, markdown))
        sentences.extend(paragraph)
        if number < len(story.paragraphs) - 1 and rng.random() < 0.5:
            add(rng.choice(INNER)(rng, markdown))
    for maker in rng.sample(TAIL, rng.randint(1, 4)):
        add(maker(rng, markdown))
    return Page(
        name=f"page{index:03d}",
        format="markdown" if markdown else "text",
        text="".join(out),
        sentences=tuple(sentences),
        chrome=tuple(chrome),
    )


def pages(count: int = PAGES, seed: int = SEED) -> list[Page]:
    rng = random.Random(seed)
    return [page(index, rng) for index in range(count)]
