"""How the embedded Qwen is asked to translate: prompt shapes scored on NTREX-128's development
documents (1–60) only, never on the documents the docs report.

    python -m benchmarks.experiments.qwen_prompt [--blocks 6] [VARIANT ...]

The sample is `--blocks` runs of four consecutive lines of one document, drawn with seed 7
(the lines used as example turns excluded), so every shape sees the same 4×blocks lines and the
numbered shape gets real neighbours. Every variant runs greedy on CTranslate2 int8 through the
converted model `run` uses, first attempts only (no retry), and prints chrF, BLEU (sacrebleu
defaults), seconds, prompt and generated tokens. Variants:

- `single`: one sentence per prompt under a short instruction;
- `numbered`: the four lines of a block numbered in one prompt (one reply line each);
- `fewshot`: `single` with three example turns (NTREX lines 3, 18 and 46);
- `context`: `single` with the previous two lines of the article as context not to translate;
- `names`: `single` with the instruction to keep names, numbers, dates and units and to add
  nothing (the shipped `TRANSLATE_SYSTEM`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from pathlib import Path
from typing import Any

from sacrebleu.metrics import BLEU, CHRF

from benchmarks.experiments.gemma import DATA
from summarizer.engines.convert import convert
from summarizer.models.spec import resolve
from summarizer.tasks.translate_prompts import TRANSLATE_SYSTEM

PRESET = "qwen2.5-coder-1.5b"
SHORT = (
    "You are a professional Korean-to-English news translator. Translate the user's Korean "
    "sentence into fluent, faithful English. Reply with the English translation only."
)
NUMBERED = (
    "You are a professional translator. Translate each numbered Korean segment in the user's "
    "message into fluent, faithful English. Reply with exactly one line per segment, in the same "
    'order, each starting with its number ("1. ..."). Reply with the translations only: no '
    "notes, no explanations, and never merge, split or skip segments."
)
SHOTS = (2, 17, 45)
VARIANTS = ("single", "numbered", "fewshot", "context", "names")


class Corpus:
    def __init__(self, data: Path, blocks: int) -> None:
        self.ids = [line.split("\t")[0] for line in (data / "DOCUMENT_IDS.tsv").open()]
        self.korean = (data / "newstest2019-ref.kor.txt").read_text("utf-8").splitlines()
        self.english = (data / "newstest2019-src.eng.txt").read_text("utf-8").splitlines()
        development = list(dict.fromkeys(self.ids))[:60]
        end = max(i for i, doc in enumerate(self.ids) if doc in development) + 1
        starts = [
            i
            for i in range(4, end - 4)
            if len(set(self.ids[i : i + 4])) == 1 and not set(SHOTS) & set(range(i, i + 4))
        ]
        rng = random.Random(7)
        chosen: list[int] = []
        while len(chosen) < blocks:
            start = rng.choice(starts)
            if all(abs(start - other) >= 4 for other in chosen):
                chosen.append(start)
        self.blocks = sorted(chosen)
        self.lines = [b + k for b in self.blocks for k in range(4)]


def messages(corpus: Corpus, variant: str, line: int) -> list[dict[str, str]]:
    korean = corpus.korean[line]
    system = TRANSLATE_SYSTEM if variant == "names" else SHORT
    turns = [{"role": "system", "content": system}]
    if variant == "fewshot":
        for shot in SHOTS:
            turns += [
                {"role": "user", "content": corpus.korean[shot]},
                {"role": "assistant", "content": corpus.english[shot]},
            ]
    if variant == "context":
        before = [
            corpus.korean[j]
            for j in (line - 2, line - 1)
            if j >= 0 and corpus.ids[j] == corpus.ids[line]
        ]
        if before:
            korean = (
                "Earlier in the article (for context only, do not translate): "
                f"{' '.join(before)}\n\nTranslate this sentence: {korean}"
            )
    return [*turns, {"role": "user", "content": korean}]


def numbered(corpus: Corpus, block: int) -> list[dict[str, str]]:
    lines = "\n".join(f"{n}. {corpus.korean[block + n - 1]}" for n in range(1, 5))
    request = f"Translate these 4 segments into English:\n{lines}"
    return [{"role": "system", "content": NUMBERED}, {"role": "user", "content": request}]


def run(corpus: Corpus, variant: str, generator: Any, tokenizer: Any) -> dict[str, Any]:
    if variant == "numbered":
        chats = [numbered(corpus, block) for block in corpus.blocks]
    else:
        chats = [messages(corpus, variant, line) for line in corpus.lines]
    texts = [
        tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) for c in chats
    ]
    tokens = [tokenizer.convert_ids_to_tokens(tokenizer(t)["input_ids"]) for t in texts]
    began = time.perf_counter()
    results = generator.generate_batch(
        tokens,
        max_length=400,
        beam_size=1,
        include_prompt_in_result=False,
        end_token=["<|im_end|>"],
        max_batch_size=16,
    )
    seconds = time.perf_counter() - began
    replies = [tokenizer.decode(r.sequences_ids[0], skip_special_tokens=True) for r in results]
    if variant == "numbered":
        outputs = []
        for reply in replies:
            lines = [re.sub(r"^\s*\d+[.):]\s*", "", x) for x in reply.splitlines() if x.strip()]
            outputs += (lines + [""] * 4)[:4]
    else:
        outputs = [next((x.strip() for x in r.splitlines() if x.strip()), "") for r in replies]
    references = [[corpus.english[line] for line in corpus.lines]]
    generated = sum(len(r.sequences_ids[0]) for r in results)
    return {
        "variant": variant,
        "lines": len(corpus.lines),
        "chrF": round(CHRF().corpus_score(outputs, references).score, 1),
        "BLEU": round(BLEU().corpus_score(outputs, references).score, 1),
        "seconds": round(seconds, 1),
        "prompt_tokens": sum(map(len, tokens)),
        "generated_tokens": generated,
    }


def main() -> None:
    import ctranslate2
    from transformers import AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("variants", nargs="*", default=list(VARIANTS))
    parser.add_argument("--blocks", type=int, default=6)
    args = parser.parse_args()
    models = Path(os.environ.get("SUMMARIZER_MODELS_DIR", "models"))
    spec = resolve(PRESET, models, notify=print)
    generator = ctranslate2.Generator(str(convert(spec, models, "int8")), compute_type="int8")
    tokenizer = AutoTokenizer.from_pretrained(spec.path)
    corpus = Corpus(DATA, args.blocks)
    for variant in args.variants:
        print(json.dumps(run(corpus, variant, generator, tokenizer)), flush=True)


if __name__ == "__main__":
    main()
