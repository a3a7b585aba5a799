"""Random-weight models with the exact architectures users run (real weights cannot be fetched).

The OPUS-MT models use the real opus-mt-ko-en configuration and tokenizer from
``../shared/models/opus-mt-ko-en-skeleton``; the BART summarizer gets a byte-level BPE trained
here on the NTREX English side, padded to distilbart's vocabulary size.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
# opus-mt-tc-big-ko-en: transformer-big (Vaswani et al.), relu, 6+6 layers.
TC_BIG = {
    "d_model": 1024,
    "encoder_attention_heads": 16,
    "decoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "decoder_ffn_dim": 4096,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "activation_function": "relu",
}
# sshleifer/distilbart-cnn-12-6.
DISTILBART = {
    "vocab_size": 50264,
    "d_model": 1024,
    "encoder_layers": 12,
    "decoder_layers": 6,
    "encoder_attention_heads": 16,
    "decoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "decoder_ffn_dim": 4096,
    "max_position_embeddings": 1024,
}
# A summarizer that costs next to nothing, for the translation suites' `summarizer run`; its
# long context takes a whole translated article in one pass.
NEGLIGIBLE_BART = {
    "vocab_size": 50264,
    "d_model": 16,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 16,
    "decoder_ffn_dim": 16,
    "max_position_embeddings": 32768,
}


def build_marian(skeleton: Path, out_dir: Path, **shape: Any) -> Path:
    """opus-mt-ko-en (or, with `shape`, a differently sized Marian) with random weights."""
    if (out_dir / "model.safetensors").is_file():
        return out_dir
    import torch
    from transformers import GenerationConfig, MarianConfig, MarianMTModel

    config = json.loads((skeleton / "config.json").read_text(encoding="utf-8"))
    config.update(shape, _name_or_path=f"random/{out_dir.name}")
    torch.manual_seed(0)
    model = MarianMTModel(MarianConfig(**config))
    model.generation_config = GenerationConfig.from_pretrained(skeleton)
    _save(model, out_dir)
    for name in TOKENIZER_FILES:
        shutil.copy(skeleton / name, out_dir / name)
    return out_dir


def build_bart(english: Sequence[str], out_dir: Path, **shape: Any) -> Path:
    """A BART summarizer shaped by `shape`, with distilbart-cnn's special tokens and settings."""
    if (out_dir / "model.safetensors").is_file():
        return out_dir
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizerFast

    out_dir.mkdir(parents=True, exist_ok=True)
    _bpe_tokenizer(english, shape["vocab_size"] + 1, out_dir)
    tokenizer = BartTokenizerFast.from_pretrained(
        out_dir, model_max_length=shape["max_position_embeddings"]
    )
    tokenizer.save_pretrained(out_dir)
    config = BartConfig(
        **shape,
        bos_token_id=0,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        _name_or_path=f"random/{out_dir.name}",
    )
    torch.manual_seed(0)
    model = BartForConditionalGeneration(config)
    model.generation_config.update(
        num_beams=4, max_length=142, min_length=56, no_repeat_ngram_size=3, length_penalty=2.0
    )
    _save(model, out_dir)
    return out_dir


def _save(model: Any, out_dir: Path) -> None:
    from transformers.utils import logging

    logging.disable_progress_bar()
    model.save_pretrained(out_dir)


def _bpe_tokenizer(lines: Sequence[str], vocab_size: int, out_dir: Path) -> None:
    """Byte-level BPE (RoBERTa style) trained on `lines`, padded with unused pieces to size."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(lines, trainer)
    bpe.model.save(str(out_dir))
    vocab_file = out_dir / "vocab.json"
    vocab = json.loads(vocab_file.read_text(encoding="utf-8"))
    for number in range(vocab_size - 1 - len(vocab)):
        vocab[f"<unused{number}>"] = len(vocab)
    vocab["<mask>"] = len(vocab)
    vocab_file.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
