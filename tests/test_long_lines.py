"""Checks on long lines cost one pass, not one per term or figure: the latin terms check looks
terms up among a text's words (the same answers as each term's pattern), and the numbers
check looks only next to each figure for letters glued to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.names.latin import _acronyms, contains_term, latin_terms

NTREX = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128"


def _by_pattern(text: str, term: str) -> bool:
    """The lookup as it was: the term's pattern searched in the folded text."""
    folded = text.casefold().replace(".", "")
    key = term.casefold().replace(".", "")
    if re.search(r"(?<![a-z0-9])" + re.escape(key) + r"s?(?![a-z0-9])", folded):
        return True
    return term.isupper() and term.isalpha() and term in _acronyms(text)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("the U.N. said", "UN"),
        ("two H100s and one A100", "H100"),
        ("H100을 샀다", "H100"),
        ("the H1000 chip", "H100"),
        ("AT&T and Coca-Cola", "AT&T"),
        ("AT&Tx", "AT&T"),
        ("coca-cola's rival", "Coca-Cola"),
        ("the European Union agreed", "EU"),
        ("EUs", "EU"),
        ("SUN", "UN"),
    ],
)
def test_same_answers_as_the_pattern(text: str, term: str) -> None:
    assert contains_term(text, term) == _by_pattern(text, term)


@pytest.mark.skipif(not NTREX.is_dir(), reason="needs NTREX-128 in ../shared")
def test_same_answers_on_ntrex() -> None:
    english = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").split("\n")
    terms = sorted({term for line in english for term in latin_terms(line)})[::20]
    for line in english[::40]:
        for term in terms:
            assert contains_term(line, term) == _by_pattern(line, term), (line, term)


def test_a_long_text_is_read_once_for_all_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.names import latin as terms

    target = "The ABC Broadcasting Company said so. " * 2_000
    source = " ".join(f"XQ{n}와 ZZ{chr(65 + n % 26)}" for n in range(60))
    reads: list[int] = []
    folded, acronyms = terms._folded, terms._acronyms
    monkeypatch.setattr(terms, "_folded", lambda t: reads.append(len(t)) or folded(t))
    monkeypatch.setattr(terms, "_acronyms", lambda t: reads.append(len(t)) or acronyms(t))
    missing = terms.missing_terms(source, target)
    assert missing[:3] == ["XQ0", "ZZA", "XQ1"]
    assert reads.count(len(target)) == 2  # folded once, its acronyms gathered once


def test_figures_look_only_next_to_themselves(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.checks import english_numbers, korean_numbers, quantity

    class Spy:
        def __init__(self, pattern: re.Pattern[str]) -> None:
            self.pattern = pattern

        def search(self, text: str, pos: int = 0, endpos: int = 10**9) -> re.Match[str] | None:
            assert min(endpos, len(text)) - pos <= 3, "read the whole text before a figure"
            return self.pattern.search(text, pos, endpos)

    monkeypatch.setattr(quantity, "_LATIN_BEFORE", Spy(quantity._LATIN_BEFORE))
    korean = "서울 인구는 940만 명이고 H100 칩은 3만 개다. " * 200
    english = "Seoul has 9.4 million people and 30,000 H100 chips. " * 200
    assert [q.value for q in korean_numbers.korean_quantities(korean)][:3] == [9.4e6, 100, 3e4]
    assert [q.value for q in english_numbers.english_quantities(english)][:3] == [9.4e6, 30000, 100]


@pytest.mark.parametrize(
    ("text", "glued"),
    [("H100", True), ("G-7", True), ("a\n5", True), ("a-\n5", True), ("a -5", False), ("5", False)],
)
def test_glued_figures_as_before(text: str, glued: bool) -> None:
    from summarizer.checks.quantity import glued_before

    start = re.search(r"\d", text).start()  # type: ignore[union-attr]
    assert glued_before(text, start) is glued
    assert (re.search(r"[A-Za-z]-?$", text[:start]) is not None) is glued
