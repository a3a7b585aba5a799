"""Reading article files: encodings, normalisation, HTML extraction and input errors."""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.text.articles import ARTICLE_SUFFIXES, read_article
from summarizer.text.listing import find_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def excerpt() -> str:
    """The first three lines of a seed: Korean with curly quotes, digits and Latin words."""
    lines = (SEEDS / "003_b1d73babfa129a0a.txt").read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[:3]) + "\n"


@pytest.mark.parametrize(
    ("codec", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("cp949", "cp949"),
        ("euc-kr", "cp949"),
        ("utf-16", "utf-16"),
    ],
)
def test_encodings_decode_to_the_same_text(
    tmp_path: Path, excerpt: str, codec: str, expected: str
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(excerpt.encode(codec))
    article = read_article(path)
    assert article.text == unicodedata.normalize("NFC", excerpt)
    assert article.encoding == expected
    assert article.format == "text"
    assert article.stem == "article"
    assert article.path == path


@pytest.mark.parametrize(
    "text",
    ["MAGAZINE / INFORMATION\n2024. 05. 07\nAI 산업의", "안녕", "Hello 세계", "뉴스\n"],
)
def test_short_korean_legacy_text_is_cp949(tmp_path: Path, text: str) -> None:
    """charset-normalizer alone guesses big5 or UTF-16 for these; CP949 must win."""
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode("cp949"))
    article = read_article(path)
    assert article.text == text
    assert article.encoding == "cp949"


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (
            "テスラは自社設計のAIチップを量産し、スーパーコンピューターを構築している。\n",
            "shift_jis",
        ),
        ("特斯拉正在量产自主设计的人工智能芯片，并建设超级计算机。市场反应强烈。\n", "gb2312"),
        ("Тесла начала массовое производство собственных чипов для ИИ.\n", "cp1251"),
    ],
)
def test_other_legacy_encodings_are_not_taken_for_korean(
    tmp_path: Path, text: str, codec: str
) -> None:
    path = tmp_path / "foreign.txt"
    path.write_bytes(text.encode(codec))
    article = read_article(path)
    assert article.text == text
    assert article.encoding != "cp949"


def test_text_is_normalised(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "테슬라 도조")
    assert decomposed != "테슬라 도조"
    raw = f"{decomposed}\r\n첫\u200b문장\u00a0입니다.\r두 번째\u3000줄\u2028끝"
    path = tmp_path / "mac.txt"
    path.write_text(raw, encoding="utf-8", newline="")
    article = read_article(path)
    assert article.text == "테슬라 도조\n첫문장 입니다.\n두 번째 줄\n끝"
    assert unicodedata.is_normalized("NFC", article.text)


@pytest.mark.parametrize(("suffix", "fmt"), [(".md", "markdown"), (".HTM", "html")])
def test_format_follows_suffix(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"article{suffix}"
    body = "<html><body><article><p>테슬라가 도조를 공개했다. 시장은 크게 반응했다.</p>"
    path.write_text(body + "</article></body></html>" if fmt == "html" else "# 제목\n", "utf-8")
    assert read_article(path).format == fmt


HTML = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8"><title>테슬라 도조의 진가 - 테크뉴스</title>
<script>var tracking = "추적스크립트코드";</script></head>
<body>
<nav><ul><li><a href="/">메인메뉴홈</a></li><li><a href="/news">뉴스목록메뉴</a></li></ul></nav>
<article>
<h1>테슬라 AI슈퍼컴 '도조'의 진가</h1>
<p>모건스탠리의 분석가들이 최근 테슬라의 슈퍼컴퓨터 도조가 테슬라의 시장가치를 5000억달러
증가시킬 수 있다고 관측했다.</p>
<p>테슬라는 엔비디아의 GPU 클러스터를 사용해 자동조종 시스템용 신경망을 훈련해왔다.</p>
<script>document.write("광고스크립트문구");</script>
<p>도조는 소프트웨어 언어 파이토치를 사용하고 새로운 부동 소수점 형식을 도입했다.</p>
</article>
<footer>Copyright © 테크뉴스. All rights reserved.</footer>
</body></html>
"""


def test_html_article_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_article(path)
    lines = article.text.splitlines()
    assert article.format == "html"
    assert lines[0] == "테슬라 AI슈퍼컴 '도조'의 진가"
    assert (
        "테슬라는 엔비디아의 GPU 클러스터를 사용해 자동조종 시스템용 신경망을 훈련해왔다." in lines
    )
    assert (
        lines[-1]
        == "도조는 소프트웨어 언어 파이토치를 사용하고 새로운 부동 소수점 형식을 도입했다."
    )
    for chrome in ("추적스크립트코드", "광고스크립트문구", "메인메뉴홈", "뉴스목록메뉴", "<p>"):
        assert chrome not in article.text


def test_html_title_is_prepended_when_the_body_lacks_it(tmp_path: Path) -> None:
    page = HTML.replace("<h1>테슬라 AI슈퍼컴 '도조'의 진가</h1>", "").replace(
        "<title>테슬라 도조의 진가 - 테크뉴스</title>",
        '<title>테슬라 도조의 진가</title><meta property="og:title" content="테슬라 도조의 진가">',
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    lines = read_article(path).text.splitlines()
    assert lines[0] == "테슬라 도조의 진가"
    assert lines[1].startswith("모건스탠리의 분석가들이")


def test_short_html_page_keeps_paragraph_breaks(tmp_path: Path) -> None:
    page = """<html><head><title>삼성전자 3분기 실적 - 뉴스</title></head><body>
<nav>홈 &gt; 경제 &gt; 산업</nav>
<article><h1>삼성전자, 3분기 영업이익 10조 돌파</h1>
<p>삼성전자가 3분기 영업이익 10조원을 넘어섰다고 11일 공시했다.</p>
<figure><img src="a.jpg"><figcaption>삼성전자 서초 사옥</figcaption></figure>
<p>회사 관계자는 "수익성이 크게 개선됐다"고 말했다.</p>
<p>hong@example.com</p>
</article></body></html>"""
    path = tmp_path / "brief.html"
    path.write_text(page, encoding="utf-8")
    assert read_article(path).text.splitlines() == [
        "삼성전자, 3분기 영업이익 10조 돌파",
        "삼성전자가 3분기 영업이익 10조원을 넘어섰다고 11일 공시했다.",
        '회사 관계자는 "수익성이 크게 개선됐다"고 말했다.',
        "hong@example.com",
    ]


def test_cp949_html_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    page = HTML.replace('<meta charset="utf-8">', "").replace("©", "(c)")
    path.write_bytes(page.encode("cp949"))
    article = read_article(path)
    assert article.encoding == "cp949"
    assert "테슬라는 엔비디아의 GPU 클러스터를" in article.text


def test_html_without_article_text_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body></body></html>", "utf-8")
    with pytest.raises(InputError, match=r"no article text found in .*blank\.html"):
        read_article(path)


def _png_bytes() -> bytes:
    rng = random.Random(7)
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(2048))


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.md", b" \n\t\r\n  \n", "empty"),
        ("invisible.txt", "\u200b\u00a0\n".encode(), "empty"),
        ("image.txt", _png_bytes(), "binary"),
        ("controls.txt", bytes(range(1, 32)) * 40, "binary"),
        ("garbage.txt", bytes(range(0x80, 0x100)) * 8, "cannot decode"),
        ("bad-bom.txt", b"\xef\xbb\xbf\xff\xfe\xfa", "cannot decode"),
    ],
)
def test_unreadable_content_is_an_input_error(
    tmp_path: Path, name: str, content: bytes, pattern: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=pattern) as info:
        read_article(path)
    message = str(info.value)
    assert name in message
    assert "\n" not in message


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not found: .*nothing\.txt"):
        read_article(tmp_path / "nothing.txt")


def test_directory_is_an_input_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match=r"folder\.txt is a folder"):
        read_article(folder)


def test_unsupported_suffix_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "article.pdf"
    path.write_text("테슬라가 도조를 공개했다.", encoding="utf-8")
    with pytest.raises(InputError, match=r"unsupported article type '\.pdf' for .*article\.pdf"):
        read_article(path)


def test_find_articles_lists_article_files_only(tmp_path: Path) -> None:
    for name in ("b.md", "a.txt", "c.HTML", "d.htm", "notes.json", "image.png", ".hidden.txt"):
        (tmp_path / name).write_text("본문", encoding="utf-8")
    refs = tmp_path / "refs"
    refs.mkdir()
    (refs / "a.txt").write_text("참조 요약", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()
    found = find_articles(tmp_path)
    assert [path.name for path in found] == ["a.txt", "b.md", "c.HTML", "d.htm"]
    assert all(path.parent == tmp_path for path in found)
    assert set(ARTICLE_SUFFIXES) == {".txt", ".md", ".html", ".htm"}


def test_find_articles_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"folder not found: .*absent"):
        find_articles(tmp_path / "absent")


def test_find_articles_rejects_a_file(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("본문", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a folder: .*one\.txt"):
        find_articles(path)
