"""Judge one unit of a scraped page on its own text: the reason it is boilerplate, or None."""

from __future__ import annotations

import re

from summarizer.text.boilerplate_rules import (
    AI_SUMMARY,
    BARE_NUMBER,
    BREADCRUMB_SEP,
    BYLINE,
    CAPTION_LABEL,
    CHROME_PHRASES,
    COMMENTS,
    COPYRIGHT,
    COPYRIGHT_WORD,
    COPYRIGHT_WORDS,
    CREDIT_CAPTION,
    CREDIT_ONLY,
    DATE_TOKENS,
    EMAIL,
    FOOTER_LABEL,
    HANGUL,
    HAS_COUNT,
    HAS_DATE,
    HAS_UI_WORD,
    HASHTAGS,
    HOME_PATH,
    IMAGE_PLACEHOLDER,
    MARKUP_TOKEN,
    META_TOKENS,
    OTHER_ARTICLES,
    PROMPT_END,
    PROMPT_WORD,
    READER_UI,
    RELATED_INLINE,
    RELATED_MARKER,
    SENTENCE_END,
    SENTENCE_MARK,
    STOP_END,
    TOKEN_SEPARATORS,
    UI_TOKENS,
    VISITOR,
)

CREDIT_MAX_CHARS = 100
"""A credit ends its line and is shorter than this, so only the line's tail is searched."""
PROMPT_MAX_CHARS = 60
"""Longest subscribe or like prompt; longer lines with those words are article text."""


def line_reason(text: str) -> str | None:
    """The reason a unit is boilerplate judged on its own text, or None to keep it."""
    if AI_SUMMARY.match(text):
        return "ai-summary"
    if _is_caption(text):
        return "image-caption"
    if _is_copyright(text):
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
    if OTHER_ARTICLES.fullmatch(text) or _is_prompt(text):
        return "subscribe"
    if HAS_UI_WORD.search(text) and _only_tokens(UI_TOKENS, text):
        return "counter" if any(char.isdigit() for char in text) else "site-chrome"
    return None


def is_headline_like(text: str) -> bool:
    """Short and not ending like a sentence: a headline, a subheading, a link's title."""
    return len(text) <= 80 and not STOP_END.search(text)


def _is_caption(text: str) -> bool:
    if IMAGE_PLACEHOLDER.fullmatch(text) or CREDIT_ONLY.fullmatch(text):
        return True
    if len(text) > 200:
        return False
    if CAPTION_LABEL.match(text):
        return True
    credit = CREDIT_CAPTION.search(text, max(0, len(text) - CREDIT_MAX_CHARS))
    return bool(credit) and not COPYRIGHT_WORDS.search(text)


def _is_copyright(text: str) -> bool:
    """A notice; the bare word "copyright" counts only on a line that is no Korean sentence."""
    if len(text) > 150:
        return False
    if COPYRIGHT.search(text):
        return True
    sentence = SENTENCE_END.search(text) and HANGUL.search(text)
    return bool(COPYRIGHT_WORD.search(text)) and not sentence


def _is_prompt(text: str) -> bool:
    """A call to act ("네이버에서 ○○ 구독하기", "좋아요를 눌러주세요"): short and unquoted."""
    return (
        len(text) <= PROMPT_MAX_CHARS
        and not any(quote in text for quote in "\"“”'‘’")
        and bool(PROMPT_WORD.search(text))
        and bool(PROMPT_END.search(text))
    )


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
    """Short "A > B" / "A | B" / "A / B" labels made of short segments and no sentence;
    "홈>경제>산업" also without spaces."""
    if HOME_PATH.fullmatch(text):
        return True
    if len(text) > 60 or text.startswith("|") or text.endswith("|"):
        return False
    segments = BREADCRUMB_SEP.split(text)
    return 2 <= len(segments) <= 5 and all(
        len(segment) <= 20 and len(segment.split()) <= 3 and not SENTENCE_MARK.search(segment)
        for segment in segments
    )
