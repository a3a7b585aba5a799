"""Decoding hostile or damaged article files: stray bytes, legacy Western text, binary behind a
UTF-16 mark, Markdown front matter, bidirectional controls."""

from __future__ import annotations

import random
import struct
from pathlib import Path

import pytest

from summarizer.cache.null import NullCache
from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.pipeline.core import Pipeline
from summarizer.report.assets import html_page
from summarizer.text.articles import UTF8_DAMAGE_SHARE, read_article

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_b1d73babfa129a0a.txt"


def test_utf8_with_a_stray_byte_is_read_with_a_replacement_and_a_warning(tmp_path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    data = text.encode()
    middle = data.index("다.".encode()) + len("다".encode())
    path = tmp_path / "stray.txt"
    path.write_bytes(data[:middle] + b"\xff" + data[middle:])
    article = read_article(path)
    assert (article.encoding, article.replaced) == ("utf-8", 1)
    assert article.text.replace("\ufffd", "") == read_article(SEED).text
    notes: list[str] = []
    Pipeline(Settings(), NullCache(), notify=notes.append).prepare(path)
    assert notes == [f"warning: {path}: 1 byte not valid utf-8, read as U+FFFD (�)"]


def test_utf8_damaged_beyond_the_share_is_not_read_as_utf8(tmp_path: Path) -> None:
    korean = "서울시는 오늘 새로운 교통 정책을 발표했다"
    broken = int(len(korean) * UTF8_DAMAGE_SHARE * 3) + 1
    data = korean.encode() + b"\xff" * broken
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except InputError:
        return
    assert (article.encoding, article.replaced) != ("utf-8", broken)


@pytest.mark.parametrize(
    "text",
    ["The naïve plan failed.", "A naïve café owner said “yes” — twice.", "Déjà vu at the façade."],
)
def test_western_legacy_text_is_windows_1252(tmp_path: Path, text: str) -> None:
    path = tmp_path / "western.txt"
    path.write_bytes(text.encode("cp1252"))
    article = read_article(path)
    assert (article.text, article.encoding) == (text, "cp1252")


def test_central_european_text_keeps_its_encoding(tmp_path: Path) -> None:
    text = "Zażółć gęślą jaźń, powiedział minister. " * 3
    path = tmp_path / "polish.txt"
    path.write_bytes(text.encode("cp1250"))
    assert read_article(path).text == text


def test_binary_behind_a_utf16_mark_is_refused(tmp_path: Path) -> None:
    rng = random.Random(3)
    units = [u for u in (rng.randrange(0x10000) for _ in range(3000)) if not 0xD800 <= u < 0xE000]
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\xff\xfe" + struct.pack(f"<{len(units)}H", *units))
    with pytest.raises(InputError, match="binary"):
        read_article(path)


def test_markdown_front_matter_is_not_article_text(tmp_path: Path) -> None:
    path = tmp_path / "scrape.md"
    body = "# 서울시 교통 정책\n\n서울시는 오늘 발표했다.\n\n---\n\n끝.\n"
    path.write_text("---\ntitle: 서울시\ntags: [교통, 정책]\n---\n" + body, encoding="utf-8")
    assert read_article(path).text == body
    plain = tmp_path / "plain.md"
    plain.write_text(body, encoding="utf-8")
    assert read_article(plain).text == body
    ruled = tmp_path / "ruled.md"
    ruled.write_text("---\n\n" + body, encoding="utf-8")
    assert read_article(ruled).text == "---\n\n" + body


def test_bidirectional_controls_never_reach_text_or_pages(tmp_path: Path) -> None:
    path = tmp_path / "bidi.txt"
    path.write_text("서울시는\u202e 오늘\u2066 발표\u2069했다\u200f.\n", encoding="utf-8")
    assert read_article(path).text == "서울시는 오늘 발표했다.\n"
    page = html_page("stem\u202etxt.exe", "<p>evil\u202e\u2067name</p>")
    assert not any(char in page for char in "\u202e\u2067")
    assert "<p>evilname</p>" in page
