"""The tiny test models load like hub checkpoints and behave like their real counterparts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from tiny_models import SEED_DIR, build_bart

KOREAN = [
    "정부는 오늘 새로운 경제 정책을 발표했다.",
    "엔비디아 AI 독주에 제동 나선 테슬라",
    "안녕하세요",
]
NOT_IN_SEEDS = "안녕하세요, 뷁!"


def _seed_lines() -> list[str]:
    paths = sorted(SEED_DIR.glob("*.txt"))
    assert paths, f"no seed articles in {SEED_DIR}"
    return [
        line for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _normalized(text: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(text.split()))


def _load_seq2seq(folder: Path) -> tuple[object, object]:
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    return AutoTokenizer.from_pretrained(folder), AutoModelForSeq2SeqLM.from_pretrained(folder)


@pytest.mark.parametrize("fixture", ["tiny_marian", "tiny_bart", "tiny_t5", "tiny_llama"])
def test_tokenizer_round_trips_korean_seeds_without_unk(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(request.getfixturevalue(fixture))
    for line in _seed_lines():
        ids = tokenizer(line, add_special_tokens=False)["input_ids"]
        assert tokenizer.unk_token_id is None or tokenizer.unk_token_id not in ids, line
        assert _normalized(tokenizer.decode(ids)) == _normalized(line)


@pytest.mark.parametrize("fixture", ["tiny_marian", "tiny_bart", "tiny_llama"])
def test_korean_tokenizers_have_no_unk_for_hangul_missing_from_seeds(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    from transformers import AutoTokenizer

    assert not any("녕" in line or "뷁" in line for line in _seed_lines())
    tokenizer = AutoTokenizer.from_pretrained(request.getfixturevalue(fixture))
    ids = tokenizer(NOT_IN_SEEDS, add_special_tokens=False)["input_ids"]
    assert tokenizer.unk_token_id is None or tokenizer.unk_token_id not in ids
    assert tokenizer.decode(ids) == NOT_IN_SEEDS


@pytest.mark.parametrize(
    ("fixture", "architecture", "max_positions"),
    [
        ("tiny_marian", "MarianMTModel", 64),
        ("tiny_marian_short", "MarianMTModel", 24),
        ("tiny_bart", "BartForConditionalGeneration", 128),
        ("tiny_bart_short", "BartForConditionalGeneration", 48),
    ],
)
def test_seq2seq_limits_match_between_model_and_tokenizer(
    fixture: str, architecture: str, max_positions: int, request: pytest.FixtureRequest
) -> None:
    tokenizer, model = _load_seq2seq(request.getfixturevalue(fixture))
    assert type(model).__name__ == architecture
    assert model.config.max_position_embeddings == max_positions
    assert tokenizer.model_max_length == max_positions


@pytest.mark.parametrize("fixture", ["tiny_marian", "tiny_marian_short", "tiny_bart", "tiny_t5"])
def test_seq2seq_generates_non_empty_printable_text(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    tokenizer, model = _load_seq2seq(request.getfixturevalue(fixture))
    long_input = " ".join(_seed_lines())
    batch = tokenizer([*KOREAN, long_input], return_tensors="pt", padding=True, truncation=True)
    assert batch["input_ids"].shape[1] <= tokenizer.model_max_length
    outputs = tokenizer.batch_decode(model.generate(**batch), skip_special_tokens=True)
    assert len(outputs) == len(KOREAN) + 1
    for text in outputs:
        assert text.strip() and text.isprintable() and "\ufffd" not in text
    assert len(set(outputs)) > 1, "output should depend on the input"


def test_marian_mirrors_opus_mt_layout_and_translates_to_ascii(tiny_marian: Path) -> None:
    from transformers import MarianTokenizer

    tokenizer, model = _load_seq2seq(tiny_marian)
    assert isinstance(tokenizer, MarianTokenizer)
    assert {"source.spm", "target.spm", "vocab.json", "tokenizer_config.json"} <= {
        p.name for p in tiny_marian.iterdir()
    }
    vocab = tokenizer.get_vocab()
    assert (vocab["</s>"], vocab["<unk>"], vocab["<pad>"]) == (0, 1, len(vocab) - 1)
    assert model.config.decoder_start_token_id == model.config.pad_token_id == vocab["<pad>"]
    assert model.generation_config.eos_token_id == 0
    batch = tokenizer(KOREAN, return_tensors="pt", padding=True)
    for text in tokenizer.batch_decode(model.generate(**batch), skip_special_tokens=True):
        assert text.isascii(), text


def test_bart_has_distilbart_special_tokens_and_generation_settings(tiny_bart: Path) -> None:
    tokenizer, model = _load_seq2seq(tiny_bart)
    assert {"vocab.json", "merges.txt"} <= {p.name for p in tiny_bart.iterdir()}
    special = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    assert tokenizer.convert_tokens_to_ids(special) == [0, 1, 2, 3, 4]
    generation = model.generation_config
    assert (generation.forced_bos_token_id, generation.decoder_start_token_id) == (0, 2)
    assert (generation.num_beams, generation.no_repeat_ngram_size) == (2, 3)
    assert generation.min_new_tokens == 5


def test_t5_has_summarization_prefix_and_spiece_model(tiny_t5: Path) -> None:
    tokenizer, model = _load_seq2seq(tiny_t5)
    assert (tiny_t5 / "spiece.model").is_file()
    assert type(tokenizer).__name__.startswith("T5Tokenizer")
    assert model.config.task_specific_params["summarization"]["prefix"] == "summarize: "
    assert tokenizer.model_max_length == 128
    assert tokenizer("summarize: 안녕하세요")["input_ids"][-1] == tokenizer.eos_token_id


def test_llama_chat_template_and_generation(tiny_llama: Path) -> None:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_llama)
    model = AutoModelForCausalLM.from_pretrained(tiny_llama)
    assert type(model).__name__ == "LlamaForCausalLM"
    assert tokenizer.model_max_length == model.config.max_position_embeddings == 512
    im_end = tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert tokenizer.eos_token == "<|im_end|>"
    assert model.generation_config.eos_token_id == im_end
    assert tokenizer.pad_token_id is not None and tokenizer.pad_token_id != im_end

    messages = [
        {"role": "system", "content": "Summarize the article."},
        {"role": "user", "content": KOREAN[0]},
    ]
    prompt = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert f"<|im_start|>user\n{KOREAN[0]}<|im_end|>" in prompt
    assert prompt.startswith("<|im_start|>system\nSummarize the article.<|im_end|>")
    assert prompt.endswith("<|im_start|>assistant\n")
    no_prompt = tokenizer.apply_chat_template(messages, tokenize=False)
    assert not no_prompt.endswith("<|im_start|>assistant\n")

    inputs = tokenizer(prompt, return_tensors="pt", add_special_tokens=False)
    new_tokens = model.generate(**inputs)[0, inputs["input_ids"].shape[1] :]
    assert 2 <= len(new_tokens) <= model.generation_config.max_new_tokens
    assert tokenizer.decode(new_tokens, skip_special_tokens=True).strip()


def test_builds_are_deterministic(tiny_bart: Path, tmp_path: Path) -> None:
    again = build_bart(tmp_path / "again")
    for name in ("model.safetensors", "vocab.json", "merges.txt", "generation_config.json"):
        assert (again / name).read_bytes() == (tiny_bart / name).read_bytes(), name
