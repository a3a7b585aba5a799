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

from summarizer.boilerplate_rules import (
    AI_SUMMARY,
    BARE_NUMBER,
    BREADCRUMB_SEP,
    BROKEN_ENTITY,
    BULLET,
    BYLINE,
    BYLINE_PREFIX,
    CHROME_PHRASES,
    COMMENTS,
    COPYRIGHT,
    COPYRIGHT_WORDS,
    CREDIT_CAPTION,
    CREDIT_ONLY,
    DATE_TOKENS,
    EMAIL,
    END_SIGNALS,
    ENTITY_CHARS,
    FOOTER_LABEL,
    HAS_COUNT,
    HAS_DATE,
    HASHTAGS,
    HEADING,
    IMAGE_PLACEHOLDER,
    MARKUP_TOKEN,
    META_TOKENS,
    PROSE,
    READER_UI,
    RELATED_INLINE,
    RELATED_MARKER,
    SENTENCE_MARK,
    TEASER_END,
    TITLE_SEP,
    TOKEN_SEPARATORS,
    VISITOR,
    VISITOR_LABEL,
)

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
    text = BROKEN_ENTITY.sub(lambda m: ENTITY_CHARS[m.group(1)], text)
    return " ".join(text.split())


def _text_units(text: str) -> list[_Unit]:
    units = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = _tidy(HEADING.sub("", BULLET.sub("", raw.strip())))
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
            line = _tidy(BULLET.sub("", "".join(parts).strip()))
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
    match = BYLINE_PREFIX.match(unit.text)
    if match is None or not unit.text[match.end() :].strip():
        return unit
    removed.append(RemovedLine(unit.line, match.group(0).strip(), "byline"))
    rest = unit.text[match.end() :].strip()
    return _Unit(unit.line, rest, rest)


def _reason(text: str) -> str | None:
    """The reason a unit is boilerplate judged on its own text, or None to keep it."""
    if AI_SUMMARY.match(text):
        return "ai-summary"
    if IMAGE_PLACEHOLDER.fullmatch(text) or CREDIT_ONLY.fullmatch(text):
        return "image-caption"
    if len(text) <= 200 and CREDIT_CAPTION.search(text) and not COPYRIGHT_WORDS.search(text):
        return "image-caption"
    if len(text) <= 150 and COPYRIGHT.search(text):
        return "copyright"
    if EMAIL.search(text) and len(EMAIL.sub("", text).strip()) <= 40:
        return "email"
    if HAS_DATE.search(text) and _only_tokens(DATE_TOKENS, text):
        return "dateline"
    if HAS_COUNT.search(text) and _only_tokens(META_TOKENS, text):
        return "counter"
    if BYLINE.fullmatch(text):
        return "byline"
    if BARE_NUMBER.fullmatch(text) or VISITOR.fullmatch(text):
        return "counter"
    if COMMENTS.fullmatch(text):
        return "comments"
    if HASHTAGS.fullmatch(text):
        return "hashtags"
    if RELATED_MARKER.fullmatch(text) or RELATED_INLINE.match(text):
        return "related-articles"
    if _is_site_chrome(text):
        return "site-chrome"
    return None


def _only_tokens(tokens: re.Pattern[str], text: str) -> bool:
    """True when `text` is nothing but `tokens` and separators (linear, unlike a repeated group)."""
    return not TOKEN_SEPARATORS.sub("", tokens.sub("", text))


def _is_site_chrome(text: str) -> bool:
    key = text.replace(" ", "").lower().rstrip(".")
    if key in CHROME_PHRASES or FOOTER_LABEL.match(text) or MARKUP_TOKEN.fullmatch(text):
        return True
    if not any(char.isalnum() for char in text):
        return True
    if len(text) <= 80 and READER_UI.search(text):
        return True
    return _is_breadcrumb(text)


def _is_breadcrumb(text: str) -> bool:
    """Short "A > B" / "A | B" / "A / B" labels made of short segments and no sentence."""
    if len(text) > 60 or text.startswith("|") or text.endswith("|"):
        return False
    segments = BREADCRUMB_SEP.split(text)
    return 2 <= len(segments) <= 5 and all(
        len(segment) <= 20 and len(segment.split()) <= 3 and not SENTENCE_MARK.search(segment)
        for segment in segments
    )


def _mark_context(units: list[_Unit], reasons: list[str | None]) -> None:
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


def _article_end(units: list[_Unit], reasons: list[str | None]) -> int | None:
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


def _mark_duplicates(units: list[_Unit], reasons: list[str | None]) -> None:
    seen: set[str] = set()
    for index, unit in enumerate(units):
        if reasons[index] is not None:
            continue
        key = unit.text.replace(" ", "")
        if key in seen:
            reasons[index] = "duplicate"
        seen.add(key)
