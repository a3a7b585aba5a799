"""Chat models as translators: one segment per prompt, batching, first lines, retries."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cache.null import NullCache
from summarizer.cache.store import Cache
from summarizer.cli import app
from summarizer.engines import Model
from summarizer.errors import UsageError
from summarizer.models.spec import resolve
from summarizer.tasks.translate import Translator
from summarizer.tasks.translate_prompts import TRANSLATE_SYSTEM, first_line

SENTENCES = [
    "테슬라 주가가 이번주 급등했다.",
    "엔비디아",
    "도조는 슈퍼컴퓨터다.",
    "AI 반도체 시장이 커지고 있다.",
    "모건스탠리는 테슬라의 기업 가치를 높게 평가했다.",
]
Reply = Callable[[str], str]


def echo(prompt: str) -> str:
    """A perfect translator: the segment comes back as `EN<segment>` (asked again, the
    checks' findings after it are not echoed)."""
    return f"EN<{segment(prompt)}>"


def segment(prompt: str) -> str:
    """The segment of a prompt, without the findings a retry adds after it."""
    return prompt.split("\n\n(An earlier translation")[0]


def chat_translator(
    folder: Path, reply: Reply | None = None, batch_size: int = 32, max_new_tokens: int = 60
) -> tuple[Translator, list[list[str]], list[str | None]]:
    """A translator over the tiny Llama whose replies come from `reply` (or the real model)."""
    spec = resolve(str(folder), folder.parent)
    model = Model(spec, "translation", overrides={"max_new_tokens": max_new_tokens})
    prompts: list[list[str]] = []
    systems: list[str | None] = []
    engine = model.engine
    real = engine.generate

    def generate(
        inputs: Sequence[str], *, system: str | None = None, num_beams: int | None = None
    ) -> list[str]:
        if not any(text != segment(text) for text in inputs):  # first attempts, not retries
            prompts.append(list(inputs))
            systems.append(system)
        if reply:
            return [reply(text) for text in inputs]
        return real(inputs, system=system, num_beams=num_beams)

    engine.generate = generate  # type: ignore[method-assign]
    return Translator(model, NullCache(), batch_size=batch_size), prompts, systems


def test_the_first_line_of_a_reply_is_the_translation() -> None:
    assert first_line("\n  Tesla shares soared.  \nNote: 급등 means soared.") == (
        "Tesla shares soared."
    )
    assert first_line("") == ""


def test_each_segment_is_one_prompt_under_the_instruction(tiny_llama: Path) -> None:
    job, prompts, systems = chat_translator(
        tiny_llama, lambda text: f"EN<{segment(text)}>\nA note the model added."
    )
    result = job.translate([*SENTENCES, SENTENCES[0]])
    assert result.texts == [f"EN<{s}>" for s in [*SENTENCES, SENTENCES[0]]]
    assert len(prompts) == 1, "one engine call for the batch"
    assert sorted(prompts[0]) == sorted(SENTENCES), "each distinct segment once, alone"
    assert systems == [TRANSLATE_SYSTEM]
    assert "faithful" in TRANSLATE_SYSTEM and "do not add anything" in TRANSLATE_SYSTEM


def test_batches_hold_the_batch_size(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, echo, batch_size=2)
    result = job.translate(SENTENCES)
    assert result.texts == [f"EN<{s}>" for s in SENTENCES]
    assert [len(call) for call in prompts] == [2, 2, 1]


def test_long_sentence_is_split_to_fit_the_reply_and_joined(tiny_llama: Path) -> None:
    long = " ".join(SENTENCES[0].rstrip(".") for _ in range(6)) + "."
    job, prompts, _ = chat_translator(tiny_llama, echo, max_new_tokens=24)
    [translation] = job.translate([long]).texts
    pieces = [p for call in prompts for p in call]
    assert len(pieces) > 1
    assert " ".join(pieces) == long
    assert translation == " ".join(f"EN<{piece}>" for piece in pieces)


def test_the_real_tiny_model_gives_one_translation_per_segment(
    tiny_llama: Path, tmp_path: Path
) -> None:
    spec = resolve(str(tiny_llama), tiny_llama.parent)
    model = Model(spec, "translation", overrides={"max_new_tokens": 40})
    with Cache(tmp_path / "c.sqlite") as cache:
        result = Translator(model, cache).translate(SENTENCES[:3])
        again = Translator(model, cache).translate(SENTENCES[:3])
    assert len(result.texts) == 3 and all(text.strip() for text in result.texts)
    assert again.texts == result.texts and again.hits == 3


def test_cli_translates_with_a_chat_model(tiny_llama: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("테슬라 주가\n\n" + " ".join(SENTENCES[:2]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["translate", str(article), "-t", str(tiny_llama), "--no-cache"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_a_reply_budget_that_leaves_no_room_for_the_prompt_is_refused(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, echo, max_new_tokens=500)
    with pytest.raises(UsageError, match="max_new_tokens"):
        job.translate(SENTENCES[:1])
    assert prompts == []


def test_chat_prompt_is_part_of_the_cache_fingerprint(
    tiny_llama: Path, tiny_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = Translator(
        Model(resolve(str(tiny_llama), tiny_llama.parent), "translation"), NullCache()
    )
    assert chat.fingerprint.startswith(chat.model.fingerprint + "/retry-findings-qe/prompt-")
    before = chat.fingerprint
    monkeypatch.setattr("summarizer.tasks.translate_prompts.TRANSLATE_SYSTEM", "Translate loosely.")
    assert chat.fingerprint != before
    changed = chat.fingerprint
    monkeypatch.setattr("summarizer.tasks.translate_prompts.FINDINGS", "{segment} ({findings})")
    assert chat.fingerprint != changed, "the retry's prompt is part of it too"
    plain = Model(resolve(str(tiny_marian), tiny_marian.parent), "translation")
    assert Translator(plain, NullCache()).fingerprint == plain.fingerprint + "/retry-b4-qe"
