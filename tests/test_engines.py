"""The engine layer: decoding settings, fingerprints, prompts and input limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.engines import Model, effective_decoding
from summarizer.models.spec import resolve


def model(folder: Path, task: str = "translation", **overrides: object) -> Model:
    return Model(resolve(str(folder), folder.parent), task, overrides=overrides)  # type: ignore[arg-type]


def test_decoding_comes_from_generation_config(tiny_bart: Path) -> None:
    settings = effective_decoding(resolve(str(tiny_bart), tiny_bart.parent), {})
    assert settings["num_beams"] == 2
    assert settings["no_repeat_ngram_size"] == 3
    assert settings["min_new_tokens"] == 5


def test_user_overrides_win_and_change_fingerprint(tiny_marian: Path) -> None:
    base = model(tiny_marian)
    greedy = model(tiny_marian, num_beams=1)
    assert greedy.decoding["num_beams"] == 1
    assert base.decoding["num_beams"] != 1
    assert greedy.fingerprint != base.fingerprint
    assert model(tiny_marian).fingerprint == base.fingerprint
    assert model(tiny_marian, task="summarization").fingerprint != base.fingerprint


def test_describe_records_what_produced_an_output(tiny_marian: Path) -> None:
    info = model(tiny_marian).describe()
    assert info["backend"] == "hf"
    assert info["kind"] == "seq2seq"
    assert len(info["weights_sha256"]) == 64
    assert info["decoding"]["max_new_tokens"] > 0
    assert info["fingerprint"] == model(tiny_marian).fingerprint


def test_fingerprint_needs_no_model_load(tiny_marian: Path) -> None:
    handle = model(tiny_marian)
    assert handle.fingerprint
    assert not handle.loaded


def test_t5_gets_its_task_prefix(tiny_t5: Path) -> None:
    engine = model(tiny_t5, "summarization").engine
    assert engine.prompter.prefix == "summarize: "  # type: ignore[attr-defined]
    with_prefix = engine.count_tokens(["Tesla shares rose."])[0]
    plain = len(engine.tokenizer("Tesla shares rose.")["input_ids"])  # type: ignore[attr-defined]
    assert with_prefix > plain


def test_chat_model_uses_template_and_system_prompt(tiny_llama: Path) -> None:
    engine = model(tiny_llama, "summarization").engine
    bare = engine.count_tokens(["Tesla shares rose."])[0]
    instructed = engine.count_tokens(["Tesla shares rose."], system="Summarize the article.")[0]
    assert instructed > bare
    outputs = engine.generate(["Tesla shares rose.", "Nvidia fell."], system="Summarize.")
    assert len(outputs) == 2
    assert all(outputs)


def test_over_long_input_is_refused_not_truncated(tiny_marian_short: Path) -> None:
    engine = model(tiny_marian_short).engine
    long = "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다. " * 6
    assert engine.count_tokens([long])[0] > engine.max_input_tokens
    with pytest.raises(ValueError, match="exceeds the model's limit"):
        engine.generate([long])


def test_multilingual_model_gets_language_codes(tiny_m2m100: Path) -> None:
    engine = model(tiny_m2m100).engine
    tokenizer = engine.tokenizer  # type: ignore[attr-defined]
    assert tokenizer.src_lang == "ko"
    english = tokenizer.convert_tokens_to_ids("__en__")
    assert engine.generate_extra == {"forced_bos_token_id": english}  # type: ignore[attr-defined]
    source = tokenizer(["테슬라 주가가 급등했다."])["input_ids"][0]
    assert source[0] == tokenizer.convert_tokens_to_ids("__ko__")
    [output] = engine.generate(["테슬라 주가가 급등했다."])
    assert output and "__en__" not in output
