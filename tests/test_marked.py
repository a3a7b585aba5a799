"""The reader sees flagged sentences: footnotes in translation.en.md, highlighted rows in the
report, and counts that agree with the command line."""

from __future__ import annotations

from summarizer.checks import Flag
from summarizer.pipeline.marked import marked_translation, plain_translation


def test_flagged_sentences_get_a_footnote_with_the_reasons() -> None:
    paragraphs = [["First sentence.", "Second sentence."], ["Third sentence."]]
    flags = [
        [],
        [Flag("invented name", "not in the Korean: Mark Kelly"), Flag("adequacy", "low")],
        [Flag("numbers", "5 is not in the source")],
    ]
    text = marked_translation(paragraphs, flags)
    body, notes = text.split("\n\n---\n\n")
    assert body == "First sentence. Second sentence.[^1]\n\nThird sentence.[^2]"
    assert notes.splitlines()[-2:] == [
        "[^1]: Sentence 2: invented name: not in the Korean: Mark Kelly; adequacy: low",
        "[^2]: Sentence 3: numbers: 5 is not in the source",
    ]
    assert plain_translation(text) == "First sentence. Second sentence.\n\nThird sentence."


def test_a_translation_without_flags_is_left_as_it_is() -> None:
    assert marked_translation([["One.", ""], ["Two."]], [[], [], []]) == "One.\n\nTwo."
