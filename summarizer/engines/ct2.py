"""The CTranslate2 backend: the same models as the transformers backend, converted and quantized.

Tokenization stays with the model's own Hugging Face tokenizer; seq2seq models run through
`ctranslate2.Translator`, causal chat models through `ctranslate2.Generator`. Decoding settings
are mapped explicitly so that they mean what they mean under transformers (CTranslate2's own
defaults differ: beam 2, input cut at 1024 tokens, output capped at 256).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.config import threads
from summarizer.engines import Sampling, Task
from summarizer.engines.convert import convert, ct2_device, damaged_conversion
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

# Sub-batches of at most this many source tokens: long inputs do not pad short ones.
BATCH_TOKENS = 4096


class CT2Engine:
    """Runs a local Hugging Face model folder through CTranslate2 (converted on first use)."""

    def __init__(
        self,
        spec: ModelSpec,
        task: Task,
        decoding: dict[str, Any],
        device: str,
        *,
        compute_type: str = "int8",
        models_dir: Path = Path("models"),
        inter_threads: int = 1,
        intra_threads: int = 0,
    ) -> None:
        import ctranslate2
        from transformers import AutoTokenizer
        from transformers.utils import logging

        inter, intra = threads(inter_threads, intra_threads)
        logging.set_verbosity_error()
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        self.device = ct2_device(device)
        self.seq2seq = spec.is_encoder_decoder
        self.config = spec.config
        self.tokenizer = AutoTokenizer.from_pretrained(spec.path)
        runner = ctranslate2.Translator if self.seq2seq else ctranslate2.Generator
        options = {"device": self.device, "compute_type": compute_type}
        options |= {"inter_threads": inter, "intra_threads": intra}
        self.path = convert(spec, models_dir, compute_type)
        try:
            self.model = _load(runner, self.path, options)
        except (RuntimeError, ValueError) as exc:
            if not damaged_conversion(self.path):
                raise ModelUnavailableError(
                    f"CTranslate2 cannot load {self.path} on {self.device} as {compute_type}: {exc}"
                ) from exc
            # A file of the conversion was lost or cut short: convert it again.
            self.path = convert(spec, models_dir, compute_type, again=True)
            self.model = runner(str(self.path), **options)
        self.target_prefix: list[str] | None = None
        defaults = spec.generation_defaults
        if self.seq2seq:
            self._prepare_seq2seq(task, defaults)
        self.prompter = Prompter(self.tokenizer, spec.prompt_style, task_prefix(task, self.config))
        self.options = self._options(decoding, defaults)
        if answers_on_one_line(spec.prompt_style, task):
            ends = [*line_end_tokens(self.tokenizer), *self.options["end_token"]]
            self.options["end_token"] = list(dict.fromkeys(ends))
        self.max_input_tokens = input_limit(
            self.config, self.tokenizer, self.seq2seq, decoding["max_new_tokens"]
        )

    def _prepare_seq2seq(self, task: Task, defaults: dict[str, Any]) -> None:
        family = language_family(self.tokenizer, self.config.get("model_type"))
        if task == "translation" and family:
            self.tokenizer.src_lang = SOURCE_LANGUAGE[family]
            self.target_prefix = [target_language_token(family, self.tokenizer)]
        elif defaults.get("forced_bos_token_id") is not None:
            # BART starts from </s> and must be made to emit <s> first, as transformers does.
            self.target_prefix = [
                self.tokenizer.convert_ids_to_tokens(defaults["forced_bos_token_id"])
            ]

    def _options(self, decoding: dict[str, Any], defaults: dict[str, Any]) -> dict[str, Any]:
        """transformers' decoding settings in CTranslate2's terms.

        Both count a target prefix (BART's <s>, a language token) and the end token within the
        maximum length; transformers also forces the end token into the last position when the
        model has `forced_eos_token_id`, which leaves one position fewer for text.
        """
        longest = int(decoding["max_new_tokens"])
        if defaults.get("forced_eos_token_id") is not None:
            longest -= 1
        shortest = min(int(decoding["min_new_tokens"]), longest)
        options: dict[str, Any] = {
            "beam_size": int(decoding["num_beams"]),
            "length_penalty": float(decoding["length_penalty"]),
            "repetition_penalty": float(decoding["repetition_penalty"]),
            "no_repeat_ngram_size": int(decoding["no_repeat_ngram_size"]),
            "max_batch_size": BATCH_TOKENS,
            "batch_type": "tokens",
        }
        suppressed = self._suppressed(defaults.get("bad_words_ids") or [])
        if suppressed:
            options["suppress_sequences"] = suppressed
        if self.seq2seq:
            options.update(
                max_input_length=0, max_decoding_length=longest, min_decoding_length=shortest
            )
        else:
            options.update(
                max_length=longest,
                min_length=shortest,
                include_prompt_in_result=False,
                end_token=self._end_tokens(defaults),
            )
        return options

    def _suppressed(self, bad_words_ids: list[list[int]]) -> list[list[str]]:
        """`bad_words_ids` as token sequences, leaving out tokens the converted model lacks."""
        vocabulary = set(_target_vocabulary(self.path))
        sequences = [self.tokenizer.convert_ids_to_tokens(ids) for ids in bad_words_ids]
        return [tokens for tokens in sequences if set(tokens) <= vocabulary]

    def _end_tokens(self, defaults: dict[str, Any]) -> list[str]:
        ids = defaults.get("eos_token_id", self.tokenizer.eos_token_id)
        ids = ids if isinstance(ids, list) else [ids]
        return [self.tokenizer.convert_ids_to_tokens(i) for i in ids if i is not None]

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
        options = dict(self.options)
        if num_beams:
            options["beam_size"] = num_beams
        if no_repeat_ngram_size:
            options["no_repeat_ngram_size"] = no_repeat_ngram_size
        return [outputs[0] for outputs in self._run(inputs, system, options)]

    def sample(
        self, inputs: Sequence[str], sampling: Sampling, *, system: str | None = None
    ) -> list[list[str]]:
        if not inputs:
            return []
        options = dict(self.options)
        options.update(
            beam_size=1,
            num_hypotheses=sampling.count,
            sampling_topk=0,
            sampling_topp=sampling.top_p,
            sampling_temperature=sampling.temperature,
        )
        return self._run(inputs, system, options)

    def _run(
        self, inputs: Sequence[str], system: str | None, options: dict[str, Any]
    ) -> list[list[str]]:
        """Every hypothesis CTranslate2 returns for each input, decoded."""
        if system and not self.seq2seq:
            # The shared prefix (examples, or the chat template up to the user's message) is
            # computed once and its state reused for every input: prompts are mostly prefix.
            static, encoded = self._split_prompts(inputs, system)
            refuse_overlong([static + ids for ids in encoded], self.max_input_tokens)
            options["static_prompt"] = self.tokenizer.convert_ids_to_tokens(static)
            options["cache_static_prompt"] = True
        else:
            encoded = self.prompter.encode(self.prompter.prompts(inputs, system))
            refuse_overlong(encoded, self.max_input_tokens)
        tokens = [self.tokenizer.convert_ids_to_tokens(ids) for ids in encoded]
        if self.seq2seq:
            prefix = [self.target_prefix] * len(tokens) if self.target_prefix else None
            results = self.model.translate_batch(tokens, prefix, **options)
            outputs = [
                [self.tokenizer.convert_tokens_to_ids(h) for h in r.hypotheses] for r in results
            ]
        else:
            results = self.model.generate_batch(tokens, **options)
            outputs = [r.sequences_ids for r in results]
        return [
            [text.strip() for text in self.tokenizer.batch_decode(ids, skip_special_tokens=True)]
            for ids in outputs
        ]

    def _split_prompts(
        self, inputs: Sequence[str], system: str
    ) -> tuple[list[int], list[list[int]]]:
        """The prompts' shared prefix and each input's own tokens after it."""
        if self.prompter.style == "completion":
            prefix, texts = system, list(inputs)
            static = self.tokenizer(prefix, add_special_tokens=True)["input_ids"]
        else:
            prefix, suffix = self.prompter.chat_frame(system)
            texts = [text + suffix for text in inputs]
            static = self.tokenizer(prefix, add_special_tokens=False)["input_ids"]
        return list(static), list(self.tokenizer(texts, add_special_tokens=False)["input_ids"])


_last_loaded: dict[tuple[str, ...], Any] = {}


def _load(runner: Any, path: Path, options: dict[str, Any]) -> Any:
    """The CTranslate2 model at `path`, shared with the last one loaded when that is the same
    folder with the same options: a chat model that both translates and summarizes is held in
    memory once (1.8 GB for Qwen2.5-Coder-1.5B in int8), not twice. Only the last one is kept,
    so a process that goes through many models holds no more than one of them extra."""
    weights = path / "model.bin"
    state = weights.stat() if weights.is_file() else None
    stamp = f"{state.st_mtime_ns}:{state.st_size}" if state else "missing"
    key = (runner.__name__, str(path), stamp, *(f"{k}={v}" for k, v in sorted(options.items())))
    if key not in _last_loaded:
        _last_loaded.clear()
        _last_loaded[key] = runner(str(path), **options)
    return _last_loaded[key]


def _target_vocabulary(folder: Path) -> list[str]:
    for name in ("target_vocabulary", "shared_vocabulary", "vocabulary"):
        if (folder / f"{name}.json").is_file():
            return json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        if (folder / f"{name}.txt").is_file():
            return (folder / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return []
