"""The dropped names check: a foreign name the Korean spells out must sound in the English."""

from __future__ import annotations

import pytest

from summarizer.checks import check_translation
from summarizer.checks.dropped import check_dropped
from summarizer.names.foreign import spelled_out
from summarizer.names.sounds import english_skeletons, korean_skeletons, sounds_close


@pytest.mark.parametrize(
    ("source", "target", "missing"),
    [
        (  # seed 001 with qwen2.5-coder-1.5b: Morgan Stanley's forecast became solar panels
            "테슬라의 주가는 모건스탠리팀의 장밋빛 예측에 힘입어 6% 이상 급등했다.",
            "Tesla’s stock rose 6% or more on predictions that the company’s new solar panels "
            "will generate more electricity.",
            "모건스탠리",
        ),
        (  # seed 004: DeepSeek became deep learning ("Deep" alone is too little of 딥시크)
            "딥시크의 등장으로 이런 스케일링 법칙에 의문이 생겼다.",
            "The emergence of deep learning has raised questions about these scaling laws.",
            "딥시크",
        ),
        (  # seed 002: Qwen writes Intel for Nvidia; three consonants must match exactly
            "현재는 엔비디아가 어디에 반도체를 먼저 공급하는지가 AI업계의 판도를 바꾸는 상황이다.",
            "Currently, Intel is the first company to supply chips to the semiconductor industry.",
            "엔비디아",
        ),
        (  # a word in lower case needs three consonants for a name of three ("both", pt)
            "그러나 엔비디아나 테슬라 모두 경쟁력을 갖추고 있다.",
            "However, both Apple and Tesla are competitive.",
            "엔비디아나",
        ),
        (  # seed 000's retry: a word in lower case must match every consonant ("competing")
            "그러나 엔비디아나 테슬라 모두 AI 시장 개화기에 쉽게 쫓아가기 힘든 "
            "수준의 경쟁력을 갖추고 주도권 경쟁을 벌이고 있다는 게 시장의 중평이다.",
            "However, both Apple and Tesla have difficulty competing with each other in the AI "
            "market and are leading the market.",
            "엔비디아나",
        ),
        (  # seed 001: names a comma parts are not one run ("Lenovo, Dell" is not lnptl)
            "엔비디아, 인텔, 레노버, 델, HPE, IBM 등 세계 최고의 기술 대기업들이 AI 하드웨어의 "
            "선두에 있다.",
            "The world's top technology companies, including Intel, Lenovo, Dell, HPE, and IBM, "
            "are at the forefront of AI hardware.",
            "엔비디아",
        ),
        (  # seed 003: a garbled name covers too little of the Korean to answer it
            "모간스탠리가 테슬라의 목표 주가를 400달러로 올린 덕분이다.",
            "This is thanks to Moogans raising Tesla's target price to 400 dollars.",
            "모간스탠리",
        ),
    ],
)
def test_a_spelled_out_name_the_english_leaves_out_is_flagged(
    source: str, target: str, missing: str
) -> None:
    flags = check_dropped(source, target)
    assert [(f.check, f.detail) for f in flags] == [("dropped name", f"missing: {missing}")]
    assert "dropped name" in {f.check for f in check_translation(source, target)}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (
            "테슬라의 주가는 모건스탠리팀의 장밋빛 예측에 힘입어 6% 이상 급등했다.",
            "Tesla's shares jumped more than 6% on the Morgan Stanley team's rosy forecast.",
        ),
        (
            "딥시크의 등장으로 이런 스케일링 법칙에 의문이 생겼다.",
            "DeepSeek's arrival raised doubts about these scaling laws.",
        ),
        (  # two consonants apart in six (j and w read otherwise in Polish)
            "에밀리 라타이코프스키가 그 모자를 썼다.",
            "Emily Ratajkowski wore the hat.",
        ),
        (  # the English name is the longer: the Korean covers half of it
            "에어는 테넌츠 프리미어십 경기에서 승리했다.",
            "Ayr won the Tennent's Premiership match.",
        ),
        (  # a hyphenated word is also read whole
            "록키스는 금요일 밤 승리하여 최소한 와일드카드 자리 하나를 얻었다.",
            "The Rockies won on Friday night to clinch at least a wild-card spot.",
        ),
        (  # accented letters belong to the word
            "라미레즈는 그 일이 대학 시절에 있었다고 주장했다.",
            "Ramiérez claimed it happened during their college years.",
        ),
        (  # a place with a particle Kiwi left on it (미크로네시아의) is still a place
            "미크로네시아의 대통령이 말했다.",
            "The president of the islands said so.",
        ),
        (  # Korean and Sino-Korean names have no sound to find: not judged
            "노동당은 김정은 위원장의 발언을 비판했다.",
            "Labour criticised the chairman's remarks.",
        ),
        (  # a name the Korean glosses in Latin script is the Latin terms check's
            "에밀리 라타이코프스키(Emily Ratajkowski)가 그 모자를 썼다.",
            "Emily Ratajkowski wore the hat.",
        ),
        (  # a country, in its full name: the places rule speaks for it
            "유권자들은 북마케도니아공화국으로 이름을 바꿀지 투표한다.",
            "Voters decide whether to change the name to the Republic of North Macedonia.",
        ),
    ],
)
def test_a_name_the_english_says_or_one_not_judged_passes(source: str, target: str) -> None:
    assert check_dropped(source, target) == []


@pytest.mark.parametrize(
    ("noun", "foreign"),
    [
        ("모건스탠리", True),
        ("딥시크", True),
        ("트럼프", True),
        ("캐버노", True),
        ("엔비디아", True),
        ("할킷", True),  # a final ㅅ
        ("가이거", False),  # Geiger, in syllables Sino-Korean also has: not judged
        ("김정은", False),
        ("노동당", False),
        ("쾌속정", False),  # 쾌 is Sino-Korean (快)
    ],
)
def test_spelled_out_names_have_a_syllable_sino_korean_lacks(noun: str, foreign: bool) -> None:
    assert spelled_out(noun) is foreign


@pytest.mark.parametrize(
    ("english", "korean", "close"),
    [
        ("Morgan Stanley", "모건스탠리", True),
        ("Nvidia", "엔비디아", True),
        ("Intel", "엔비디아", False),
        ("Ratajkowski", "라타이코프스키", True),
        ("Premiership", "프리미어", True),
        ("Deep", "딥시크", False),
        ("Moogans", "모간스탠리", False),
        ("camera", "캐버노", False),
    ],
)
def test_skeletons_close_enough_to_say_the_same_name(
    english: str, korean: str, close: bool
) -> None:
    found = any(
        sounds_close(e, k)
        for e in english_skeletons(english.replace(" ", ""))
        for k in korean_skeletons(korean)
    )
    assert found is close
