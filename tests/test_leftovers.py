"""Nothing left behind: temporary files of killed writes, failed runs, racing conversions."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import summarizer.engines.convert
import summarizer.models.embedded
from summarizer.cli import app
from summarizer.errors import ModelUnavailableError
from summarizer.models.presets import PRESETS
from summarizer.models.spec import ModelSpec

HOUR = 3600.0


def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n", encoding="utf-8"
    )
    return folder


def aged(path: Path, seconds: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("half a file")
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def refuse_preparing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("an embedded model was prepared although another model is missing")

    monkeypatch.setattr(summarizer.models.embedded, "prepare", fail)


def test_a_run_clears_temporary_files_a_killed_run_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_preparing(monkeypatch)
    out = tmp_path / "out"
    stale = [
        aged(out / ".index.jsonl.k3j_9x0a.tmp", HOUR),
        aged(out / "a" / ".summary.en.txt.0abcdefg.tmp", HOUR),
    ]
    kept = [
        aged(out / ".index.jsonl.fresh123.tmp", 0),  # another run may be writing it right now
        aged(out / "a" / "notes.tmp", HOUR),  # not write_atomic's pattern
        aged(out / "a" / ".draft.tmp", HOUR),
        aged(out / "a" / "deep" / ".x.txt.abcdefgh.tmp", HOUR),  # not an article folder
    ]
    # The run fails on its translator, but the leftovers go before any model is looked at.
    result = CliRunner().invoke(app, ["run", str(articles(tmp_path)), "-o", str(out), "-t", "/no"])
    assert result.exit_code == 2, result.output
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []


def test_a_run_that_fails_on_a_missing_model_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_preparing(monkeypatch)
    folder = articles(tmp_path)
    fresh, existing = tmp_path / "fresh" / "out", tmp_path / "existing"
    existing.mkdir()
    for out in (fresh, existing):
        result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "-t", "/no/model"])
        assert result.exit_code == 2, result.output
        assert "model folder /no/model does not exist" in result.output
    assert not (tmp_path / "fresh").exists()
    assert list(existing.iterdir()) == []


def fake_spec(tmp_path: Path) -> ModelSpec:
    path = tmp_path / "weights" / "tiny"
    path.mkdir(parents=True)
    return ModelSpec("tiny", path, None, "ab" * 32, {"model_type": "marian"})


class FakeConverter:
    """Writes a model.bin slowly; can fail halfway after writing part of it."""

    def __init__(self, calls: list[str], fail: BaseException | None = None) -> None:
        self.calls, self.fail = calls, fail

    def convert(self, out: str, quantization: str, force: bool) -> None:
        self.calls.append(out)
        (Path(out) / "model.bin").write_text("part")
        time.sleep(0.3)
        if self.fail:
            raise self.fail


def test_two_first_runs_convert_a_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(summarizer.engines.convert, "_converter", lambda path: FakeConverter(calls))
    spec, models = fake_spec(tmp_path), tmp_path / "models"
    found: list[Path] = []
    runs = [
        threading.Thread(
            target=lambda: found.append(summarizer.engines.convert.convert(spec, models, "int8"))
        )
        for _ in range(2)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert len(calls) == 1
    assert found == [models / "tiny-ct2-int8"] * 2
    assert (models / "tiny-ct2-int8" / "model.bin").is_file()
    assert sorted(p.name for p in models.iterdir()) == [".locks", "tiny-ct2-int8"]


@pytest.mark.parametrize("fault", [RuntimeError("out of memory"), KeyboardInterrupt()])
def test_a_failed_or_interrupted_conversion_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: BaseException
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        summarizer.engines.convert, "_converter", lambda path: FakeConverter(calls, fault)
    )
    spec, models = fake_spec(tmp_path), tmp_path / "models"
    aged(models / ".tiny-ct2-int8.partial" / "model.bin", HOUR)  # a killed conversion's
    with pytest.raises(
        ModelUnavailableError if isinstance(fault, Exception) else KeyboardInterrupt
    ):
        summarizer.engines.convert.convert(spec, models, "int8")
    assert calls
    assert [p.name for p in models.iterdir()] == [".locks"]


def test_device_cuda_without_a_gpu_fails_before_converting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ModelUnavailableError, match="sees no CUDA GPU"):
        summarizer.engines.convert.ct2_device("cuda")
    assert summarizer.engines.convert.ct2_device("auto") == "cpu"


def test_device_cuda_without_a_gpu_is_one_line_with_transformers(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    args = ["translate", str(articles(tmp_path) / "a.txt"), "-t", str(tiny_marian), "--no-cache"]
    result = CliRunner().invoke(app, [*args, "--backend", "hf", "--device", "cuda"])
    assert result.exit_code == 2, result.output
    assert "error: --device cuda: torch sees no CUDA GPU" in result.output
    assert "Traceback" not in result.output


def test_two_first_runs_prepare_an_embedded_model_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preset = PRESETS["smollm2"]
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    calls: list[Path] = []

    def dequantize(source: Path, out: Path, *_settings: Any) -> None:
        calls.append(out)
        time.sleep(0.3)
        (out / "config.json").write_text("{}")

    monkeypatch.setattr(summarizer.models.embedded, "package_version", lambda preset: "1.0")
    monkeypatch.setattr(summarizer.models.embedded, "gguf_path", lambda preset, notify=None: gguf)
    monkeypatch.setattr(summarizer.models.embedded, "dequantize", dequantize)
    models, notes = tmp_path / "models", []
    found: list[Path] = []
    runs = [
        threading.Thread(
            target=lambda: found.append(
                summarizer.models.embedded.prepare(preset, models, notes.append)
            )
        )
        for _ in range(2)
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert len(calls) == 1
    assert found == [models / "smollm2"] * 2
    assert sorted(p.name for p in models.iterdir()) == [".locks", "smollm2"]
    assert any("waiting for another process" in note for note in notes)


def test_preparing_an_embedded_model_shows_no_gguf_progress_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    import transformers
    from transformers import modeling_gguf_pytorch_utils as gguf_utils

    class Loaded(Exception):
        pass

    def load(*args: Any, **kwargs: Any) -> Any:
        for _ in gguf_utils.tqdm(range(50), desc="Converting and de-quantizing GGUF tensors..."):
            time.sleep(0.001)
        raise Loaded

    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", load)
    with pytest.raises(Loaded):
        summarizer.models.embedded.dequantize(tmp_path / "model.gguf", tmp_path / "out")
    assert "de-quantizing" not in capfd.readouterr().err
    assert not getattr(gguf_utils.tqdm, "keywords", None)  # restored afterwards
