"""A flagged translation is asked again once; the better attempt is kept and both recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from summarizer.cache.store import Cache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.tasks import fewshot
from summarizer.tasks.translate import Translator

SOURCES = ["테슬라 주가가 급등했다.", "엔비디아 주가가 내렸다."]
GOOD = {SOURCES[0]: "Tesla shares soared.", SOURCES[1]: "Nvidia shares fell."}


def scripted(model: Model, first: dict[str, str], again: dict[str, str]) -> list[dict]:
    """Replace the engine's generate: first attempts answer from `first`, retries from
    `again` (keyed by source); every call is recorded."""
    calls: list[dict] = []
    engine = model.engine

    def generate(
        inputs: Sequence[str], *, system: str | None = None, num_beams: int | None = None
    ) -> list[str]:
        calls.append({"inputs": list(inputs), "system": system, "num_beams": num_beams})
        sources = [next(s for s in SOURCES if s in text) for text in inputs]
        retry = num_beams is not None or (system is not None and system != fewshot.shots())
        return [(again if retry else first)[source] for source in sources]

    engine.generate = generate  # type: ignore[method-assign]
    return calls


def translator(folder: Path, cache: Cache, style: str = "seq2seq") -> Translator:
    spec = resolve(str(folder), folder.parent)
    return Translator(Model(replace(spec, prompt_style=style), "translation"), cache)


def test_a_copied_source_is_retried_with_beam_search_and_the_better_kept(
    tiny_marian: Path, tmp_path: Path
) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_marian, cache)
        copies = {s: s for s in SOURCES}
        calls = scripted(job.model, first={**copies, SOURCES[1]: GOOD[SOURCES[1]]}, again=GOOD)
        result = job.translate(SOURCES)
        assert result.texts == [GOOD[SOURCES[0]], GOOD[SOURCES[1]]]
        assert [c["num_beams"] for c in calls] == [None, 4], "one retry, for the flagged one"
        assert calls[1]["inputs"] == [SOURCES[0]]
        record = result.retries[0]
        assert record is not None and record["kept"] == "retry" and record["how"] == "beam 4"
        assert record["other"] == SOURCES[0]
        assert {f["check"] for f in record["other_flags"]} >= {"copied", "untranslated"}
        assert result.flags == [[], []] and result.retries[1] is None

        again = translator(tiny_marian, cache).translate(SOURCES)
        assert again.texts == result.texts and again.retries == result.retries, "cached"


def test_a_segment_that_stays_bad_keeps_its_first_attempt_and_its_flags(
    tiny_marian: Path, tmp_path: Path
) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_marian, cache)
        again = {s: s.rstrip(".") for s in SOURCES}
        scripted(job.model, first={s: s for s in SOURCES}, again=again)
        result = job.translate(SOURCES)
    assert result.texts == SOURCES, "as many flags again: the first attempt stays"
    assert all({f.check for f in flags} >= {"copied"} for flags in result.flags)
    assert all(
        r and r["kept"] == "first" and r["other"] == again[s]
        for r, s in zip(result.retries, SOURCES, strict=True)
    )


def test_a_base_model_is_asked_again_with_other_examples(tiny_marian: Path, tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_marian, cache, style="completion")
        engine = job.model.engine
        # The tiny model's 64 positions cannot hold the examples: count words instead.
        engine.max_input_tokens = 10_000
        engine.count_tokens = lambda texts, system=None: [len(t.split()) for t in texts]  # type: ignore[method-assign]
        calls = scripted(job.model, first={s: s for s in SOURCES}, again=GOOD)
        result = job.translate(SOURCES)
    assert result.texts == [GOOD[s] for s in SOURCES]
    assert calls[0]["system"] == fewshot.shots()
    assert calls[1]["system"] == fewshot.shots(fewshot.RETRY_EXAMPLES)
    assert calls[1]["num_beams"] is None, "greedy: beam search over the examples costs too much"
    assert calls[0]["inputs"] == [fewshot.query(s) for s in SOURCES]
    assert result.retries[0] and result.retries[0]["how"] == "other examples, greedy"


def test_a_chat_model_is_asked_again_greedily_with_what_the_checks_found(
    tiny_llama: Path, tmp_path: Path
) -> None:
    """Beam search over a 151,936-word vocabulary costs a CPU 3 to 5 times a greedy pass: a
    chat model is asked again greedily, the Korean followed by the checks' findings."""
    with Cache(tmp_path / "c.sqlite") as cache:
        job = translator(tiny_llama, cache, style="chat")
        calls: list[dict] = []

        def generate(
            inputs: Sequence[str], *, system: str | None = None, num_beams: int | None = None
        ) -> list[str]:
            calls.append({"inputs": list(inputs), "num_beams": num_beams})
            told = ["An earlier translation" in text for text in inputs]
            return [GOOD[SOURCES[0]] if again else "Samsung shares soared 10%." for again in told]

        engine = job.model.engine
        engine.generate = generate  # type: ignore[method-assign]
        # The tiny model's 64 positions would split the segment: count words instead.
        engine.max_input_tokens = 10_000
        engine.count_tokens = lambda texts, system=None: [len(t.split()) for t in texts]  # type: ignore[method-assign]
        result = job.translate(SOURCES[:1])
    assert result.texts == [GOOD[SOURCES[0]]]
    assert [c["num_beams"] for c in calls] == [None, None], "greedy both times"
    asked = calls[1]["inputs"][0]
    assert asked.startswith(SOURCES[0]) and "invented name: not in the Korean: Samsung" in asked
    assert "numbers:" in asked and "10" in asked
    record = result.retries[0]
    assert record is not None and record["kept"] == "retry"
    assert record["how"] == "the checks' findings in the prompt, greedy"
    assert record["other"] == "Samsung shares soared 10%."
