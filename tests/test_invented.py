"""The checks that catch invented content: names without a counterpart in the Korean, English
that says something else than the Korean (adequacy), summary sentences the article does not
support. Hand-made Korean/English pairs that must and must not trip each check."""

from __future__ import annotations

import pytest

from summarizer.checks import check_summary, check_translation, check_translations
from summarizer.checks.invented import check_names
from summarizer.names.english import english_names
from summarizer.names.sounds import english_skeletons, korean_skeletons, sounds_in


def checks(source: str, target: str) -> set[str]:
    return {flag.check for flag in check_translation(source, target)}


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("테슬라는", "Tesla"),
        ("젠슨", "Jensen"),
        ("김정은", "Kim"),
        ("모건", "Morgan"),
        ("스탠리", "Stanley"),
        ("마르타", "Marta"),
        ("브렛", "Brett"),
        ("캐버노의", "Kavanaugh"),
        ("스미스", "Smith"),
        ("마이클", "Michael"),
        ("매사추세츠", "Massachusetts"),
    ],
)
def test_names_sound_like_their_hangul_spelling(korean: str, english: str) -> None:
    assert any(
        sounds_in(e, k) for e in english_skeletons(english) for k in korean_skeletons(korean)
    )


@pytest.mark.parametrize(
    ("korean", "english"), [("모건", "Volvo"), ("딥시크", "Deepcreek"), ("테슬라", "Kelly")]
)
def test_other_names_do_not(korean: str, english: str) -> None:
    assert not any(
        sounds_in(e, k) for e in english_skeletons(english) for k in korean_skeletons(korean)
    )


def test_english_names_skip_titles_days_and_sentence_starts() -> None:
    text = "The President met Jensen Huang on Monday. Officials from the Beach Department said so."
    assert english_names(text) == ["Jensen Huang"]
    assert english_names("Volvo said the Prime Minister of North Macedonia agreed.") == [
        "Volvo",
        "North Macedonia",
    ]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("젠슨 황 엔비디아 CEO는 말했다.", "Nvidia CEO Jensen Huang said."),
        ("김정은 위원장은 회담에 관심을 보였다.", "Chairman Kim Jong-un showed interest."),
        ("모건 스탠리는 보고서에서 밝혔다.", "Morgan Stanley said in a report."),
        ("북한과 미국은 대화를 재개했다.", "North Korea and the United States resumed talks."),
        ("독일 정부는 반대했다.", "The German government objected."),
        ("칠레 대통령은 말했다.", "The Chilean president said."),
        ("미 정부는 이를 부인했다.", "Washington denied it."),
        ("Dojo는 H100 칩을 쓴다.", "Dojo uses the H100 chip."),
        ("그는 월요일 떠났다.", "He left on Monday."),
    ],
)
def test_grounded_names_pass(source: str, target: str) -> None:
    assert check_names(source, target) == []


@pytest.mark.parametrize(
    ("source", "target", "invented"),
    [
        ("테슬라는 엔비디아 칩을 샀다.", "Tesla bought chips from Mark Kelly.", "Mark Kelly"),
        ("딥시크는 새 모델을 공개했다.", "Deepcreek released a new model.", "Deepcreek"),
        ("마이크로소프트 CEO는 말했다.", "Microsoft CEO Mark Zuckerberg said.", "Mark Zuckerberg"),
        ("일본 정부는 반대했다.", "The government of Brazil objected.", "Brazil"),
        ("그는 서울에서 태어났다.", "He was born in Pyongyang.", "Pyongyang"),
    ],
)
def test_invented_names_are_flagged(source: str, target: str, invented: str) -> None:
    [flag] = check_names(source, target)
    assert flag.check == "invented name"
    assert flag.detail == f"not in the Korean: {invented}"


def test_adequacy_flags_an_english_sentence_about_something_else() -> None:
    source = "정부는 내년 예산안을 국회에 제출했다고 밝혔다."
    faithful = "The government said it had submitted next year's budget to parliament."
    other = "The striker scored twice in the second half to win the cup final."
    assert "adequacy" not in checks(source, faithful)
    flags = [f for f in check_translation(source, other) if f.check == "adequacy"]
    assert len(flags) == 1 and flags[0].detail.startswith("says something else than the Korean")


def test_meaning_checks_judge_a_batch_as_one_by_one() -> None:
    sources = ["정부는 예산안을 제출했다.", "", "그는 월요일 떠났다.", "일본 정부는 반대했다."]
    targets = ["The government submitted its budget.", "", "", "Brazil objected."]
    batch = check_translations(sources, targets)
    assert batch == [check_translation(s, t) for s, t in zip(sources, targets, strict=True)]
    assert batch[1] == [] and [f.check for f in batch[2]] == ["empty"]
    assert "invented name" in {f.check for f in batch[3]}


ARTICLE = (
    "The city council approved a new bridge over the river on Monday. Officials said the "
    "bridge would cost 40 million dollars and open in 2026. Residents had asked for a crossing "
    "for years, as the nearest one is ten kilometres away."
)


def test_a_summary_sentence_the_article_does_not_support_is_flagged() -> None:
    assert check_summary("The council approved a bridge that will open in 2026.", ARTICLE) == []
    flags = check_summary(
        "The council approved a bridge. The striker scored twice to win the cup final.", ARTICLE
    )
    [flag] = [f for f in flags if f.check == "unsupported"]
    assert "The striker scored twice" in flag.detail and "bridge" not in flag.detail


def test_the_benchmark_s_invented_content_is_caught_on_sample_lines() -> None:
    import random

    from benchmarks.corruptions import invented_content

    sources = [
        "젠슨 황 엔비디아 CEO는 독일 정부가 새 공장을 지원한다고 말했다.",
        "시의회는 월요일 강 위의 새 다리를 승인했다.",
    ]
    targets = [
        "Nvidia CEO Jensen Huang said the government of Germany supports the new plant.",
        "The city council approved a new bridge over the river on Monday.",
    ]
    sources.append("모건 스탠리는 보고서에서 금리가 오를 것이라고 밝혔다.")
    targets.append("Morgan Stanley said in a report that interest rates would rise.")
    makers = invented_content(sources, targets, [0, 1, 2])
    clean = check_translation(sources[0], targets[0])
    assert clean == []
    for kind, corrupt in makers.items():
        corrupted = corrupt(sources[0], targets[0], random.Random(3))
        assert corrupted and corrupted != targets[0], kind
        assert set(check_translation(sources[0], corrupted)) - set(clean), (kind, corrupted)


def test_a_country_needs_its_korean_name_or_a_word_that_starts_like_it() -> None:
    source = "마케도니아 대통령은 이웃 나라와의 분쟁을 끝내고 싶다고 말했다."
    assert check_names(source, "The president of Macedonia wants to end the dispute.") == []
    [flag] = check_names(source, "The president of Cameroon wants to end the dispute.")
    assert flag.detail == "not in the Korean: Cameroon"
    storm = "The storm hit the northern coast of Haiti."
    [flag] = check_names("태풍이 북쪽 해안을 강타했다.", storm)
    assert flag.detail == "not in the Korean: Haiti"
