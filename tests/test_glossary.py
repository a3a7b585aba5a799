"""Glossaries: the files users bring, matching through particles and spacing, what a model is
told, the glossary check, and a run's record of the terms."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import UsageError
from summarizer.names import Glossary
from summarizer.names.memory import glossed_names
from summarizer.tasks import hints


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def pairs(glossary: Glossary) -> dict[str, str]:
    return {korean: english for korean, english in glossary.terms.values()}


def test_tsv_and_csv_as_deepl_google_and_amazon_take_them(tmp_path: Path) -> None:
    tsv = write(tmp_path, "names.tsv", "# names\n엔비디아\tNvidia\n\n젠슨 황\tJensen Huang\n")
    csv = write(tmp_path, "names.csv", '\ufeff모건스탠리,"Morgan Stanley"\n테슬라,Tesla\n')
    amazon = write(tmp_path, "amazon.csv", "en,ko\nDeepSeek,딥시크\n")
    deepl = write(tmp_path, "deepl.csv", "도조,Dojo,ko,en\n")
    glossary = Glossary.read([tsv, csv, amazon, deepl])
    assert pairs(glossary) == {
        "엔비디아": "Nvidia",
        "젠슨 황": "Jensen Huang",
        "모건스탠리": "Morgan Stanley",
        "테슬라": "Tesla",
        "딥시크": "DeepSeek",
        "도조": "Dojo",
    }
    assert len(glossary.sha256) == 64
    assert Glossary.read([deepl, amazon]).sha256 != glossary.sha256


def test_tbx_and_tmx(tmp_path: Path) -> None:
    tbx = write(
        tmp_path,
        "names.tbx",
        '<?xml version="1.0"?><martif type="TBX"><text><body>'
        '<termEntry><langSet xml:lang="ko"><tig><term>엔비디아</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>Nvidia</term></tig></langSet></termEntry>'
        "</body></text></martif>",
    )
    tmx = write(
        tmp_path,
        "names.tmx",
        '<tmx version="1.4"><body><tu><tuv xml:lang="ko"><seg>젠슨 황</seg></tuv>'
        '<tuv xml:lang="en"><seg>Jensen Huang</seg></tuv></tu></body></tmx>',
    )
    assert pairs(Glossary.read([tbx, tmx])) == {"엔비디아": "Nvidia", "젠슨 황": "Jensen Huang"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("엔비디아\tNvidia\n테슬라\n", "names.tsv:2: expected two columns"),
        ("엔비디아\tNvidia\n테슬라\tTesla\tX\n", "names.tsv:2: expected two columns"),
        ("엔비디아\tNvidia\n엔비디아\tNVIDIA Corp\n", "names.tsv:2: 엔비디아 → 'NVIDIA Corp', but"),
        ("# only a comment\n\n", "names.tsv: holds no terms"),
        ("Nvidia\t엔비디아\n", "names.tsv:1: the first column must be the Korean term"),
    ],
)
def test_a_bad_file_is_one_line_naming_file_and_line(
    tmp_path: Path, text: str, problem: str
) -> None:
    with pytest.raises(UsageError, match=problem) as caught:
        Glossary.read([write(tmp_path, "names.tsv", text)])
    assert "\n" not in str(caught.value)


def test_not_utf8_and_not_xml_and_two_files_that_disagree(tmp_path: Path) -> None:
    cp949 = write(tmp_path, "cp949.tsv", "엔비디아\tNvidia\n", encoding="cp949")
    with pytest.raises(UsageError, match=r"cp949.tsv:1: not UTF-8"):
        Glossary.read([cp949])
    broken = write(tmp_path, "broken.tbx", "<martif><termEntry>")
    with pytest.raises(UsageError, match=r"broken.tbx:1: not well-formed XML"):
        Glossary.read([broken])
    one = write(tmp_path, "one.tsv", "엔비디아\tNvidia\n")
    other = write(tmp_path, "other.tsv", "# x\n엔비디아\tNVDA\n")
    with pytest.raises(UsageError, match=r"other.tsv:2: .*one.tsv:1 gives 'Nvidia'"):
        Glossary.read([one, other])
    with pytest.raises(UsageError, match="is a folder"):
        Glossary.read([tmp_path])


GLOSSARY = Glossary.of(
    [
        ("엔비디아", "Nvidia"),
        ("젠슨 황", "Jensen Huang"),
        ("젠슨", "Jensen"),
        ("모건스탠리", "Morgan Stanley"),
        ("델", "Dell"),
        ("황", "Hwang"),
        ("챗GPT", "ChatGPT"),
    ]
)


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("엔비디아는 실적을 발표했다.", ["엔비디아"]),
        ("엔비디아의 주가, 엔비디아나 AMD, 엔비디아엔 호재", ["엔비디아"]),
        ("젠슨 황 최고경영자", ["젠슨 황"]),
        ("젠슨황은 말했다", ["젠슨 황"]),
        ("모건스탠리팀의 예측", ["모건스탠리"]),
        ("새 모델이 나왔다", []),  # 델 inside 모델
        ("상황이 좋다", []),  # 황 inside 상황
        ("델과 레노버", ["델"]),
        ("챗GPT로부터 엔비디아까지", ["챗GPT", "엔비디아"]),
    ],
)
def test_terms_are_found_through_particles_and_spacing(sentence: str, found: list[str]) -> None:
    assert [korean for korean, _ in GLOSSARY.found(sentence)] == found


def test_requests_carry_the_terms_each_sentence_holds_and_the_article_memory() -> None:
    article = [
        "엔비디아(NVIDIA)는 21일 실적을 발표했다.",
        "도조(Dojo)는 테슬라의 슈퍼컴퓨터다.",
        "도조의 성능은 뛰어나다.",
        "테슬라 최고경영자(CEO)는 말했다.",
        "최고경영자는 웃었다.",
    ]
    units = hints.requests(article, Glossary.of([("엔비디아", "Nvidia")]))
    parsed = [hints.parse(unit) for unit in units]
    assert [source for source, _ in parsed] == article
    assert [terms for _, terms in parsed] == [
        [("엔비디아", "Nvidia")],  # the user's glossary wins over the article's gloss
        [("도조", "Dojo")],
        [("도조", "Dojo")],
        [],
        [],  # CEO glosses an ordinary Korean word, not a name
    ]
    assert units[3] == article[3], "a sentence without terms is its own cache key"


def test_latin_glosses_of_names_only() -> None:
    assert glossed_names("애덤 조나스(Adam Jonas)가 이끄는") == [("애덤 조나스", "Adam Jonas")]
    assert glossed_names("아마존웹서비스(AWS)와") == [("아마존웹서비스", "AWS")]
    assert glossed_names("황의 법칙(Huang's Law)과 나노미터(nm)") == []
    assert glossed_names("도장에 들어와라(Enter the Dojo)") == []


def test_the_glossary_check_flags_a_missing_term() -> None:
    from summarizer.checks import check_translations

    sources = ["엔비디아는 실적을 발표했다."] * 2
    targets = ["Nvidia's results are out.", "Intel announced its results."]
    terms = [[("엔비디아", "Nvidia")]] * 2
    flags = check_translations(sources, targets, terms)
    assert not any(f.check == "glossary" for f in flags[0])
    assert [f.detail for f in flags[1] if f.check == "glossary"] == ["missing: 엔비디아 → Nvidia"]
