"""The CTranslate2 backend: same outputs as transformers, conversion reuse, backend choice, CLI."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cache.null import NullCache
from summarizer.cli import app
from summarizer.config import Settings, threads
from summarizer.engines import Model, convert
from summarizer.errors import UsageError
from summarizer.models.spec import resolve
from summarizer.pipeline.core import Pipeline

pytest.importorskip("ctranslate2", reason="the ct2 backend needs ctranslate2")

KOREAN = [
    "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다.",
    "정부는 화요일 중소기업 지원을 확대하겠다고 밝혔다.",
    "경제",
]
ENGLISH = [
    "The government said on Tuesday that it would expand support for small businesses.",
    "Shares of major banks fell slightly after the announcement.",
]
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def ct2_model(
    folder: Path,
    models_dir: Path,
    task: str = "translation",
    compute_type: str = "int8",
    **over: Any,
) -> Model:
    spec = resolve(str(folder), models_dir)
    options = {"models_dir": models_dir}
    return Model(
        spec, task, backend="ct2", compute_type=compute_type, options=options, overrides=over
    )  # type: ignore[arg-type]


@pytest.mark.parametrize("overrides", [{"num_beams": 1}, {"num_beams": 1, "max_new_tokens": 5}, {}])
def test_outputs_match_transformers(
    tiny_marian: Path, tmp_path: Path, overrides: dict[str, Any]
) -> None:
    """Greedy (and the model's own beam 2) decoding give the same text under both backends."""
    hf = Model(resolve(str(tiny_marian), tmp_path), "translation", overrides=overrides)
    ct2 = ct2_model(tiny_marian, tmp_path, compute_type="float32", **overrides)
    expected = hf.engine.generate(KOREAN)
    assert all(expected)
    assert ct2.engine.generate(KOREAN) == expected
    assert ct2.engine.count_tokens(KOREAN) == hf.engine.count_tokens(KOREAN)
    assert ct2.engine.max_input_tokens == hf.engine.max_input_tokens


@pytest.mark.parametrize("fixture", ["tiny_bart", "tiny_t5", "tiny_llama"])
def test_summarizers_give_one_output_per_input(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    model = ct2_model(request.getfixturevalue(fixture), tmp_path, "summarization")
    outputs = model.engine.generate(ENGLISH, system="Summarize the article.")
    assert len(outputs) == len(ENGLISH)
    assert all(text.strip() for text in outputs)
    assert model.engine.generate([]) == []


def test_bart_starts_like_transformers(tiny_bart: Path, tmp_path: Path) -> None:
    """BART is given the <s> that transformers forces first; outputs then agree."""
    hf = Model(resolve(str(tiny_bart), tmp_path), "summarization", overrides={"num_beams": 1})
    ct2 = ct2_model(tiny_bart, tmp_path, "summarization", compute_type="float32", num_beams=1)
    assert ct2.engine.target_prefix == ["<s>"]  # type: ignore[attr-defined]
    assert ct2.engine.generate(ENGLISH) == hf.engine.generate(ENGLISH)


def test_over_long_input_is_refused_not_truncated(tiny_marian_short: Path, tmp_path: Path) -> None:
    engine = ct2_model(tiny_marian_short, tmp_path).engine
    long = "테슬라 주가가 미국 나스닥 시장에서 이번주 급등했다. " * 6
    with pytest.raises(ValueError, match="exceeds the model's limit"):
        engine.generate([long])


def test_conversion_is_reused(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = convert._converter

    def counting(path: str) -> Any:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(convert, "_converter", counting)
    first = ct2_model(tiny_marian, tmp_path).engine.generate(KOREAN[:1])
    folder = tmp_path / f"{tiny_marian.name}-ct2-int8"
    stamp = (folder / "model.bin").stat().st_mtime_ns
    assert ct2_model(tiny_marian, tmp_path).engine.generate(KOREAN[:1]) == first
    assert len(calls) == 1
    assert (folder / "model.bin").stat().st_mtime_ns == stamp
    source = json.loads((folder / convert.SOURCE_FILE).read_text())
    assert source["quantization"] == "int8"
    hidden = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert hidden == [".locks"], "no staging left"


def test_changed_weights_are_converted_again(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[str] = []

    class FakeConverter:
        def convert(self, output_dir: str, **options: Any) -> None:
            converted.append(options["quantization"])
            Path(output_dir, "model.bin").write_text("weights")

    monkeypatch.setattr(convert, "_converter", lambda path: FakeConverter())
    spec = resolve(str(tiny_marian), tmp_path)
    path = convert.convert(spec, tmp_path, "int8")
    assert convert.convert(spec, tmp_path, "int8") == path
    assert convert.convert(replace(spec, weights_sha256="0" * 64), tmp_path, "int8") == path
    assert convert.convert(spec, tmp_path, "float32") != path
    assert converted == ["int8", "int8", "float32"]


def pipeline(tmp_path: Path, translator: Path, **settings: Any) -> Pipeline:
    base = Settings(translator=str(translator), models_dir=tmp_path)
    return Pipeline(base.with_overrides(**settings), NullCache())


def test_auto_picks_ct2_when_available(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = pipeline(tmp_path, tiny_marian).translator.model
    assert (model.backend, model.compute_type) == ("ct2", "int8")
    assert not model.loaded, "choosing the backend loads nothing"
    monkeypatch.setattr(convert, "installed", lambda: False)
    assert pipeline(tmp_path, tiny_marian).translator.model.backend == "hf"


def test_auto_uses_transformers_for_what_ctranslate2_cannot_run(tiny_marian: Path) -> None:
    spec = resolve(str(tiny_marian), tiny_marian.parent)
    other = replace(spec, config={**spec.config, "model_type": "xlnet"})
    assert convert.choose_backend("auto", spec) == "ct2"
    assert convert.choose_backend("auto", other) == "hf"
    assert convert.choose_backend("hf", spec) == "hf"
    with pytest.raises(UsageError, match=r"model type 'xlnet'.*use --backend hf"):
        convert.choose_backend("ct2", other)


def test_fingerprints_differ_between_backends_and_compute_types(
    tiny_marian: Path, tmp_path: Path
) -> None:
    hf = pipeline(tmp_path, tiny_marian, backend="hf").translator.model
    int8 = pipeline(tmp_path, tiny_marian, backend="ct2").translator.model
    exact = pipeline(tmp_path, tiny_marian, backend="ct2", compute_type="float32").translator.model
    prints = {hf.fingerprint, int8.fingerprint, exact.fingerprint}
    assert len(prints) == 3
    assert int8.describe()["compute_type"] == "int8"
    assert hf.describe()["compute_type"] is None


def test_compute_type_and_threads_are_checked() -> None:
    assert convert.resolve_compute_type("auto", "cpu") == "int8"
    assert convert.resolve_compute_type("auto", "cuda") == "int8_float16"
    assert convert.resolve_compute_type("float16", "cuda") == "float16"
    with pytest.raises(UsageError, match="compute type"):
        convert.resolve_compute_type("int4", "cpu")
    cores = os.cpu_count() or 1
    assert threads(1, 0) == (1, cores)
    with pytest.raises(UsageError, match="exceeds"):
        threads(cores + 1, 1)


def test_cli_run_with_ct2_backend(tiny_marian: Path, tiny_bart: Path, tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, articles)
    out, models = tmp_path / "out", tmp_path / "models"
    args = ["run", str(articles), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    args += ["--models-dir", str(models), "--backend", "ct2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for path in sorted(out.glob("*/result.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["summary"].strip()
        assert all(s["translation"].strip() for s in data["segments"])
        for role in ("translator", "summarizer"):
            assert data["models"][role]["backend"] == "ct2"
            assert data["models"][role]["compute_type"] == "int8"
    assert len(list(out.glob("*/result.json"))) == 2
    assert sorted(p.name for p in models.iterdir() if p.is_dir()) == [
        ".locks",
        f"{tiny_bart.name}-ct2-int8",
        f"{tiny_marian.name}-ct2-int8",
    ]


def test_a_chat_model_that_translates_and_summarizes_is_loaded_once(
    tiny_llama: Path, tmp_path: Path
) -> None:
    """The translator and the summarizer of one chat model share CTranslate2's weights; other
    settings load their own, and a reconverted folder is read again."""
    translator = ct2_model(tiny_llama, tmp_path, "translation").engine
    summarizer = ct2_model(tiny_llama, tmp_path, "summarization").engine
    assert summarizer.model is translator.model
    assert summarizer.generate(["안녕하세요"], system="Summarize.") is not None
    exact = ct2_model(tiny_llama, tmp_path, "summarization", compute_type="float32").engine
    assert exact.model is not translator.model
    weights = Path(exact.path) / "model.bin"
    weights.touch()
    os.utime(weights, ns=(1, 1))
    again = ct2_model(tiny_llama, tmp_path, "summarization", compute_type="float32").engine
    assert again.model is not exact.model


def test_language_models_translate_in_small_batches_by_default(
    tiny_llama: Path, tiny_marian: Path, tmp_path: Path
) -> None:
    """A chat model's batch is 16 sentences (minutes of work on a CPU, what an interrupt
    loses), a seq2seq model's on CTranslate2 128; a batch size the user names wins."""
    from summarizer.cache.null import NullCache
    from summarizer.config import Settings
    from summarizer.pipeline.stages import build_translator

    settings = Settings(models_dir=tmp_path, backend="ct2")
    sizes = {
        folder.name: build_translator(settings, resolve(str(folder), tmp_path), NullCache())
        for folder in (tiny_llama, tiny_marian)
    }
    assert sizes[tiny_llama.name].batch_size == 16
    assert sizes[tiny_marian.name].batch_size == 128
    named = Settings(models_dir=tmp_path, backend="ct2", batch_size=40)
    assert build_translator(named, resolve(str(tiny_llama), tmp_path), NullCache()).batch_size == 40
