"""Tokenizer-side work every backend shares: prompts, token counts, limits, language codes.

Backends differ in how they run a model, not in what they feed it: the same prefix for T5, the
same chat template for instruction models, the same language codes for M2M100/NLLB and the
same input limit, so that an input that fits one backend fits the other.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from summarizer.engines import Task

SOURCE_LANGUAGE = {"m2m_100": "ko", "nllb": "kor_Hang"}
TARGET_LANGUAGE = {"m2m_100": "en", "nllb": "eng_Latn"}
_LIMIT_KEYS = ("max_position_embeddings", "n_positions", "max_sequence_length")
_UNBOUNDED = 10**7
DEFAULT_INPUT_LIMIT = 1024
"""Tokens a model reads at most when neither its config nor its tokenizer declares a limit:
feeding a whole long article in one pass exhausts memory, so such models get map-reduce too."""


def language_family(tokenizer: Any, model_type: str | None) -> str | None:
    """'nllb' or 'm2m_100' for multilingual models that need language codes, else None."""
    if "nllb" in type(tokenizer).__name__.lower():
        return "nllb"
    if model_type == "m2m_100":
        return "m2m_100"
    return None


def target_language_token(family: str, tokenizer: Any) -> str:
    if family == "m2m_100":
        return str(tokenizer.get_lang_token(TARGET_LANGUAGE[family]))
    return TARGET_LANGUAGE[family]


def task_prefix(task: Task, config: Mapping[str, Any]) -> str:
    """The text T5-style models expect before the input (`summarize: `), else ''."""
    if task != "summarization":
        return ""
    params = (config.get("task_specific_params") or {}).get("summarization", {})
    return str(params.get("prefix", "") or "")


def input_limit(
    config: Mapping[str, Any], tokenizer: Any, seq2seq: bool, max_new_tokens: int
) -> int:
    """Longest input in tokens: positions (and the tokenizer's limit), less the reply for LMs."""
    limits = [config.get(name) for name in _LIMIT_KEYS]
    if isinstance(tokenizer.model_max_length, int) and tokenizer.model_max_length < _UNBOUNDED:
        limits.append(tokenizer.model_max_length)
    limit = min((v for v in limits if isinstance(v, int) and v > 0), default=DEFAULT_INPUT_LIMIT)
    if not seq2seq:
        limit -= max_new_tokens
    return max(8, limit)


def answers_on_one_line(style: str, task: str) -> bool:
    """Whether only the first line of a reply is used, so decoding can stop at a line break:
    few-shot completion answers, and chat translations (`translate.first_line`)."""
    return style == "completion" or (style == "chat" and task == "translation")


def line_end_tokens(tokenizer: Any) -> list[str]:
    """Every vocabulary token that holds a line break, and the end-of-sequence token.

    A completion-style prompt is answered on one line, and models such as Gemma have tokens for
    runs of line breaks ("\\n\\n", …), so stopping at "\\n" alone would miss most line ends.
    """
    tokens = [
        token
        for token in tokenizer.get_vocab()
        if "\n" in tokenizer.convert_tokens_to_string([token])
    ]
    return [*sorted(tokens), tokenizer.eos_token]


class Prompter:
    """Turns inputs into what the model reads: prefixed text, a chat-templated prompt, or (for
    base LMs prompted by completion) the text as it is."""

    def __init__(self, tokenizer: Any, style: str, prefix: str = "") -> None:
        self.tokenizer = tokenizer
        self.style = style
        self.seq2seq = style == "seq2seq"
        self.prefix = prefix

    def prompts(self, inputs: Sequence[str], system: str | None) -> list[str]:
        if self.seq2seq:
            return [self.prefix + text for text in inputs]
        if self.style == "completion":
            return [(system or "") + text for text in inputs]
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

    def chat_frame(self, system: str) -> tuple[str, str]:
        """A chat prompt's text before and after the user's message: the part before (system
        instruction included) is the same for every input, a prefix to compute once."""
        marker = "\x00"
        messages = [{"role": "system", "content": system}, {"role": "user", "content": marker}]
        whole = self.tokenizer.apply_chat_template(
            messages, tokenize=False, add_generation_prompt=True
        )
        prefix, _, suffix = whole.partition(marker)
        return prefix, suffix

    @property
    def add_special_tokens(self) -> bool:
        """Chat templates write their own BOS; other prompts get the tokenizer's."""
        return self.style != "chat"

    def encode(self, prompts: Sequence[str]) -> list[list[int]]:
        encoded = self.tokenizer(list(prompts), add_special_tokens=self.add_special_tokens)
        return list(encoded["input_ids"])

    def count(self, texts: Sequence[str], system: str | None) -> list[int]:
        return [len(ids) for ids in self.encode(self.prompts(texts, system))]


def refuse_overlong(encoded: Sequence[Sequence[int]], limit: int) -> None:
    """Inputs are split to fit before they reach a backend; one that does not is a bug."""
    longest = max(len(ids) for ids in encoded)
    if longest > limit:
        raise ValueError(f"input of {longest} tokens exceeds the model's limit of {limit}")
