"""A summary that is empty, loops or is off topic is asked for again; both attempts are kept.

Tiny random-weight models write nonsense, which the off-topic check flags, so every summary
they write goes through the retry: chat models get the request again after the article,
others beam search, both with repeated trigrams blocked.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.cache.null import NullCache
from summarizer.cache.store import Cache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks.summarize import RETRY_BEAMS, RETRY_NO_REPEAT, SEVERE, Summarizer

ARTICLE = (
    "Tesla shares jumped 6% on the Nasdaq this week after Morgan Stanley raised its target. "
    "The bank said the Dojo computer could add 500 billion dollars to the carmaker's value."
)


def summarizer(folder: Path, cache: Cache | NullCache | None = None) -> Summarizer:
    spec = resolve(str(folder), folder.parent)
    return Summarizer(Model(spec, "summarization"), cache or NullCache())


def spy(job: Summarizer) -> list[dict[str, Any]]:
    """Every call the engine gets: its inputs, system prompt and beam override."""
    calls: list[dict[str, Any]] = []
    engine = job.model.engine
    original = engine.generate

    def generate(
        inputs: Sequence[str],
        *,
        system: str | None = None,
        num_beams: int | None = None,
        no_repeat_ngram_size: int | None = None,
    ) -> list[str]:
        calls.append(
            {
                "inputs": list(inputs),
                "system": system,
                "num_beams": num_beams,
                "no_repeat": no_repeat_ngram_size,
            }
        )
        return original(
            inputs, system=system, num_beams=num_beams, no_repeat_ngram_size=no_repeat_ngram_size
        )

    engine.generate = generate  # type: ignore[method-assign]
    return calls


def test_a_chat_model_is_asked_again_with_the_request_after_the_article(
    tiny_llama: Path, tmp_path: Path
) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        job = summarizer(tiny_llama, cache)
        calls = spy(job)
        [summary] = job.summarize([ARTICLE])
        assert len(calls) == 2, "a first attempt, then one retry"
        first, again = calls
        assert first["inputs"] == [ARTICLE] and again["system"] == first["system"]
        assert (first["no_repeat"], again["no_repeat"]) == (None, RETRY_NO_REPEAT)
        [asked] = again["inputs"]
        assert asked.startswith(ARTICLE + "\n\n") and "at most 3 sentences and 80 words" in asked
        record = summary.retried
        assert record is not None
        assert record["how"] == "the request after the article, no repeated 3-grams"
        assert record["kept"] in {"first", "retry"} and isinstance(record["other"], str)
        assert all(flag["check"] in SEVERE for flag in record["other_flags"])

        again_job = summarizer(tiny_llama, cache)
        [cached] = again_job.summarize([ARTICLE])
        assert cached.cached and cached.text == summary.text and cached.retried == record
        assert not again_job.model.loaded


def test_other_summarizers_are_asked_again_with_beam_search(tiny_bart: Path) -> None:
    job = summarizer(tiny_bart)
    calls = spy(job)
    [summary] = job.summarize([ARTICLE])
    assert [(c["num_beams"], c["no_repeat"]) for c in calls] == [
        (None, None),
        (RETRY_BEAMS, RETRY_NO_REPEAT),
    ]
    assert calls[1]["inputs"] == [ARTICLE]
    assert summary.retried is not None
    assert summary.retried["how"] == "beam 4, no repeated 3-grams"
    assert "/retry-b4-nr3" in job.fingerprint


def test_a_sound_summary_is_not_asked_again(tiny_bart: Path) -> None:
    job = summarizer(tiny_bart)
    calls = spy(job)
    sound = "Tesla shares jumped 6% after Morgan Stanley raised its target."
    assert job._checked([ARTICLE], [sound]) == [(sound, None)]
    assert calls == [], "no model call for a summary the checks pass"


def test_run_records_the_retry_in_result_json(seeds_run: dict[str, Any]) -> None:
    import json

    out: Path = seeds_run["out"]
    results = [json.loads(p.read_text()) for p in sorted(out.glob("*/result.json"))]
    retried = [r for r in results if "summary_retried" in r]
    assert retried, "the tiny BART's summaries are flagged and asked for again"
    for result in retried:
        record = result["summary_retried"]
        assert record["how"] == "beam 4, no repeated 3-grams"
        assert record["kept"] in {"first", "retry"}
        kept_flags = {f["check"] for f in result["summary_flags"]} & SEVERE
        assert len(kept_flags) <= len(record["other_flags"])
