"""Tiny randomly initialised models of real architectures, saved like hub checkpoints.

Each ``build_*`` function writes a folder that loads through ``from_pretrained(folder)``.
Weights are random (seeded), so generated text is nonsense, but it is never empty.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SEED_DIR = Path(__file__).resolve().parents[1] / "seeds"

ENGLISH_TEXT = """\
The government said on Tuesday that it would expand support for small businesses hit by rising
interest rates, announcing a package worth 3 trillion won over the next two years. The finance
minister told reporters in Seoul that the measures were needed because many companies were
struggling to repay loans taken out during the pandemic. Officials said the new program would
lower borrowing costs, extend repayment periods and offer training for workers who want to move
into growing industries such as batteries, semiconductors and artificial intelligence.

Economists welcomed the plan but warned that it might not be enough. "Demand at home is still
weak, and exports have only just started to recover," said a senior researcher at a private
institute. She added that the central bank was unlikely to cut rates before the end of the year,
since inflation remained above its target of 2 percent. Shares of major banks fell slightly after
the announcement, while the main stock index closed 0.4 percent higher.

In a separate report, the largest chip maker in the country said its quarterly operating profit
rose sharply from a year earlier, helped by strong sales of memory chips used in data centers.
The company plans to invest more in advanced packaging and to build a new research center near
the capital. Analysts expect competition with American and Taiwanese rivals to intensify as
technology firms race to train larger language models and buy more powerful processors.

Meanwhile, the city announced that it would open three new subway lines by 2030 and add more
electric buses to reduce air pollution. The mayor said public transport should be cheaper, faster
and easier to use for older people and families with children. Residents interviewed on Wednesday
said they hoped the changes would shorten their daily commute, although some worried that
construction would cause traffic jams for several years.

Scientists at a national university also reported progress in developing a vaccine against a
seasonal virus. The team said early trials showed that the vaccine was safe and produced a strong
immune response in most volunteers. Further tests with thousands of patients are planned for next
spring, and the researchers hope to apply for approval within three years.
"""

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def training_lines() -> list[str]:
    """Non-empty lines of the built-in English text and the Korean seed articles."""
    texts = [ENGLISH_TEXT, *(p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt")))]
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def _train_sentencepiece(lines: Iterable[str], vocab_size: int, **options: Any) -> bytes:
    """Train a unigram sentencepiece model in memory and return its serialized proto."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        character_coverage=1.0,
        model_type="unigram",
        num_threads=2,
        minloglevel=2,
        **options,
    )
    return model.getvalue()


def _train_byte_level_bpe(lines: list[str], vocab_size: int, special_tokens: list[str]) -> Any:
    """Train a byte-level BPE ``tokenizers.Tokenizer`` (GPT-2 / RoBERTa style)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=special_tokens,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(lines, trainer)
    return tokenizer


def _unprintable_token_ids(tokenizer: Any, keep: set[int]) -> list[list[int]]:
    """``bad_words_ids`` for tokens that decode to blank, control or partial-UTF-8 text.

    Banning them (all but ``keep``), together with ``min_new_tokens``, guarantees that the
    random model's output decodes to non-empty, printable text.
    """
    banned = []
    for token_id in range(len(tokenizer)):
        text = tokenizer.decode([token_id], skip_special_tokens=True)
        if token_id not in keep and (
            not text.strip() or not text.isprintable() or "\ufffd" in text
        ):
            banned.append([token_id])
    return banned


def _save(out_dir: Path, model: Any, tokenizer: Any, **generation: Any) -> Path:
    from transformers import GenerationConfig

    model.generation_config = GenerationConfig(**generation)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    return out_dir


def _is_english_piece(piece: str) -> bool:
    """A sentencepiece piece that is a whole ASCII word (``▁the``, ``▁2024``), ``.`` or ``,``."""
    word = piece.removeprefix("\u2581")
    return piece in {".", ","} or (word != piece and word.isascii() and word.isalnum())


def build_marian(out_dir: Path, max_positions: int = 64) -> Path:
    """Korean->English MarianMT laid out like Helsinki-NLP/opus-mt-ko-en.

    Byte fallback keeps Hangul missing from the seeds out of ``<unk>``. Every target piece but
    EOS, English words and ``.``/``,`` gets a large negative ``final_logits_bias``, so the
    random model "translates" into non-empty English-looking nonsense.
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    proto = _train_sentencepiece(
        training_lines(), 1500, byte_fallback=True, unk_id=0, eos_id=1, bos_id=-1, pad_id=-1
    )
    for name in ("source.spm", "target.spm"):
        (out_dir / name).write_bytes(proto)
    processor = spm.SentencePieceProcessor(model_proto=proto)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece_id in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(piece_id), len(vocab))
    pad_id = vocab["<pad>"] = len(vocab)
    vocab_text = json.dumps(vocab, ensure_ascii=False, indent=2)
    (out_dir / "vocab.json").write_text(vocab_text, encoding="utf-8")

    tokenizer = MarianTokenizer(
        source_spm=str(out_dir / "source.spm"),
        target_spm=str(out_dir / "target.spm"),
        vocab=str(out_dir / "vocab.json"),
        source_lang="kor",
        target_lang="eng",
        model_max_length=max_positions,
    )
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        activation_function="swish",
        scale_embedding=True,
        init_std=0.5,
        max_position_embeddings=max_positions,
        bos_token_id=0,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
    )
    torch.manual_seed(0)
    model = MarianMTModel(config)
    banned = [i for piece, i in vocab.items() if i != 0 and not _is_english_piece(piece)]
    model.final_logits_bias[0, banned] = -1e4
    return _save(
        out_dir,
        model,
        tokenizer,
        bos_token_id=0,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad_id,
        decoder_start_token_id=pad_id,
        num_beams=2,
        max_new_tokens=12,
        min_new_tokens=2,
    )


def build_bart(out_dir: Path, max_positions: int = 128) -> Path:
    """BART summarizer with the special ids and generation settings of distilbart-cnn."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    bpe = _train_byte_level_bpe(training_lines(), 800, ["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.model.save(str(out_dir))
    tokenizer = BartTokenizer.from_pretrained(out_dir, model_max_length=max_positions)
    bos_id, pad_id, eos_id = tokenizer.bos_token_id, tokenizer.pad_token_id, tokenizer.eos_token_id
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        init_std=0.5,
        max_position_embeddings=max_positions,
        bos_token_id=bos_id,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        decoder_start_token_id=eos_id,
        forced_bos_token_id=bos_id,
        forced_eos_token_id=eos_id,
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config)
    return _save(
        out_dir,
        model,
        tokenizer,
        bos_token_id=bos_id,
        pad_token_id=pad_id,
        eos_token_id=eos_id,
        decoder_start_token_id=eos_id,
        forced_bos_token_id=bos_id,
        forced_eos_token_id=eos_id,
        num_beams=2,
        max_new_tokens=20,
        min_new_tokens=5,
        no_repeat_ngram_size=3,
        bad_words_ids=_unprintable_token_ids(tokenizer, keep={bos_id, eos_id}),
    )


def build_t5(out_dir: Path) -> Path:
    """T5 with a ``spiece.model`` tokenizer and t5-small's ``summarize: `` task prefix."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    proto = _train_sentencepiece(training_lines(), 1000, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    (out_dir / "spiece.model").write_bytes(proto)
    tokenizer = T5Tokenizer.from_pretrained(out_dir, extra_ids=0, model_max_length=128)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=32,
        d_kv=16,
        d_ff=64,
        num_layers=1,
        num_decoder_layers=1,
        num_heads=2,
        relative_attention_num_buckets=8,
        relative_attention_max_distance=32,
        initializer_factor=3.0,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        task_specific_params={"summarization": {"prefix": "summarize: "}},
    )
    torch.manual_seed(0)
    model = T5ForConditionalGeneration(config)
    return _save(
        out_dir,
        model,
        tokenizer,
        pad_token_id=0,
        eos_token_id=1,
        decoder_start_token_id=0,
        num_beams=2,
        max_new_tokens=16,
        min_new_tokens=3,
        bad_words_ids=_unprintable_token_ids(tokenizer, keep={1}),
    )


def build_llama_chat(out_dir: Path) -> Path:
    """Llama causal LM with a ChatML tokenizer (``<|im_start|>`` / ``<|im_end|>``), Qwen style."""
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    out_dir.mkdir(parents=True, exist_ok=True)
    bpe = _train_byte_level_bpe(
        training_lines(), 800, ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
        chat_template=CHATML_TEMPLATE,
        model_max_length=512,
    )
    pad_id, eos_id = tokenizer.pad_token_id, tokenizer.eos_token_id
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        max_position_embeddings=512,
        bos_token_id=pad_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
    )
    torch.manual_seed(0)
    model = LlamaForCausalLM(config)
    return _save(
        out_dir,
        model,
        tokenizer,
        bos_token_id=pad_id,
        eos_token_id=eos_id,
        pad_token_id=pad_id,
        max_new_tokens=16,
        min_new_tokens=2,
        bad_words_ids=_unprintable_token_ids(tokenizer, keep={eos_id}),
    )


def build_m2m100(out_dir: Path) -> Path:
    """Multilingual M2M100 with its language-code tokens (``__ko__``, ``__en__``)."""
    import sentencepiece as spm
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration, M2M100Tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    proto = _train_sentencepiece(training_lines(), 1000, byte_fallback=True)
    (out_dir / "sentencepiece.bpe.model").write_bytes(proto)
    processor = spm.SentencePieceProcessor(model_proto=proto)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece_id in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(piece_id), len(vocab))
    (out_dir / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(
        vocab_file=str(out_dir / "vocab.json"),
        spm_file=str(out_dir / "sentencepiece.bpe.model"),
        src_lang="ko",
        tgt_lang="en",
        model_max_length=128,
    )
    config = M2M100Config(
        vocab_size=max(tokenizer.lang_token_to_id.values()) + 9,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=128,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    torch.manual_seed(0)
    model = M2M100ForConditionalGeneration(config)
    return _save(
        out_dir,
        model,
        tokenizer,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        num_beams=1,
        max_new_tokens=8,
        min_new_tokens=2,
    )
