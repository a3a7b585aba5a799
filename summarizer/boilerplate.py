"""Strip scraped-site boilerplate from Korean news text, keeping every article sentence.

Each non-empty source line (for markdown: each block) is one unit. A unit is removed with one
of these reasons:

- ``dateline``: publication dates and times ("입력 23.09.21 07:00", "2024. 05. 07").
- ``byline``: reporter or author lines ("류정민 기자", "글. 김세진(…)", "작성자 …") and the
  "[서울=뉴시스] 오동현 기자 =" prefix of a body line (only the prefix is removed).
- ``email``: short lines carrying an e-mail address ("◎공감언론 뉴시스 odong85@newsis.com").
- ``copyright``: "저작권자 © … 무단전재 및 재배포 금지", "Copyright ©", "ⓒ 연합뉴스".
- ``related-articles``: "관련 기사" / "같이 보면 좋은 기사" markers; after the article has ended
  (a byline, e-mail or copyright line following the body), everything after such a marker and
  headline + truncated-teaser pairs.
- ``site-chrome``: navigation, search, login, forum UI, breadcrumbs, company footers.
- ``counter``: view, comment and visitor counts and their bare numbers.
- ``comments``: comment-section headers ("댓글목록", "등록된 댓글이 없습니다").
- ``image-caption``: image placeholders ("img"), captions with a credit ("(사진=…)", "©MS").
- ``hashtags``: keyword tag lines ("#IT기술 #AI산업").
- ``ai-summary``: a publisher's machine summary ("[AI요약] …"), which repeats the article.
- ``duplicate``: a repeated line, or a page title ("헤드라인 > 섹션 | section") repeating the
  headline found on another line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

REASONS: tuple[str, ...] = (
    "dateline",
    "byline",
    "email",
    "copyright",
    "related-articles",
    "site-chrome",
    "counter",
    "comments",
    "image-caption",
    "hashtags",
    "ai-summary",
    "duplicate",
)


@dataclass(frozen=True)
class RemovedLine:
    """A removed unit (or line prefix): 1-based source line, its text, a reason from REASONS."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class CleanArticle:
    """The kept units in order; the first one is the headline."""

    title: str | None
    paragraphs: list[str]
    removed: list[RemovedLine]


@dataclass(frozen=True)
class _Unit:
    line: int
    text: str  # tidied text that the rules judge and that is kept
    source: str  # the stripped source text, reported when the unit is removed


_BULLET = re.compile(r"^(?:[•·▶►▷▸■□◆◇●○◎☞※★☆]\s*|[-*+]\s+)+")
_HEADING = re.compile(r"^#{1,6}\s+")
_BROKEN_ENTITY = re.compile(r"(?<![A-Za-z&])(quot|apos|amp|lt|gt|nbsp);")
_ENTITY_CHARS = {"quot": '"', "apos": "'", "amp": "&", "lt": "<", "gt": ">", "nbsp": " "}

_NAME = r"[가-힣]{2,4}"
_NAMES = rf"{_NAME}(?:\s*[·,/]\s*{_NAME})*"
_ROLE = (
    r"(?:선임|수석|객원|인턴|전문|사진|영상)?\s*"
    r"(?:기자|특파원|논설위원|통신원|칼럼니스트|에디터|앵커|PD)"
)
_PLACE = r"[가-힣A-Za-z]{1,10}\s*=\s*[가-힣A-Za-z0-9 ]{1,20}"
_PHOTO = r"(?:사진|이미지|그래픽|자료|출처|영상|캡처|사진\s*제공|제공)"
_BYLINE_PREFIX = re.compile(
    rf"^(?:(?:[\[(【]\s*{_PLACE}\s*[\])】]\s*)?{_NAMES}\s*(?:[가-힣]{{2,6}}\s+)?{_ROLE}\s*=\s*"
    rf"|[\[(【][^\])】]{{0,30}}(?:기자|특파원)\s*[\])】]\s*"
    rf"|[\[(【]\s*(?!{_PHOTO}\s*=){_PLACE}\s*[\])】]\s*)"
)
_BYLINE = re.compile(
    rf"[/—-]?\s*(?:{_NAMES}\s*(?:[가-힣]{{2,6}}\s+)?{_ROLE}"
    rf"|[\[(【<][^\])】>]{{0,30}}(?:기자|특파원)\s*[\])】>]"
    rf"|(?:글|사진|글\s*[·/]\s*사진|정리|취재|기고|editor|writer)\s*[.:·=|]?\s*{_NAMES}"
    rf"(?:\s*[(（][^)）]{{0,40}}[)）])?"
    r"|(?:작성자|글쓴이)\s*[:：]?\s*\S{1,20})",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_COPYRIGHT = re.compile(
    r"copyright|all\s+rights\s+reserved|저작권자\s*(?:[©ⓒ]|\(c\))|무단\s*(?:전재|복제)"
    r"|재배포\s*금지|[©ⓒ]",
    re.IGNORECASE,
)
_COPYRIGHT_WORDS = re.compile(r"copyright|rights|저작권|무단|재배포", re.IGNORECASE)
_CREDIT_CAPTION = re.compile(
    rf"(?:[\[(]\s*{_PHOTO}\s*[=:/][^\])]{{1,40}}[\])]"
    rf"|\[[^\]]{{1,30}}(?:사진|이미지|그래픽|제공)\s*\]"
    rf"|\S.{{9,}}\s[©ⓒ]\s*[\w.&\- ]{{1,30}})$"
)
_CREDIT_ONLY = re.compile(rf"[\[(]?\s*{_PHOTO}\s*[=:/]\s*[^\])]{{1,40}}[\])]?")
_IMAGE_PLACEHOLDER = re.compile(
    r"img|image|photo|picture|사진|이미지|그래픽|\[(?:사진|이미지|그래픽)\]", re.IGNORECASE
)

_DATE = (
    r"(?:\d{4}|\d{2})\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*일?\.?"
    r"(?:\s*\([월화수목금토일]\))?"
    r"(?:\s*(?:오전|오후|AM|PM)?\s*\d{1,2}\s*[:시]\s*\d{2}(?:\s*[:분]\s*\d{2})?초?)?"
)
_DATE_LABEL = (
    r"(?:입력|수정|승인|등록|게재|발행|송고|업데이트|기사\s*입력|최종\s*수정"
    r"|작성일|등록일|수정일|입력일|posted|updated|published)\s*[:：]?"
)
_HAS_DATE = re.compile(_DATE)
_DATE_TOKENS = re.compile(rf"{_DATE_LABEL}|{_DATE}", re.IGNORECASE)
_COUNT = r"(?:댓글|조회수?|추천|비추천|공감|좋아요|스크랩|공유)\s*[:：]?\s*[\d,]+\s*[건회개명]?"
_HAS_COUNT = re.compile(_COUNT)
_META_TOKENS = re.compile(
    rf"{_COUNT}|{_DATE_LABEL}\s*{_DATE}|(?:작성자|글쓴이)\s*[:：]?\s*\S{{1,20}}", re.IGNORECASE
)
_TOKEN_SEPARATORS = re.compile(r"[\s|/·,]+")
_BARE_NUMBER = re.compile(r"[\d,.]+")
_VISITOR_LABEL = re.compile(r"(?:오늘|어제|최대|전체|today|yesterday|max|total)", re.IGNORECASE)
_VISITOR = re.compile(
    r"(?:접속자|방문자)\s*(?:집계|통계|수)|(?:현재\s*접속자|오늘|어제|최대|전체|today|yesterday"
    r"|max|total)\s*[:：]?\s*[\d,]+",
    re.IGNORECASE,
)
_COMMENTS = re.compile(
    r"(?:댓글\s*(?:목록|쓰기|작성|달기|보기|남기기)|전체\s*댓글\s*[\d,]*\s*개?"
    r"|등록된\s*댓글이\s*없습니다|첫\s*(?:번째\s*)?댓글을\s*남겨\s*(?:주세요|보세요)"
    r"|댓글을\s*(?:입력|작성)해\s*주세요|comments?)\.?",
    re.IGNORECASE,
)
_HASHTAGS = re.compile(r"#[^\s#]+(?:\s+#[^\s#]+)*")
_AI_SUMMARY = re.compile(r"(?:[\[(【]\s*AI\s*요약\s*[\])】]|AI\s*요약\s*[:：]|AI\s*요약$)")
_RELATED = (
    r"(?:관련\s*(?:기사|뉴스)|(?:같이|함께)\s*(?:보면\s*좋은|볼\s*만한|읽으면\s*좋은)\s*(?:기사|뉴스)"
    r"|추천\s*기사|많이\s*본\s*(?:기사|뉴스)|(?:실시간\s*)?인기\s*기사|주요\s*(?:기사|뉴스)"
    r"|최신\s*(?:기사|뉴스)|이\s*기사와\s*함께\s*본\s*기사|related\s*(?:articles|stories|news))"
)
_RELATED_MARKER = re.compile(rf"[\[【<(]?\s*{_RELATED}\s*[\]】>)◀◁]?\s*[:：]?", re.IGNORECASE)
_RELATED_INLINE = re.compile(rf"[\[【<(]?\s*{_RELATED}\s*[\]】>)]?\s*[:：]\s*\S", re.IGNORECASE)
_CHROME_PHRASES = frozenset(
    (
        "본문바로가기",
        "메뉴바로가기",
        "주메뉴바로가기",
        "하단메뉴바로가기",
        "사이트내전체검색",
        "전체검색",
        "검색",
        "상세검색",
        "검색어를입력하세요",
        "페이지정보",
        "본문",
        "기사본문",
        "회원로그인",
        "로그인",
        "로그아웃",
        "회원가입",
        "사이트정보",
        "아이디/비밀번호찾기",
        "자동로그인",
        "목록",
        "이전글",
        "다음글",
        "글쓰기",
        "공유하기",
        "기사공유",
        "인쇄",
        "인쇄하기",
        "프린트",
        "스크랩",
        "글자크기",
        "글자크기조절",
        "맨위로",
        "위로",
        "top",
        "구독",
        "구독하기",
        "기자구독",
        "기자의다른기사보기",
        "다른기사보기",
        "기자의다른기사",
        "기사제보",
        "카카오톡",
        "페이스북",
        "트위터",
        "url복사",
        "링크복사",
        "주소복사",
        "닫기",
        "메뉴",
        "전체메뉴",
        "홈",
        "home",
        "이메일무단수집거부",
        "개인정보처리방침",
        "이용약관",
        "청소년보호정책",
        "광고문의",
        "제휴문의",
        "회사소개",
        "사이트맵",
        "오시는길",
        "고객센터",
        "전체기사",
        "신고",
        "신고하기",
        "좋아요",
        "공유",
    )
)
_FOOTER_LABEL = re.compile(
    r"(?:회사명|상호|법인명|대표자?|대표이사|발행인|편집인|발행\s*·?\s*편집인|주소|소재지"
    r"|사업자\s*(?:등록)?\s*번호|(?:대표\s*)?전화(?:번호)?|팩스|fax|tel|통신판매업?\s*신고\s*번호"
    r"|개인정보\s*(?:관리|보호)?\s*책임자|청소년\s*보호\s*책임자|등록\s*번호|등록\s*일자?"
    r"|고객센터)\s*[:：]",
    re.IGNORECASE,
)
_BREADCRUMB_SEP = re.compile(r"\s+(?:[>|/›»]|::)\s+")
_SENTENCE_MARK = re.compile(r"[.?!\"“”‘’']")
_MARKUP_TOKEN = re.compile(r"[a-z]+(?:_[a-z]+)+")
_READER_UI = re.compile(r"(?:클릭|터치)\s*하(?:시면|세요|십시오)")
_TITLE_SEP = re.compile(r"\s+(?:[>|›»\-–—]|::)\s+")
_TEASER_END = ("...", "…", "..")
_END_SIGNALS = frozenset({"byline", "email", "copyright"})
_PROSE = re.compile(r".{20,}[.!?\"”’']")
TITLE_MAX_CHARS = 160
"""Longest first paragraph taken as the title (Korean headlines run to about 60 characters)."""


def clean(text: str, format: str = "text") -> CleanArticle:
    """Split `text` ("text", "markdown" or "html"-extracted) into kept paragraphs and removals."""
    if format not in ("text", "markdown", "html"):
        raise ValueError(f"unknown article format: {format!r}")
    removed: list[RemovedLine] = []
    units = _markdown_units(text, removed) if format == "markdown" else _text_units(text)
    units = [_strip_byline_prefix(unit, removed) for unit in units]
    reasons = [_reason(unit.text) for unit in units]
    _mark_context(units, reasons)
    _mark_tail(units, reasons)
    _mark_duplicates(units, reasons)
    kept: list[str] = []
    for unit, reason in zip(units, reasons, strict=True):
        if reason is None:
            kept.append(unit.text)
        else:
            removed.append(RemovedLine(unit.line, unit.source, reason))
    removed.sort(key=lambda item: item.line)
    return CleanArticle(title=_title(kept), paragraphs=kept, removed=removed)


def _title(paragraphs: list[str]) -> str | None:
    """The first paragraph when it is headline-sized; a long first paragraph is body text."""
    if paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        return paragraphs[0]
    return None


def _tidy(text: str) -> str:
    """Collapse whitespace and repair HTML entities, including ones that lost their '&'."""
    if "&" in text:
        text = html.unescape(text)
    text = _BROKEN_ENTITY.sub(lambda m: _ENTITY_CHARS[m.group(1)], text)
    return " ".join(text.split())


def _text_units(text: str) -> list[_Unit]:
    units = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _tidy(_HEADING.sub("", _BULLET.sub("", raw.strip())))
        if line:
            units.append(_Unit(number, line, raw.strip()))
    return units


def _markdown_units(text: str, removed: list[RemovedLine]) -> list[_Unit]:
    """One unit per paragraph, heading or list item, with hard-wrapped lines joined."""
    from markdown_it import MarkdownIt

    units = []
    for token in MarkdownIt("commonmark").parse(text):
        if token.map is None:
            continue
        first = token.map[0] + 1
        if token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            line = _tidy(_BULLET.sub("", "".join(parts).strip()))
            if line:
                units.append(_Unit(first, line, token.content.strip()))
            elif token.content.strip():
                removed.append(RemovedLine(first, token.content.strip(), "image-caption"))
        elif token.type in ("fence", "code_block"):
            start = first + 1 if token.type == "fence" else first
            for offset, raw in enumerate(token.content.splitlines()):
                if raw.strip():
                    units.append(_Unit(start + offset, _tidy(raw), raw.strip()))
        elif token.type == "html_block":
            removed.append(RemovedLine(first, token.content.strip(), "site-chrome"))
    return units


def _strip_byline_prefix(unit: _Unit, removed: list[RemovedLine]) -> _Unit:
    """Remove a "[서울=뉴시스] 홍길동 기자 =" prefix from a body line, recording it."""
    match = _BYLINE_PREFIX.match(unit.text)
    if match is None or not unit.text[match.end() :].strip():
        return unit
    removed.append(RemovedLine(unit.line, match.group(0).strip(), "byline"))
    rest = unit.text[match.end() :].strip()
    return _Unit(unit.line, rest, rest)


def _reason(text: str) -> str | None:
    """The reason a unit is boilerplate judged on its own text, or None to keep it."""
    if _AI_SUMMARY.match(text):
        return "ai-summary"
    if _IMAGE_PLACEHOLDER.fullmatch(text) or _CREDIT_ONLY.fullmatch(text):
        return "image-caption"
    if len(text) <= 200 and _CREDIT_CAPTION.search(text) and not _COPYRIGHT_WORDS.search(text):
        return "image-caption"
    if len(text) <= 150 and _COPYRIGHT.search(text):
        return "copyright"
    if _EMAIL.search(text) and len(_EMAIL.sub("", text).strip()) <= 40:
        return "email"
    if _HAS_DATE.search(text) and _only_tokens(_DATE_TOKENS, text):
        return "dateline"
    if _HAS_COUNT.search(text) and _only_tokens(_META_TOKENS, text):
        return "counter"
    if _BYLINE.fullmatch(text):
        return "byline"
    if _BARE_NUMBER.fullmatch(text) or _VISITOR.fullmatch(text):
        return "counter"
    if _COMMENTS.fullmatch(text):
        return "comments"
    if _HASHTAGS.fullmatch(text):
        return "hashtags"
    if _RELATED_MARKER.fullmatch(text) or _RELATED_INLINE.match(text):
        return "related-articles"
    if _is_site_chrome(text):
        return "site-chrome"
    return None


def _only_tokens(tokens: re.Pattern[str], text: str) -> bool:
    """True when `text` is nothing but `tokens` and separators (linear, unlike a repeated group)."""
    return not _TOKEN_SEPARATORS.sub("", tokens.sub("", text))


def _is_site_chrome(text: str) -> bool:
    key = text.replace(" ", "").lower().rstrip(".")
    if key in _CHROME_PHRASES or _FOOTER_LABEL.match(text) or _MARKUP_TOKEN.fullmatch(text):
        return True
    if not any(char.isalnum() for char in text):
        return True
    if len(text) <= 80 and _READER_UI.search(text):
        return True
    return _is_breadcrumb(text)


def _is_breadcrumb(text: str) -> bool:
    """Short "A > B" / "A | B" / "A / B" labels made of short segments and no sentence."""
    if len(text) > 60 or text.startswith("|") or text.endswith("|"):
        return False
    segments = _BREADCRUMB_SEP.split(text)
    return 2 <= len(segments) <= 5 and all(
        len(segment) <= 20 and len(segment.split()) <= 3 and not _SENTENCE_MARK.search(segment)
        for segment in segments
    )


def _mark_context(units: list[_Unit], reasons: list[str | None]) -> None:
    """Visitor-counter labels followed by numbers; page titles repeating another line."""
    texts = {unit.text for unit in units}
    for index, unit in enumerate(units):
        if reasons[index] is not None:
            continue
        following = units[index + 1].text if index + 1 < len(units) else ""
        if _VISITOR_LABEL.fullmatch(unit.text) and _BARE_NUMBER.fullmatch(following):
            reasons[index] = "counter"
            continue
        head = _TITLE_SEP.split(unit.text, maxsplit=1)[0]
        if head != unit.text and head in texts:
            reasons[index] = "duplicate"


def _mark_tail(units: list[_Unit], reasons: list[str | None]) -> None:
    """After the article has ended, drop what follows a related marker and teaser pairs."""
    end = _article_end(units, reasons)
    if end is None:
        return
    in_related = False
    for index in range(end + 1, len(units)):
        text = units[index].text
        if in_related:
            reasons[index] = reasons[index] or "related-articles"
        elif _RELATED_MARKER.fullmatch(text):
            in_related = True
        elif reasons[index] is None and text.endswith(_TEASER_END):
            reasons[index] = "related-articles"
            headline = index - 1
            if (
                headline > end
                and reasons[headline] is None
                and len(units[headline].text) <= 100
                and not units[headline].text.endswith(".")
            ):
                reasons[headline] = "related-articles"


def _article_end(units: list[_Unit], reasons: list[str | None]) -> int | None:
    """Index of the first byline/e-mail/copyright unit after two kept prose paragraphs.

    Requiring prose before it keeps a byline printed under the headline from ending the article.
    """
    prose = 0
    for index, (unit, reason) in enumerate(zip(units, reasons, strict=True)):
        if reason is None and _PROSE.fullmatch(unit.text):
            prose += 1
        elif reason in _END_SIGNALS and prose >= 2:
            return index
    return None


def _mark_duplicates(units: list[_Unit], reasons: list[str | None]) -> None:
    seen: set[str] = set()
    for index, unit in enumerate(units):
        if reasons[index] is not None:
            continue
        key = unit.text.replace(" ", "")
        if key in seen:
            reasons[index] = "duplicate"
        seen.add(key)
