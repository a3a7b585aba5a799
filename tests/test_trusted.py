"""What a summary reads: the translation without headings and the sentences the checks still
flag, and summary names checked against the Korean."""

from __future__ import annotations

from pathlib import Path

from summarizer.cache.null import NullCache
from summarizer.checks import Flag
from summarizer.checks.summary import check_summary
from summarizer.checks.trusted import (
    MIN_TRUSTED,
    asides,
    check_result_summary,
    headings,
    trusted_text,
)
from summarizer.pipeline.prepare import prepare
from summarizer.pipeline.results import ArticleResult, Document
from summarizer.tasks.lead import LeadSummarizer
from summarizer.tasks.summarize import Summary
from summarizer.text.articles import Article
from summarizer.text.boilerplate import CleanArticle

KOREAN = [
    ["엔비디아 AI 독주에 제동 나선 테슬라"],
    ["테슬라가 D1 칩 양산에 들어갔다.", "구글은 H100 2만6000장을 샀다.", "삼성은 고민이 깊다."],
    ["모건스탠리는 목표 주가를 400달러로 올렸다."],
]
ENGLISH = [
    ["Tesla will launch its AI subsidiary in India."],
    [
        "Tesla began mass production of the D1 chip.",
        "Google bought 26,000 H100s.",
        "Samsung has a lot to think about.",
    ],
    ["Morgan Stanley raised its target price to $400."],
]
INVENTED = Flag("invented name", "not in the Korean: India")


def test_flagged_sentences_are_left_out_and_paragraphs_kept() -> None:
    text, left_out = trusted_text(ENGLISH, [True, False, False, False, False])
    assert "India" not in text
    assert left_out == 1
    assert text.split("\n\n") == [
        " ".join(ENGLISH[1]),
        "Morgan Stanley raised its target price to $400.",
    ]


def test_too_few_unflagged_sentences_read_everything() -> None:
    flagged = [True, True, True, False, False]
    assert sum(not f for f in flagged) < MIN_TRUSTED
    text, left_out = trusted_text(ENGLISH, flagged)
    assert left_out == 0
    assert text.startswith("Tesla will launch its AI subsidiary in India.")


def test_nothing_flagged_is_the_whole_translation() -> None:
    text, left_out = trusted_text(ENGLISH, [False] * 5)
    assert left_out == 0
    assert text == "\n\n".join(" ".join(p) for p in ENGLISH)


def test_summary_name_that_the_korean_lacks_is_flagged_even_when_the_translation_has_it() -> None:
    translation = "\n\n".join(" ".join(p) for p in ENGLISH)
    korean = " ".join(s for p in KOREAN for s in p)
    summary = "Tesla will launch its AI subsidiary in India. Google bought 26,000 H100s."
    assert not [f for f in check_summary(summary, translation) if f.check == "invented name"]
    flags = check_summary(summary, translation, korean)
    invented = [f for f in flags if f.check == "invented name"]
    assert invented and "India" in invented[0].detail
    assert "Tesla" not in invented[0].detail and "Google" not in invented[0].detail
    grounded = "Tesla began mass production of the D1 chip. Google bought 26,000 H100s."
    assert not [
        f for f in check_summary(grounded, translation, korean) if f.check == "invented name"
    ]


def _result(flags: list[list[Flag]]) -> ArticleResult:
    cleaned = CleanArticle(None, [" ".join(p) for p in KOREAN], [])
    article = Article(Path("a.txt"), "a", "\n\n".join(cleaned.paragraphs), "utf-8", "text")
    document = Document(article, cleaned, "ko", KOREAN, 0.0, 0.0)
    result = ArticleResult(Path("a.txt"), "a", document)
    result.translations = [s for p in ENGLISH for s in p]
    result.translation_cached = [False] * 5
    result.translation_flags = flags
    result.translation_retries = [None] * 5
    return result


def test_article_summarizes_its_trusted_sentences_and_records_what_it_left_out() -> None:
    result = _result([[INVENTED], [], [], [], []])
    assert "India" not in result.summary_input
    assert "Morgan Stanley" in result.summary_input
    result.summary = Summary("Tesla will launch its AI subsidiary in India.", False, 1.0, 1)
    data = result.to_json()
    assert data["summary_left_out"] == 1
    checks = {f["check"] for f in data["summary_flags"]}
    assert {"invented name", "summary support"} <= checks
    # `summarizer check OUT` and the report re-check a result.json the same way.
    again = check_result_summary(data, [bool(s["flags"]) for s in data["segments"]])
    assert [f.to_json() for f in again] == data["summary_flags"]


def test_headings_are_lines_alone_in_their_paragraph_without_a_sentence_end() -> None:
    assert headings(KOREAN) == [True, False, False, False, False]
    quoted = [
        ["“테슬라가 시장에서 우위를 점할 것입니다.”"],
        ["도조 프로젝트"],
        ["두 문장", "중 하나"],
    ]
    assert headings(quoted) == [False, True, False, False]


def test_a_heading_is_left_out_of_what_the_summary_reads_even_unflagged() -> None:
    result = _result([[], [], [], [], []])
    assert "India" not in result.summary_input
    assert result.summary_input.startswith("Tesla began mass production of the D1 chip.")
    result.summary = Summary("Tesla began mass production of the D1 chip.", False, 1.0, 1)
    assert result.to_json()["summary_left_out"] == 1


def test_lead_of_seed_000_begins_with_its_news_not_its_epigraph() -> None:
    """Seed 000 opens with five headlines and an epigraph, a quotation from a year before the
    news with its attribution in parentheses; Lead-N starts at the first body sentence."""
    seed = next((Path(__file__).resolve().parents[1] / "seeds").glob("000_*.txt"))
    document = prepare(seed, NullCache(), 1_000_000)
    sources = [s for p in document.sentences for s in p]
    result = ArticleResult(seed, seed.stem, document)
    result.translations = [f"Sentence {number}." for number in range(len(sources))]
    result.translation_cached = [False] * len(sources)
    result.translation_flags = [[] for _ in sources]
    result.translation_retries = [None] * len(sources)
    (lead,) = LeadSummarizer(1).summarize([result.summary_input])
    first = sources[int(lead.text.split()[1].rstrip("."))]
    assert first.startswith("엔비디아가 독점할 것 같던 인공지능(AI) 반도체 시장에서")
    assert asides(document.sentences)[5:8] == [True, True, False]
