"""The transformers backend: seq2seq models (Marian, M2M100/NLLB, BART, PEGASUS, T5), chat LMs."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from summarizer.engines import Task
from summarizer.errors import ModelUnavailableError
from summarizer.models import ModelSpec

SOURCE_LANGUAGE = {"m2m_100": "ko", "nllb": "kor_Hang"}
TARGET_LANGUAGE = {"m2m_100": "en", "nllb": "eng_Latn"}


class HFEngine:
    """Runs a local Hugging Face model folder with transformers and torch."""

    def __init__(self, spec: ModelSpec, task: Task, decoding: dict[str, Any], device: str) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        self.device = "cuda" if device == "auto" and torch.cuda.is_available() else device
        if self.device == "auto":
            self.device = "cpu"
        self.decoding = decoding
        self.seq2seq = spec.is_encoder_decoder
        extra = {"gguf_file": spec.gguf_file} if spec.gguf_file else {}
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(spec.path, **extra)
            model_class = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
            self.model = model_class.from_pretrained(spec.path, **extra).to(self.device).eval()
        except (OSError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelUnavailableError(f"cannot load model from {spec.path}: {first}") from exc
        self.prefix = ""
        self.generate_extra: dict[str, Any] = {}
        config = self.model.config
        if self.seq2seq:
            self._prepare_seq2seq(task, config)
        else:
            self.tokenizer.padding_side = "left"
            if self.tokenizer.pad_token is None:
                self.tokenizer.pad_token = self.tokenizer.eos_token
        self.max_input_tokens = self._input_limit(config)

    def _prepare_seq2seq(self, task: Task, config: Any) -> None:
        if task == "summarization":
            params = (getattr(config, "task_specific_params", None) or {}).get("summarization", {})
            self.prefix = params.get("prefix", "") or ""
        family = _language_family(self.tokenizer, config)
        if task == "translation" and family:
            self.tokenizer.src_lang = SOURCE_LANGUAGE[family]
            target = self.tokenizer.convert_tokens_to_ids(_language_token(family, self.tokenizer))
            self.generate_extra["forced_bos_token_id"] = target

    def _input_limit(self, config: Any) -> int:
        limits = [
            getattr(config, name, None)
            for name in ("max_position_embeddings", "n_positions", "max_sequence_length")
        ]
        tokenizer_limit = self.tokenizer.model_max_length
        if isinstance(tokenizer_limit, int) and tokenizer_limit < 10**7:
            limits.append(tokenizer_limit)
        limit = min(value for value in limits if isinstance(value, int) and value > 0)
        if not self.seq2seq:
            limit -= self.decoding["max_new_tokens"]
        return max(8, limit)

    def _prompts(self, inputs: Sequence[str], system: str | None) -> list[str]:
        if self.seq2seq:
            return [self.prefix + text for text in inputs]
        prompts = []
        for text in inputs:
            messages = [{"role": "user", "content": text}]
            if system:
                messages.insert(0, {"role": "system", "content": system})
            prompts.append(
                self.tokenizer.apply_chat_template(
                    messages, tokenize=False, add_generation_prompt=True
                )
            )
        return prompts

    def count_tokens(self, texts: Sequence[str], *, system: str | None = None) -> list[int]:
        return self._count(self._prompts(texts, system))

    def _count(self, prompts: Sequence[str]) -> list[int]:
        encoded = self.tokenizer(list(prompts), add_special_tokens=self.seq2seq)["input_ids"]
        return [len(ids) for ids in encoded]

    def generate(self, inputs: Sequence[str], *, system: str | None = None) -> list[str]:
        import torch

        if not inputs:
            return []
        prompts = self._prompts(inputs, system)
        longest = max(self._count(prompts))
        if longest > self.max_input_tokens:
            raise ValueError(
                f"input of {longest} tokens exceeds the model's limit of {self.max_input_tokens}"
            )
        batch = self.tokenizer(
            prompts, return_tensors="pt", padding=True, add_special_tokens=self.seq2seq
        ).to(self.device)
        settings = {k: v for k, v in self.decoding.items() if v is not None}
        with torch.inference_mode():
            output = self.model.generate(
                **batch,
                **settings,
                **self.generate_extra,
                do_sample=False,
                pad_token_id=self.tokenizer.pad_token_id,
            )
        if not self.seq2seq:
            output = output[:, batch["input_ids"].shape[1] :]
        if "forced_bos_token_id" in self.generate_extra:
            language = self.generate_extra["forced_bos_token_id"]
            output = output.masked_fill(output == language, self.tokenizer.pad_token_id)
        decoded = self.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [text.strip() for text in decoded]


def _language_family(tokenizer: Any, config: Any) -> str | None:
    if "nllb" in type(tokenizer).__name__.lower():
        return "nllb"
    if getattr(config, "model_type", "") == "m2m_100":
        return "m2m_100"
    return None


def _language_token(family: str, tokenizer: Any) -> str:
    if family == "m2m_100":
        return tokenizer.get_lang_token(TARGET_LANGUAGE[family])
    return TARGET_LANGUAGE[family]
