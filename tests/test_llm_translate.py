"""Chat models as translators: numbered prompts, batching, mapping replies back, retries."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cache import Cache, NullCache
from summarizer.cli import app
from summarizer.engines import Model
from summarizer.errors import UsageError
from summarizer.models import resolve
from summarizer.translate import (
    TRANSLATE_SYSTEM,
    Translator,
    numbered_prompt,
    parse_numbered,
)

SENTENCES = [
    "테슬라 주가가 이번주 급등했다.",
    "엔비디아",
    "도조는 슈퍼컴퓨터다.",
    "AI 반도체 시장이 커지고 있다.",
    "모건스탠리는 테슬라의 기업 가치를 높게 평가했다.",
]
_LINE = re.compile(r"^(\d+)\. (.*)$", re.MULTILINE)

Reply = Callable[[str], str]


def segments_of(prompt: str) -> list[str]:
    return [text for _, text in _LINE.findall(prompt)]


def echo(prompt: str) -> str:
    """A perfect translator: every numbered segment comes back as `N. EN<segment>`."""
    return "\n".join(f"{n}. EN<{text}>" for n, text in enumerate(segments_of(prompt), 1))


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
        if num_beams is None:  # first attempts only, not retries of flagged replies
            prompts.append(list(inputs))
            systems.append(system)
        if reply:
            return [reply(text) for text in inputs]
        return real(inputs, system=system, num_beams=num_beams)

    engine.generate = generate  # type: ignore[method-assign]
    return Translator(model, NullCache(), batch_size=batch_size), prompts, systems


def test_prompt_numbers_segments_one_per_line() -> None:
    prompt = numbered_prompt(["첫 문장.", "둘째\n문장."])
    assert prompt.splitlines() == [
        "Translate these 2 segments into English:",
        "1. 첫 문장.",
        "2. 둘째 문장.",
    ]


def test_parser_maps_numbered_lines_and_rejects_wrong_counts() -> None:
    reply = "Here are the translations:\n1. First one.\n2) Second,\ncontinued.\n3: Third."
    assert parse_numbered(reply, 3) == ["First one.", "Second, continued.", "Third."]
    assert parse_numbered("1. One.\n2. Two.", 3) is None
    assert parse_numbered("1. One.\n2. Two.\n3. Three.", 2) is None
    assert parse_numbered("1. One.\n3. Three.", 2) is None
    assert parse_numbered("1. One.\n2.", 2) is None
    assert parse_numbered("One and two merged.", 2) is None
    assert parse_numbered("1. Alone.", 1) == ["Alone."]
    assert parse_numbered("  Not numbered at all. ", 1) == ["Not numbered at all."]


def test_segments_share_numbered_prompts_and_map_back(tiny_llama: Path) -> None:
    job, prompts, systems = chat_translator(tiny_llama, echo)
    result = job.translate([*SENTENCES, SENTENCES[0]])
    assert result.texts == [f"EN<{s}>" for s in [*SENTENCES, SENTENCES[0]]]
    assert len(prompts) == 1, "one engine call for the batch"
    sent = [s for prompt in prompts[0] for s in segments_of(prompt)]
    assert sent == SENTENCES, "document order, each distinct segment once"
    assert len(prompts[0]) < len(SENTENCES), "several segments per prompt"
    assert systems == [TRANSLATE_SYSTEM]
    assert "faithful" in TRANSLATE_SYSTEM and "translations only" in TRANSLATE_SYSTEM


def test_groups_fit_the_reply_budget_and_batches_the_batch_size(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, echo, batch_size=2, max_new_tokens=40)
    result = job.translate(SENTENCES)
    assert result.texts == [f"EN<{s}>" for s in SENTENCES]
    assert [sum(len(segments_of(p)) for p in call) for call in prompts] == [2, 2, 1]
    counts = dict(zip(SENTENCES, job._token_counts(SENTENCES), strict=True))
    for call in prompts:
        for prompt in call:
            reserved = sum(math.ceil(counts[s] * 1.5) + 4 for s in segments_of(prompt))
            assert len(segments_of(prompt)) == 1 or reserved <= 40
            engine = job.model.engine
            assert engine.count_tokens([prompt], system=TRANSLATE_SYSTEM)[0] <= (
                engine.max_input_tokens
            )


def test_a_reply_with_the_wrong_count_is_retried_in_halves(tiny_llama: Path) -> None:
    spoiled: list[str] = []

    def drops_a_line_once(prompt: str) -> str:
        if len(segments_of(prompt)) > 1 and not spoiled:
            spoiled.append(prompt)
            return "\n".join(echo(prompt).splitlines()[:-1])
        return echo(prompt)

    job, prompts, _ = chat_translator(tiny_llama, drops_a_line_once, max_new_tokens=150)
    result = job.translate(SENTENCES)
    assert result.texts == [f"EN<{s}>" for s in SENTENCES]
    first, retry = prompts
    assert len(first) == 1 and segments_of(first[0]) == SENTENCES
    assert [segments_of(p) for p in retry] == [SENTENCES[:2], SENTENCES[2:]]


def test_replies_that_never_match_fall_back_to_single_segments(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, lambda _prompt: "no numbers here")
    result = job.translate(SENTENCES[:4])
    assert result.texts == ["no numbers here"] * 4
    sizes = [[len(segments_of(p)) for p in call] for call in prompts]
    assert sizes[-1] == [1, 1, 1, 1]
    assert all(size >= 1 for call in sizes for size in call)


def test_long_sentence_is_split_to_fit_the_reply_and_joined(tiny_llama: Path) -> None:
    long = " ".join(SENTENCES[0].rstrip(".") for _ in range(6)) + "."
    job, prompts, _ = chat_translator(tiny_llama, echo, max_new_tokens=24)
    [translation] = job.translate([long]).texts
    pieces = [s for call in prompts for p in call for s in segments_of(p)]
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
    assert chat.fingerprint.startswith(chat.model.fingerprint + "/retry-b4-qe/prompt-")
    before = chat.fingerprint
    monkeypatch.setattr("summarizer.translate.TRANSLATE_SYSTEM", "Translate loosely.")
    assert chat.fingerprint != before
    plain = Model(resolve(str(tiny_marian), tiny_marian.parent), "translation")
    assert Translator(plain, NullCache()).fingerprint == plain.fingerprint + "/retry-b4-qe"
