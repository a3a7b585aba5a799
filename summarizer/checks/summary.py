"""Checks of a summary against the article's translation: is it there and in English, is it a
summary of this article (not a chat reply or a loop), and are its numbers and Latin-script names
in the article.
"""

from __future__ import annotations

import re

from summarizer.checks.english_numbers import english_quantities
from summarizer.checks.flag import Flag
from summarizer.checks.invented import INVENTED_PREFIX, check_names
from summarizer.checks.quantity import Kind, same_quantity, show
from summarizer.checks.repetition import check_loop
from summarizer.checks.script import check_not_english
from summarizer.checks.unsupported import check_unsupported
from summarizer.names.latin import contains_term
from summarizer.text.segment import split_english

LEAST_SUPPORT = 1 / 3
"""Below this share of a summary's content words found in the article, it is off topic. Real
summaries reuse most of them: 57–97% for five hand-written and five smollm2 summaries of
NTREX-128 English documents, against 0–25% for chat replies ("I'm ready to help with your
article")."""
FEWEST_WORDS = 3
"""Content words a summary needs before its share means anything."""
STEM_LETTERS = 5
_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORDS = frozenset(
    [
        "about",
        "after",
        "also",
        "been",
        "before",
        "being",
        "could",
        "from",
        "have",
        "into",
        "just",
        "like",
        "more",
        "most",
        "only",
        "other",
        "over",
        "said",
        "some",
        "such",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "under",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "with",
        "would",
        "your",
    ]
)

_NAME = re.compile(r"[A-Za-z][\w&'.-]*[\w]|[A-Z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n)$")
_POSSESSIVE = re.compile(r"['’]s?$")


def summary_names(summary: str) -> list[str]:
    """Names: capitalised words inside a sentence, and acronyms or codes (AWS, H100) anywhere."""
    found = []
    for match in _NAME.finditer(summary):
        word = _POSSESSIVE.sub("", match.group().rstrip("."))
        coded = any(c.isdigit() for c in word) or (len(word) > 1 and word.isupper())
        starts = _SENTENCE_START.search(summary[: match.start()]) is not None
        if word[:1].isupper() and word != "I" and (coded or not starts) and word not in found:
            found.append(word)
    return found


def name_supported(translation: str, name: str) -> bool:
    """The name is in the translation, or, hyphenated, its capitalised and numeric parts are:
    "AI-powered" needs "AI", "Seoul-based" "Seoul"."""
    if contains_term(translation, name):
        return True
    parts = [p for p in name.split("-") if p[:1].isupper() or p.isdigit()]
    return "-" in name and bool(parts) and all(contains_term(translation, p) for p in parts)


def check_summary(summary: str, translation: str, korean: str | None = None) -> list[Flag]:
    """Flags for a summary that is empty, not in English, loops, is off topic, has figures or
    names that the translation does not contain, or sentences it does not support (not judged
    for a summary off topic as a whole); given the Korean article, also names that nothing
    in the Korean stands for (a name the translation invented and the summary repeated)."""
    if not summary.strip():
        return [Flag("empty", "the summary is empty")]
    if foreign := check_not_english(summary):
        return foreign
    off_topic = check_off_topic(summary, translation)
    unsupported = [] if off_topic else check_unsupported(summary, translation)
    return (
        check_loop(translation, summary)
        + off_topic
        + check_support(summary, translation)
        + (check_invented(summary, korean) if korean else [])
        + unsupported
    )


def check_invented(summary: str, korean: str) -> list[Flag]:
    """The names of each summary sentence that nothing in the Korean article stands for."""
    invented = [
        name
        for sentence in split_english(summary)
        for flag in check_names(korean, sentence)
        for name in flag.detail.removeprefix(INVENTED_PREFIX).split(", ")
    ]
    if invented:
        return [Flag("invented name", INVENTED_PREFIX + ", ".join(dict.fromkeys(invented)))]
    return []


def check_off_topic(summary: str, translation: str) -> list[Flag]:
    """A summary most of whose content words (four letters or more, function words aside)
    are not in the article: a chat reply, a refusal or another text. Words match on their
    first five letters, so that "approved" finds "approval" and "industry" "industries"."""
    words = content_words(summary)
    if len(words) < FEWEST_WORDS:
        return []
    article = set(content_words(translation))
    found = sum(word in article for word in words)
    if found / len(words) >= LEAST_SUPPORT:
        return []
    return [Flag("off topic", f"{found} of {len(words)} content words are from the article")]


def content_words(text: str) -> list[str]:
    """The first five letters of each lower-cased word of four letters or more, function
    words aside."""
    words = _WORD.findall(text.casefold())
    return [word[:STEM_LETTERS] for word in words if len(word) >= 4 and word not in _FUNCTION_WORDS]


def check_support(summary: str, translation: str) -> list[Flag]:
    """Flags for a summary whose figures or names the translation does not contain."""
    support = english_quantities(translation)
    problems = []
    for quantity in english_quantities(summary):
        if quantity.kind is Kind.HINT or (quantity.kind is Kind.WORDS and quantity.value < 2):
            continue
        if not any(same_quantity(quantity.value, q.value) for q in support):
            problems.append(show(quantity))
    problems += [n for n in summary_names(summary) if not name_supported(translation, n)]
    if problems:
        return [Flag("summary support", "not in the article: " + ", ".join(problems))]
    return []
