"""Few-shot completion prompts: how a base language model (no chat template) is made to translate.

A base model is not instructed; it continues text. The prompt is a one-line header, then
Korean/English pairs in a fixed format, and it ends where the next English line begins:

    Translate Korean news sentences into English.

    Korean: <example>
    English: <example>

    Korean: <segment>
    English:

The reply up to the end of its first line is the translation. The examples and the format are
part of the translator's fingerprint. They were chosen on NTREX-128's development slice
(documents 1–60, `benchmarks/experiments/gemma.py`); the README reports on documents 61–123 only.
A segment whose translation is flagged is asked again with `RETRY_EXAMPLES`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

Example = tuple[str, str]

# NTREX-128 lines 46, 53, 107, 80, 3 and 18 (all from documents 1–60).
EXAMPLES: tuple[Example, ...] = (
    (
        "그 공격은 엔시니타스의 비콘 해변 근처에서 오전 7시 전에 일어났다.",
        "The attack occurred just before 7 a.m. near Beacon's Beach in Encinitas.",
    ),
    (
        "공격한 상어의 종은 밝혀지지 않았다.",
        "The species of shark responsible for the attack was unknown.",
    ),
    (
        '"우리는 북한에게 잘 하고 있습니다."그가 말했다.',
        '"We\'re doing great with North Korea," he said.',
    ),
    (
        "37세의 이 아침 진행자는 인스타그램에서 그녀가 떠난다는 발표를 했다.",
        "This Morning presenter, 37, took to Instagram to announce she is leaving.",
    ),
    (
        "그것은 의회의 이름을 웨일스 국회로 바꾸기 위한 계획 때문에 일어났다.",
        "It has arisen because of plans to change the name of the assembly to the Welsh "
        "Parliament.",
    ),
    (
        "유권자들은 일요일에 자국의 이름을 ‘북마케도니아공화국’으로 바꿀지에 대한 "
        "투표를 하게 된다.",
        "Voters will vote Sunday on whether to change their country's name to the \"Republic of "
        'North Macedonia."',
    ),
)
# Lines 93, 103, 57 and 4: other examples for a second attempt at a flagged segment.
RETRY_EXAMPLES: tuple[Example, ...] = (
    (
        "윌로비는 2016년에 캡과 트룰리를 세웠고 52세인 존스는 3월에 회장으로서 합류했다.",
        "Willoughby set up Truly with Capp in 2016 and Jones, 52, joined as chairman in March.",
    ),
    (
        "그러나 비핵화 협상은 정지되었다.",
        "But denuclearization negotiations have stalled.",
    ),
    (
        "가일스는 그 지역에 135종 이상의 상어가 있지만 대부분 위험하지 않다고 알렸다.",
        "Giles noted that there are more than 135 shark species in the area, but most are not "
        "considered dangerous.",
    ),
    (
        "정치적 스펙트럼을 막론하고 상원 의원들은 그것이 조롱을 일으킬 것을 걱정하고 있다.",
        "AMs across the political spectrum are worried it could invite ridicule.",
    ),
)
HEADER = "Translate Korean news sentences into English.\n\n"
_PAIR = "Korean: {source}\nEnglish: {target}\n\n"
_QUERY = "Korean: {source}\nEnglish:"
GLOSSARY = "Glossary: {terms}\n"


def shots(examples: Sequence[Example] = EXAMPLES) -> str:
    """The part every prompt shares: the header and the examples (a static prefix that
    CTranslate2 computes once and reuses)."""
    return HEADER + "".join(_PAIR.format(source=s, target=t) for s, t in examples)


def query(segment: str, pairs: Sequence[tuple[str, str]] = ()) -> str:
    """The part that changes: the segment (whitespace inside it collapsed to one line) and,
    when it has terms, a line of them before the English."""
    text = _QUERY.format(source=" ".join(segment.split()))
    if not pairs:
        return text
    terms = "; ".join(f"{korean} = {english}" for korean, english in pairs)
    return text.replace("\nEnglish:", "\n" + GLOSSARY.format(terms=terms) + "English:")


def render(segment: str, examples: Sequence[Example] = EXAMPLES) -> str:
    """The whole completion prompt for one segment."""
    return shots(examples) + query(segment)


def first_line(reply: str) -> str:
    """The translation in a reply: its first non-empty line."""
    return next((line.strip() for line in reply.splitlines() if line.strip()), "")


def fingerprint() -> str:
    """Short hash of everything that shapes the prompts: format and both example sets."""
    blob = "\x1f".join([render("{segment}"), render("{segment}", RETRY_EXAMPLES), GLOSSARY])
    return hashlib.sha256(blob.encode()).hexdigest()[:8]
