"""The transformers backend: seq2seq models (Marian, M2M100/NLLB, BART, PEGASUS, T5), chat LMs."""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

from summarizer.config import threads
from summarizer.engines import Sampling, Task
from summarizer.engines.prompts import (
    SOURCE_LANGUAGE,
    Prompter,
    answers_on_one_line,
    input_limit,
    language_family,
    line_end_tokens,
    refuse_overlong,
    target_language_token,
    task_prefix,
)
from summarizer.errors import ModelUnavailableError
from summarizer.models.spec import ModelSpec


class HFEngine:
    """Runs a local Hugging Face model folder with transformers and torch."""

    def __init__(
        self,
        spec: ModelSpec,
        task: Task,
        decoding: dict[str, Any],
        device: str,
        *,
        intra_threads: int = 0,
    ) -> None:
        """`intra_threads` > 0 sets torch's CPU threads (for the whole process), 0 keeps its
        default (one per core)."""
        import torch
        from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging

        logging.set_verbosity_error()
        logging.disable_progress_bar()
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        self.device = "cuda" if device == "auto" and torch.cuda.is_available() else device
        if self.device == "auto":
            self.device = "cpu"
        if intra_threads:
            torch.set_num_threads(threads(1, intra_threads)[1])
        if self.device == "cuda" and not torch.cuda.is_available():
            raise ModelUnavailableError("--device cuda: torch sees no CUDA GPU; use --device cpu")
        self.decoding = decoding
        self.seq2seq = spec.is_encoder_decoder
        self.tokenizer = AutoTokenizer.from_pretrained(spec.path)
        model_class = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
        self.model = model_class.from_pretrained(spec.path).to(self.device).eval()
        config = self.model.config.to_dict()
        self.generate_extra: dict[str, Any] = {}
        if self.seq2seq:
            self._prepare_translation(task, config.get("model_type"))
        else:
            self.tokenizer.padding_side = "left"
            if self.tokenizer.pad_token is None:
                self.tokenizer.pad_token = self.tokenizer.eos_token
        if answers_on_one_line(spec.prompt_style, task):
            ends = self.tokenizer.convert_tokens_to_ids(line_end_tokens(self.tokenizer))
            model_ends = getattr(self.model.generation_config, "eos_token_id", None)
            model_ends = model_ends if isinstance(model_ends, list) else [model_ends]
            self.generate_extra["eos_token_id"] = list(
                dict.fromkeys([*ends, *(e for e in model_ends if e is not None)])
            )
        self.prompter = Prompter(self.tokenizer, spec.prompt_style, task_prefix(task, config))
        self.max_input_tokens = input_limit(
            config, self.tokenizer, self.seq2seq, decoding["max_new_tokens"]
        )

    def _prepare_translation(self, task: Task, model_type: str | None) -> None:
        family = language_family(self.tokenizer, model_type)
        if task == "translation" and family:
            self.tokenizer.src_lang = SOURCE_LANGUAGE[family]
            target = target_language_token(family, self.tokenizer)
            self.generate_extra["forced_bos_token_id"] = self.tokenizer.convert_tokens_to_ids(
                target
            )

    def count_tokens(self, texts: Sequence[str], *, system: str | None = None) -> list[int]:
        return self.prompter.count(texts, system)

    def generate(
        self,
        inputs: Sequence[str],
        *,
        system: str | None = None,
        num_beams: int | None = None,
        no_repeat_ngram_size: int | None = None,
    ) -> list[str]:
        if not inputs:
            return []
        settings = {k: v for k, v in self.decoding.items() if v is not None}
        if num_beams:
            settings["num_beams"] = num_beams
        if no_repeat_ngram_size:
            settings["no_repeat_ngram_size"] = no_repeat_ngram_size
        return self._run(inputs, system, {**settings, "do_sample": False})

    def sample(
        self, inputs: Sequence[str], sampling: Sampling, *, system: str | None = None
    ) -> list[list[str]]:
        import torch

        if not inputs:
            return []
        settings = {k: v for k, v in self.decoding.items() if v is not None}
        settings.update(
            num_beams=1,
            do_sample=True,
            top_k=0,
            top_p=sampling.top_p,
            temperature=sampling.temperature,
            num_return_sequences=sampling.count,
        )
        torch.manual_seed(sampling.seed)
        texts = self._run(inputs, system, settings)
        return [texts[i : i + sampling.count] for i in range(0, len(texts), sampling.count)]

    def _run(
        self, inputs: Sequence[str], system: str | None, settings: dict[str, Any]
    ) -> list[str]:
        """Every output `generate` returns for the inputs, in order, decoded."""
        import torch

        prompts = self.prompter.prompts(inputs, system)
        refuse_overlong(self.prompter.encode(prompts), self.max_input_tokens)
        batch = self.tokenizer(
            prompts,
            return_tensors="pt",
            padding=True,
            add_special_tokens=self.prompter.add_special_tokens,
        ).to(self.device)
        with torch.inference_mode():
            output = self.model.generate(
                **batch, **settings, **self.generate_extra, pad_token_id=self.tokenizer.pad_token_id
            )
        if not self.seq2seq:
            output = output[:, batch["input_ids"].shape[1] :]
        if "forced_bos_token_id" in self.generate_extra:
            language = self.generate_extra["forced_bos_token_id"]
            output = output.masked_fill(output == language, self.tokenizer.pad_token_id)
        decoded = self.tokenizer.batch_decode(output, skip_special_tokens=True)
        return [text.strip() for text in decoded]
