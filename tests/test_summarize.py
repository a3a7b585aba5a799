"""Summaries: one pass when the text fits, map-reduce when it does not, length trimming."""

from __future__ import annotations

from pathlib import Path

import pytest
from recording import record_batches

from summarizer.cache.null import NullCache
from summarizer.cache.store import Cache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.summarize import Summarizer

ARTICLE = "Tesla shares jumped 6% on the Nasdaq this week. Morgan Stanley raised its target. "
LONG = (
    ARTICLE
    + (
        "The bank said Dojo alone could add up to $500 billion to Tesla's value. Dojo trains the "
        "neural networks behind Tesla's driver assistance. "
    )
    * 3
)


def summarizer(folder: Path, cache: Cache | NullCache | None = None, **kw: int) -> Summarizer:
    spec = resolve(str(folder), folder.parent)
    return Summarizer(Model(spec, "summarization"), cache or NullCache(), **kw)


@pytest.mark.parametrize("fixture", ["tiny_bart", "tiny_t5", "tiny_llama"])
def test_each_model_kind_summarizes(fixture: str, request: pytest.FixtureRequest) -> None:
    job = summarizer(request.getfixturevalue(fixture))
    engine = job.model.engine
    assert max(engine.count_tokens([ARTICLE])) <= engine.max_input_tokens
    results = job.summarize([ARTICLE, "Nvidia fell 3% on Monday."])
    assert len(results) == 2
    assert all(r.text and r.rounds == 1 and not r.cached for r in results)


def test_long_input_goes_through_map_reduce(tiny_bart_short: Path) -> None:
    job = summarizer(tiny_bart_short)
    engine = job.model.engine
    assert engine.count_tokens([LONG])[0] > engine.max_input_tokens
    chunks = job._chunks(LONG)
    assert len(chunks) > 1
    assert " ".join(chunks).split() == LONG.split(), "map step must cover every word"
    calls = record_batches(job.model)
    [result] = job.summarize([LONG])
    assert result.rounds >= 2
    assert result.text
    inputs = [text for batch in calls for text in batch]
    assert inputs[: len(chunks)] == chunks
    assert len(inputs) > len(chunks), "the partial summaries are summarized again"
    assert all(n <= engine.max_input_tokens for n in engine.count_tokens(inputs))


def test_short_texts_are_batched_across_articles(tiny_bart: Path) -> None:
    job = summarizer(tiny_bart, batch_size=4)
    calls = record_batches(job.model)
    job.summarize([ARTICLE, "Nvidia fell.", "Samsung rose.", "SK hynix rose.", "LG fell."])
    assert [len(c) for c in calls] == [4, 1]


def test_cache_hit_needs_no_model(tiny_bart: Path, tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        first = summarizer(tiny_bart, cache).summarize([ARTICLE])
        again = summarizer(tiny_bart, cache)
        second = again.summarize([ARTICLE])
        assert second[0].cached and second[0].text == first[0].text
        assert not again.model.loaded
        shorter = summarizer(tiny_bart, cache, sentences=1)
        assert not shorter.summarize([ARTICLE])[0].cached


def test_trim_keeps_whole_sentences_within_limits(tiny_bart: Path) -> None:
    job = summarizer(tiny_bart, sentences=2, words=8)
    text = "Tesla rose 6% this week . Morgan Stanley raised its target. Dojo could add value. More."
    assert job.trim(text) == "Tesla rose 6% this week."
    assert summarizer(tiny_bart, sentences=2).trim(text) == (
        "Tesla rose 6% this week. Morgan Stanley raised its target."
    )
    one_long = "word " * 100 + "end."
    assert summarizer(tiny_bart, words=10).trim(one_long) == " ".join(["word"] * 10)
    no_ends = " ".join(f"w{i}" for i in range(256))
    assert summarizer(tiny_bart, words=30).trim(no_ends).split() == no_ends.split()[:30]


def test_an_article_that_cannot_be_shortened_fails_alone(
    tiny_bart_short: Path, tmp_path: Path
) -> None:
    """Forced 46-token partial summaries of chunks no longer than that never shorten the text:
    that article fails with one line, the others are written, nothing is cached for it."""
    from summarizer.config import Settings
    from summarizer.errors import ArticleError
    from summarizer.pipeline.core import Pipeline

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_short.txt").write_text("Nvidia fell 3% on Monday.", encoding="utf-8")
    (folder / "b_long.txt").write_text(LONG, encoding="utf-8")
    (folder / "c_short.txt").write_text("Samsung rose 2% on Tuesday.", encoding="utf-8")
    forced = {"num_beams": 1, "min_new_tokens": 46, "max_new_tokens": 46}
    settings = Settings(summarizer=str(tiny_bart_short), summarizer_decoding=forced)
    out = tmp_path / "out"
    with Cache(tmp_path / "cache.sqlite") as cache:
        pipeline = Pipeline(settings, cache)
        report = pipeline.run(folder, out)
        [failed] = [record for record in report.records() if record.error]
        assert report.failed == 1
        assert failed.stem == "b_long" and "does not shorten its input" in str(failed.error)
        assert sorted(p.parent.name for p in out.glob("*/summary.en.txt")) == [
            "a_short",
            "c_short",
        ]
        assert not (out / "b_long").exists()
        assert len(pipeline.summarizer.lookup([LONG.strip()])) == 0
        with pytest.raises(ArticleError, match=r"b_long\.txt: summarizer .* does not shorten"):
            pipeline.summarize_file(folder / "b_long.txt")
