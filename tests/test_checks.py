"""Each check on hand-made Korean/English pairs that must, and must not, trip it."""

from __future__ import annotations

import pytest

from summarizer.checks import CHECKS, Flag, check_summary, check_translation
from summarizer.checks.english_numbers import english_quantities
from summarizer.checks.korean_numbers import korean_quantities
from summarizer.checks.quantity import describe, same_quantity


def names(source: str, target: str) -> set[str]:
    return {flag.check for flag in check_translation(source, target)}


@pytest.mark.parametrize(
    ("korean", "value"),
    [
        ("665조5000억원", 665_500_000_000_000),
        ("5000억달러", 500_000_000_000),
        ("5만개", 50_000),
        ("1억 2500만 파운드", 125_000_000),
        ("3천만 명", 30_000_000),
        ("2천500만 원", 25_000_000),
        ("2.8억", 280_000_000),
        ("10,000명", 10_000),
        ("6%", 6),
    ],
)
def test_korean_figures_are_normalised(korean: str, value: float) -> None:
    figures = [q.value for q in korean_quantities(korean) if q.required]
    assert figures == [value]


@pytest.mark.parametrize(
    ("english", "value"),
    [
        ("$500 billion", 500_000_000_000),
        ("$1.32 trillion", 1_320_000_000_000),
        ("1,000 people", 1_000),
        ("10 billion won", 10_000_000_000),
        ("£125m", 125_000_000),
        ("£2.8bn", 2_800_000_000),
        ("£11million", 11_000_000),
        ("half a million", 500_000),
        ("two million", 2_000_000),
        ("6 per cent", 6),
    ],
)
def test_english_figures_are_normalised(english: str, value: float) -> None:
    assert [q.value for q in english_quantities(english) if q.required] == [value]


def test_words_and_hints_are_read_but_not_required() -> None:
    found = {(q.value, q.required) for q in english_quantities("three hundred and five in June")}
    assert found == {(305, False), (6, False)}
    assert {q.value for q in korean_quantities("돼지 열 다섯 마리와 두 명")} == {15, 2}
    assert korean_quantities("수천 명이 한국에서") == []


def test_names_glued_to_digits_are_not_figures() -> None:
    assert [q.required for q in english_quantities("COVID-19 and F-35 jets with 5G")] == [
        False,
        False,
        False,
    ]


def test_rounding_is_allowed_but_other_changes_are_not() -> None:
    assert same_quantity(2814, 3000)
    assert same_quantity(90, 1990)
    assert not same_quantity(12, 10)
    assert not same_quantity(125, 128)
    assert describe(5e11) == "500 billion"
    assert describe(50_000) == "50,000"


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("그는 5000억달러를 투자했다.", "He invested $500 billion."),
        ("665조5000억원 규모의 예산", "A budget of 665.5 trillion won"),
        ("5만개의 일자리", "50,000 jobs"),
        ("약 3,000명이 참석했다.", "About 2,814 people attended."),
        ("물가가 6% 올랐다.", "Prices rose 6 per cent."),
        ("2018년 9월 29일 오후 7시 30분", "At 19:30 on September 29, 2018"),
        ("3일 동안 두 명이 다쳤다.", "Two people were hurt over three days."),
        ("1990년대에 1주일 동안", "For a week in the '90s"),
        ("1억 2500만 파운드에 팔았다.", "It sold for £125m."),
    ],
)
def test_numbers_pass_when_quantities_agree(source: str, target: str) -> None:
    assert "numbers" not in names(source, target)


@pytest.mark.parametrize(
    ("source", "target", "said"),
    [
        (
            "그는 5000억달러를 투자했다.",
            "He invested $5 trillion.",
            "5000억 (500 billion) is missing",
        ),
        ("그는 5000억달러를 투자했다.", "He invested dollars.", "5000억 (500 billion) is missing"),
        ("5만개의 일자리", "5,000 jobs", "5,000 is not in the source"),
        ("135종의 상어", "137 shark species", "137 is not in the source"),
        ("10억 달러", "$1 million", "10억 (1 billion) is missing"),
    ],
)
def test_numbers_flag_changed_dropped_and_scaled_figures(
    source: str, target: str, said: str
) -> None:
    flags = [f for f in check_translation(source, target) if f.check == "numbers"]
    assert len(flags) == 1 and said in flags[0].detail


def test_untranslated_partly_untranslated_and_quoted_names() -> None:
    assert names("대통령이 말했다.", "대통령이 말했다.") == {"untranslated", "copied"}
    assert names("대통령이 말했다.", "대통령이 today 말했다.") == {"untranslated"}
    assert names("대통령이 서울에서 말했다.", "The president 서울에서 spoke") == {
        "partly untranslated"
    }
    quoted = "The word 'jeong' (정), often called untranslatable, means affection and attachment."
    assert names("'정'이라는 단어는 번역할 수 없다고들 한다.", quoted) == set()


def test_copied_only_for_a_korean_source() -> None:
    assert "copied" in names("삼성전자가 말했다", "삼성전자가 말했다")
    assert names("Il faut bien le faire.", "Il faut bien le faire.") == set()


def test_empty() -> None:
    assert check_translation("안녕하세요.", "  ") == [Flag("empty", "the translation is empty")]
    assert check_translation("", "") == []


def test_loop_flags_repeated_phrases_not_emphasis() -> None:
    looped = "The company said the company said the company said it would grow."
    assert "loop" in names("회사는 성장할 것이라고 말했다.", looped)
    many = "He said that it was fine, he said that it was fine, and he said that it was fine."
    assert "loop" in names(
        "그는 괜찮다고 말했다. 또 말했다.",
        many + " So he said that it was fine, he said that it was fine.",
    )
    assert "loop" not in names("아닙니다. 결단코 아닙니다.", '"No, no, no, no, no."')
    assert "loop" not in names("그는 매우 매우 기뻤다.", "He was very, very happy.")


def test_length_flags_far_too_short_and_far_too_long() -> None:
    source = "정부는 내년 예산안을 국회에 제출했다고 밝혔다."
    assert "length" in names(source, "Budget.")
    assert "length" in names(source, "The government said " + "it submitted a budget " * 12)
    assert "length" not in names(
        source, "The government said it sent next year's budget to parliament."
    )


def test_latin_terms_carry_over() -> None:
    source = "테슬라의 Dojo 슈퍼컴퓨터는 H100과 D1 칩을 쓰며 AWS와 경쟁한다."
    assert "latin terms" not in names(
        source, "Tesla's Dojo supercomputer uses H100 and D1 chips and rivals AWS."
    )
    flags = check_translation(source, "Tesla's supercomputer uses H100 chips and rivals Amazon.")
    terms = [f.detail for f in flags if f.check == "latin terms"]
    assert terms == ["missing: Dojo, D1, AWS"]
    assert "latin terms" not in names(
        "EU와 UN은 5km를 걸었다", "The European Union and the U.N. walked 5km"
    )


def test_a_term_that_ends_a_hangul_word_carries_over_as_one_english_word() -> None:
    """챗GPT is ChatGPT in English: neither 'GPT missing' nor 'ChatGPT invented'."""
    source = "머스크는 ‘챗GPT’를 만든 오픈AI와 ‘트루스GPT’를 비교했다."
    good = "Musk compared OpenAI, which made ChatGPT, with TruthGPT."
    assert not {"latin terms", "invented name"} & set(names(source, good))
    flags = check_translation(source, "Musk compared OpenAI with a chatbot.")
    assert [f.detail for f in flags if f.check == "latin terms"] == ["missing: GPT"]
    # A particle after a term glues nothing: 'AI는' is not found in 'air' or 'aim'.
    flags = check_translation("AI는 중요하다.", "The aim is important.")
    assert [f.detail for f in flags if f.check == "latin terms"] == ["missing: AI"]


def test_a_name_replaced_by_a_dictionary_word_is_invented() -> None:
    """Seed 001: 모건스탠리 (Morgan Stanley) came out as "Moonscape", a word Webster's knows in
    lower case, so not a name by itself; with a Korean proper noun that nothing answers it is."""
    source = "모건스탠리의 분석가들이 테슬라의 시장가치가 증가할 수 있다고 관측했다."
    flags = check_translation(source, "The analysts at Moonscape expect Tesla's value to rise.")
    assert [f.detail for f in flags if f.check == "invented name"] == [
        "not in the Korean: Moonscape"
    ]
    assert "invented name" not in names(
        source, "The analysts at Morgan Stanley expect Tesla's value to rise."
    )
    # A capitalised word inside an institution's name is no stand-in.
    assert "invented name" not in names(
        "검시관 사무소가 보고서를 냈다.", "The Parish Coroner's Office released a report."
    )


def test_gyeong_is_ten_quadrillion_but_not_in_a_game() -> None:
    """Seed 003: 초당 100경 번 (10^18 a second) came out as "100 operations per second"."""
    flags = check_translation(
        "초당 100경 번 연산이 가능하다.", "It can do 100 operations a second."
    )
    assert [f.detail for f in flags if f.check == "numbers"] == [
        "100경 (1,000,000 trillion) is missing; 100 is not in the source"
    ]
    assert "numbers" not in names(
        "초당 100경 번 연산이 가능하다.", "It does 1 quintillion a second."
    )
    assert "numbers" not in names(
        "지난 5경기 중 4경기를 졌다.", "They lost four of their last five."
    )


def test_a_month_the_korean_does_not_name_is_invented() -> None:
    flags = check_translation("28일 주가가 반등했다.", "On December 28th the stock rebounded.")
    assert [f.detail for f in flags if f.check == "numbers"] == ["December is not in the source"]
    assert "numbers" not in names(
        "9월 28일 주가가 반등했다.", "On September 28 the stock rebounded."
    )
    # May is a prime minister more often than a month.
    assert "numbers" not in names("메이 총리가 말했다.", "Prime Minister May said.")


def test_summary_support() -> None:
    translation = "Samsung said it would invest 500 billion dollars in H100 chips at three plants."
    assert check_summary("Samsung will invest $500 billion in H100 chips.", translation) == []
    flags = check_summary(
        "Samsung will spend $5 trillion at three plants, Reuters said.", translation
    )
    assert len(flags) == 1 and flags[0].check == "summary support"
    assert "$5 trillion" in flags[0].detail and "Reuters" in flags[0].detail


def test_hyphenated_names_need_only_their_capitalised_parts() -> None:
    translation = "The Seoul firm said it offers support to customers with AI that answers."
    assert check_summary("The Seoul-based firm offers AI-powered support.", translation) == []
    [flag] = check_summary("The Busan-based firm offers AI-powered support.", translation)
    assert flag.detail == "not in the article: Busan-based"
    [flag] = check_summary("The Seoul firm offers support for COVID-19 tests.", translation)
    assert flag.detail == "not in the article: COVID-19"


ARTICLE = (
    "The city council approved a new bridge over the river on Monday. Officials said the "
    "bridge would cost 40 million dollars and open in 2026. Residents had asked for a crossing "
    "for years, as the nearest one is ten kilometres away."
)


def test_a_faithful_summary_passes_and_chat_replies_loops_and_blanks_do_not() -> None:
    assert check_summary("The council approved a 40 million dollar bridge.", ARTICLE) == []
    chat = check_summary("I'm ready to help with your article. What's it about?", ARTICLE)
    assert [(f.check, f.detail) for f in chat] == [
        ("off topic", "0 of 3 content words are from the article")
    ]
    refusal = check_summary("Sorry, I cannot summarize this text for you.", ARTICLE)
    assert [f.check for f in refusal] == ["off topic"]
    loop = check_summary("The bridge will open. " * 6, ARTICLE)
    assert [f.check for f in loop] == ["loop"]
    said_again = "The council approved a new bridge over the river on Monday. " * 3
    [flag] = check_summary(said_again, ARTICLE)
    assert flag.check == "loop" and flag.detail == (
        "the sentence “The council approved a new bridge over the river on Monday.” 3 times"
    )
    assert check_summary("No. No. The council approved the bridge.", ARTICLE) == []
    assert [f.check for f in check_summary("  ", ARTICLE)] == ["empty"]
    korean = check_summary("시의회는 월요일 새 다리를 승인했다.", ARTICLE)
    assert [(f.check, f.detail) for f in korean] == [("not English", "0% of the letters are Latin")]
    assert check_summary("Bridge approved.", ARTICLE) == [], "too few words to judge a share"


def test_every_check_name_is_known() -> None:
    assert set(CHECKS) == {
        "empty",
        "copied",
        "untranslated",
        "partly untranslated",
        "loop",
        "length",
        "numbers",
        "latin terms",
        "not English",
        "off topic",
        "summary support",
        "invented name",
        "dropped name",
        "glossary",
        "adequacy",
        "unsupported",
    }


def test_every_corruption_of_the_benchmark_is_caught_on_a_sample_line() -> None:
    import random

    from benchmarks.corruptions import CORRUPTIONS

    source = "모건스탠리는 2018년 5000억달러를 투자했다. 회사는 135종의 제품을 판다."
    target = "Morgan Stanley invested $500 billion in 2018. The company sells 135 products."
    clean = set(check_translation(source, target))
    assert clean == set()
    for kind, corrupt in CORRUPTIONS.items():
        corrupted = corrupt(source, target, random.Random(1))
        assert corrupted and corrupted != target, kind
        assert set(check_translation(source, corrupted)) - clean, (kind, corrupted)
