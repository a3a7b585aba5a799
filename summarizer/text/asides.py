"""Paragraphs an article keeps that are not its body: epigraphs, pull quotes, bylines and photo
captions, judged on the Korean.

Boilerplate removal (`summarizer.text.boilerplate`) drops what is not the article at all; these
are the article's own, translated as the rest, but a summary should not read them: seed 000's
Lead-3 began with its epigraph, a quotation from a year before the news. Each rule is narrow:

- ``epigraph``: a quotation followed only by its attribution in parentheses or after a dash
  ("“…” (2022년 9월, 피터 배넌 …, 테슬라 AI데이中)", "“…” — 홍길동"), before the first body
  paragraph; further down, the same form quotes a source and is news.
- ``pull-quote``: a paragraph that is wholly a quotation (attribution allowed) whose words the
  article repeats in another paragraph.
- ``byline``: a byline line boilerplate removal left because it ends with a period
  ("홍길동 기자."); a byline without one is already a heading.
- ``photo-caption``: a caption that starts with its photo credit ("[사진=연합뉴스] …",
  "<사진=엔비디아> …") or ends with an agency's ("… 있다. 로이터=연합뉴스"); captions that end
  with "/사진=…", "(사진=…)" or "[… 제공]" are removed with the boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.text.boilerplate_rules import BYLINE, PHOTO
from summarizer.text.segment import ends_as_sentence

QUOTATION = r"(?:[\"“][^\"“”]{2,}[\"”]|「[^「」]{2,}」|『[^『』]{2,}』)"
ATTRIBUTION = r"(?:\([^()]{2,80}\)|[—–―]{1,2}\s*[^\s.!?\"“”][^.!?\"“”]{1,60})"
EPIGRAPH = re.compile(rf"{QUOTATION}\.?\s*{ATTRIBUTION}\.?")
QUOTED = re.compile(rf"(?P<quote>{QUOTATION})\.?\s*{ATTRIBUTION}?\.?")
CREDIT_FIRST = re.compile(rf"[\[<(【]\s*{PHOTO}\s*[=:/][^\]>)】]{{1,40}}[\]>)】]\s*\S")
AGENCY_CREDIT = re.compile(
    r"[.\s](?:[A-Za-z가-힣]{1,10}\s*[=/]\s*|(?:AP|AFP|EPA|로이터|신화|UPI)\s*)?"
    r"(?:연합뉴스|뉴시스|뉴스1)$"
)
CAPTION_MAX_CHARS = 200
"""Longest caption, as `summarizer.text.boilerplate_lines` judges captions."""
PULL_QUOTE_MIN_CHARS = 10
"""Shortest quotation (letters and digits) whose repetition marks a pull quote."""


def aside_reasons(paragraphs: Sequence[str]) -> list[str | None]:
    """For each paragraph of an article (its headings included): why it is no body text, or
    None for body text."""
    reasons: list[str | None] = []
    body_began = False
    for index, text in enumerate(paragraphs):
        reason = _reason(text.strip(), not body_began)
        if reason is None and _is_pull_quote(
            text.strip(), paragraphs[:index], paragraphs[index + 1 :]
        ):
            reason = "pull-quote"
        body_began = body_began or (reason is None and _is_body(text))
        reasons.append(reason)
    return reasons


def _reason(text: str, at_top: bool) -> str | None:
    if at_top and EPIGRAPH.fullmatch(text):
        return "epigraph"
    if BYLINE.fullmatch(text.rstrip(". ")):
        return "byline"
    if len(text) <= CAPTION_MAX_CHARS and (CREDIT_FIRST.match(text) or AGENCY_CREDIT.search(text)):
        return "photo-caption"
    return None


def _is_body(text: str) -> bool:
    """A paragraph that ends as a sentence does: a headline above it is no body yet."""
    return ends_as_sentence(text)


def _is_pull_quote(text: str, before: Sequence[str], after: Sequence[str]) -> bool:
    quoted = QUOTED.fullmatch(text)
    if not quoted:
        return False
    words = _letters(quoted["quote"])
    if len(words) < PULL_QUOTE_MIN_CHARS:
        return False
    return any(words in _letters(other) for other in (*before, *after) if other.strip() != text)


def _letters(text: str) -> str:
    return "".join(char for char in text if char.isalnum())
