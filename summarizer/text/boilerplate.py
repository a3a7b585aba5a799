"""Strip scraped-site boilerplate from Korean news text, keeping every article sentence.

Each non-empty source line (for markdown: each block) is one unit. A unit is removed with one
of these reasons (the line rules are in `summarizer.text.boilerplate_lines`):

- ``dateline``: publication dates and times ("입력 23.09.21 07:00", "2024. 05. 07"), also
  with the reporter's name ("기사입력 2025.03.10 09:00 | 홍길동 기자").
- ``byline``: reporter or author lines ("류정민 기자", "글. 김세진(…)", "작성자 …") and the
  "[서울=뉴시스] 오동현 기자 =" / "[파이낸셜뉴스]" prefix of a body line (only the prefix
  is removed).
- ``email``: short lines carrying an e-mail address ("◎공감언론 뉴시스 odong85@newsis.com").
- ``copyright``: "저작권자 © … 무단전재 및 재배포 금지", "ⓒ 연합뉴스", "Copyright © 2025 …",
  "(c) 2024 …", "Unauthorized reproduction … prohibited"; the bare word "copyright" only on a
  line that is no Korean sentence.
- ``related-articles``: "관련 기사" / "같이 보면 좋은 기사" markers and "[관련기사] 제목" lines;
  the headlines listed under a marker (as far as they share one bullet, or up to the first
  sentence); a headline under an arrow ("▶ 제목"); a Markdown block that is only links.
  After the article has ended (a byline, e-mail or copyright line following the body),
  everything after a marker and headline + truncated-teaser pairs.
- ``site-chrome``: navigation, search, login, forum UI, share bars, breadcrumbs ("홈>경제"),
  company footers.
- ``counter``: view, comment, like, reaction and visitor counts and their bare numbers.
- ``comments``: comment-section headers ("댓글목록", "등록된 댓글이 없습니다").
- ``image-caption``: image placeholders ("img"), captions with a credit ("(사진=…)", "©MS",
  "… /연합뉴스", "(삼성전자 제공)") or a label ("[사진] …", "사진설명: …"); in Markdown,
  images, text beside an image and an italic line right under one.
- ``hashtags``: keyword tag lines ("#IT기술 #AI산업", "태그: …", "키워드 : …").
- ``subscribe``: "기자의 다른 기사 보기", "○○○ 기자 구독", and short calls to subscribe,
  like or follow ("네이버에서 ○○ 구독하기", "좋아요를 눌러주세요").
- ``ai-summary``: a publisher's machine summary ("[AI요약] …"), which repeats the article.
- ``duplicate``: a repeated line, or a page title ("헤드라인 > 섹션 | section") repeating the
  headline found on another line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarizer.text.boilerplate_lines import is_headline_like, line_reason
from summarizer.text.boilerplate_rules import (
    ARROW,
    BARE_NUMBER,
    BYLINE_PREFIX,
    END_SIGNALS,
    PROSE,
    RELATED_MARKER,
    TEASER_END,
    TITLE_SEP,
    VISITOR_LABEL,
)
from summarizer.text.boilerplate_units import RemovedLine, Unit, markdown_units, text_units

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
    "subscribe",
    "ai-summary",
    "duplicate",
)


@dataclass(frozen=True)
class CleanArticle:
    """The kept units in order; the first one is the headline."""

    title: str | None
    paragraphs: list[str]
    removed: list[RemovedLine]


TITLE_MAX_CHARS = 160
"""Longest first paragraph taken as the title (Korean headlines run to about 60 characters)."""


def clean(text: str, format: str = "text") -> CleanArticle:
    """Split `text` ("text", "markdown" or "html"-extracted) into kept paragraphs and removals."""
    if format not in ("text", "markdown", "html"):
        raise ValueError(f"unknown article format: {format!r}")
    removed: list[RemovedLine] = []
    units = markdown_units(text, removed) if format == "markdown" else text_units(text)
    units = [_strip_byline_prefix(unit, removed) for unit in units]
    reasons = [line_reason(unit.text) or _link(unit) for unit in units]
    _mark_context(units, reasons)
    _mark_related_lists(units, reasons)
    _mark_tail(units, reasons)
    _mark_duplicates(units, reasons)
    kept: list[str] = []
    for unit, why in zip(units, reasons, strict=True):
        if why is None:
            kept.append(unit.text)
        else:
            removed.append(RemovedLine(unit.line, unit.source, why))
    removed.sort(key=lambda item: item.line)
    return CleanArticle(title=_title(kept), paragraphs=kept, removed=removed)


def _title(paragraphs: list[str]) -> str | None:
    """The first paragraph when it is headline-sized; a long first paragraph is body text."""
    if paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        return paragraphs[0]
    return None


def _strip_byline_prefix(unit: Unit, removed: list[RemovedLine]) -> Unit:
    """Remove a "[서울=뉴시스] 홍길동 기자 =" prefix from a body line, recording it."""
    match = BYLINE_PREFIX.match(unit.text)
    if match is None or not unit.text[match.end() :].strip():
        return unit
    removed.append(RemovedLine(unit.line, match.group(0).strip(), "byline"))
    rest = unit.text[match.end() :].strip()
    return replace(unit, text=rest, source=rest)


def _link(unit: Unit) -> str | None:
    """A unit that is only a link: all link text in Markdown, a headline under an arrow."""
    if unit.links_only or (ARROW.match(unit.bullet) and is_headline_like(unit.text)):
        return "related-articles"
    return None


def _mark_context(units: list[Unit], reasons: list[str | None]) -> None:
    """Visitor-counter labels followed by numbers; page titles repeating another line."""
    texts = {unit.text for unit in units}
    for index, unit in enumerate(units):
        if reasons[index] is not None:
            continue
        following = units[index + 1].text if index + 1 < len(units) else ""
        if VISITOR_LABEL.fullmatch(unit.text) and BARE_NUMBER.fullmatch(following):
            reasons[index] = "counter"
            continue
        head = TITLE_SEP.split(unit.text, maxsplit=1)[0]
        if head != unit.text and head in texts:
            reasons[index] = "duplicate"


RELATED_LIST_MAX = 6
"""Most headlines taken as a related-article list after a marker inside the article."""


def _mark_related_lists(units: list[Unit], reasons: list[str | None]) -> None:
    """After a "관련기사" marker: the headlines under it, as far as they share one bullet."""
    index = 0
    while index < len(units):
        index += 1
        if not RELATED_MARKER.fullmatch(units[index - 1].text) or index == len(units):
            continue
        bullet = units[index].bullet
        taken = 0
        while (
            index < len(units)
            and taken < RELATED_LIST_MAX
            and bullet != "#"
            and units[index].bullet == bullet
            and (reasons[index] is not None or is_headline_like(units[index].text))
        ):
            reasons[index] = reasons[index] or "related-articles"
            taken += 1
            index += 1


def _mark_tail(units: list[Unit], reasons: list[str | None]) -> None:
    """After the article has ended, drop what follows a related marker and teaser pairs."""
    end = _article_end(units, reasons)
    if end is None:
        return
    in_related = False
    for index in range(end + 1, len(units)):
        text = units[index].text
        if in_related:
            reasons[index] = reasons[index] or "related-articles"
        elif RELATED_MARKER.fullmatch(text):
            in_related = True
        elif reasons[index] is None and text.endswith(TEASER_END):
            reasons[index] = "related-articles"
            headline = index - 1
            if (
                headline > end
                and reasons[headline] is None
                and len(units[headline].text) <= 100
                and not units[headline].text.endswith(".")
            ):
                reasons[headline] = "related-articles"


def _article_end(units: list[Unit], reasons: list[str | None]) -> int | None:
    """Index of the first byline/e-mail/copyright unit after two kept prose paragraphs.

    Requiring prose before it keeps a byline printed under the headline from ending the article.
    """
    prose = 0
    for index, (unit, reason) in enumerate(zip(units, reasons, strict=True)):
        if reason is None and PROSE.fullmatch(unit.text):
            prose += 1
        elif reason in END_SIGNALS and prose >= 2:
            return index
    return None


def _mark_duplicates(units: list[Unit], reasons: list[str | None]) -> None:
    seen: set[str] = set()
    for index, unit in enumerate(units):
        if reasons[index] is not None:
            continue
        key = unit.text.replace(" ", "")
        if key in seen:
            reasons[index] = "duplicate"
        seen.add(key)
