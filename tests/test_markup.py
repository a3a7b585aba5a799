"""Translations and summaries are plain text: a model's HTML or Markdown is removed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from summarizer.cache.store import Cache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.summarize import Summarizer
from summarizer.tasks.translate import Translator
from summarizer.text.markup import plain_text


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("It is called <em>Deepcreek</em>.", "It is called Deepcreek."),
        ('The <b class="x">big</b> one<br/> came.', "The big one came."),
        ("**Tesla** and *Nvidia* and _AMD_ rose.", "Tesla and Nvidia and AMD rose."),
        ("# Dojo\n\nTesla's computer.", "Dojo\n\nTesla's computer."),
        ("See [the report](https://x.org) and ![a chart](c.png).", "See the report and a chart."),
        ("The `H100` chip; AT&amp;T &quot;won&quot;.", 'The H100 chip; AT&T "won".'),
        ("~~Old~~ news.", "Old news."),
    ],
)
def test_markup_a_model_wrote_is_removed(written: str, plain: str) -> None:
    assert plain_text(written) == plain


@pytest.mark.parametrize(
    "text",
    [
        "Sales rose 5% as the index fell < 2 points and costs stayed > 3%.",
        "The formula x<y>z holds, and 2*3*4 is 24.",
        "The file_name_here variable and C# code.",
        "1999. The year the crisis began.",
        "He was ranked #1 in Korea's top-10 list [sic].",
        "Samsung & LG; a \\ b.",
        "A plain sentence with no markup at all.",
    ],
)
def test_text_that_only_looks_like_markup_is_kept(text: str) -> None:
    assert plain_text(text) == text


def with_replies(model: Model, reply: str) -> None:
    """The model answers every input with `reply` (what a web-trained model might write)."""

    def generate(inputs: Sequence[str], **_: object) -> list[str]:
        return [reply for _ in inputs]

    model.engine.generate = generate  # type: ignore[method-assign]


def test_translations_and_summaries_are_written_as_plain_text(
    tiny_marian: Path, tiny_bart: Path, tmp_path: Path
) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        model = Model(resolve(str(tiny_marian), tmp_path), "translation")
        with_replies(model, "The <em>Deepcreek</em> project is **big**.")
        translated = Translator(model, cache).translate(["딥크릭 프로젝트는 크다."])
        assert translated.texts == ["The Deepcreek project is big."]
        summarizer = Summarizer(Model(resolve(str(tiny_bart), tmp_path), "summarization"), cache)
        with_replies(summarizer.model, "The <em>Deepcreek</em> project is **big**.")
        [summary] = summarizer.summarize(["The Deepcreek project is big. It was built in 2020."])
        assert summary.text == "The Deepcreek project is big."
