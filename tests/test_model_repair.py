"""Damaged model folders: one line naming the folder, and what the tool made is made again."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.engines import Model
from summarizer.errors import ModelUnavailableError
from summarizer.models import embedded
from summarizer.models.presets import Preset
from summarizer.models.repair import MANIFEST, file_sha256
from summarizer.models.spec import resolve

KOREAN = ["정부는 화요일 중소기업 지원을 확대하겠다고 밝혔다."]


def copy_of(tiny_marian: Path, where: Path) -> Path:
    shutil.copytree(tiny_marian, where)
    return where


def cut_in_half(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def translate(tmp_path: Path, model: Path, *extra: str) -> Any:
    article = tmp_path / "a.txt"
    article.write_text(KOREAN[0] + "\n", encoding="utf-8")
    args = ["translate", str(article), "-t", str(model), "--no-cache", *extra]
    return CliRunner().invoke(app, args)


def test_a_truncated_weights_file_is_named_before_loading(
    tiny_marian: Path, tmp_path: Path
) -> None:
    folder = copy_of(tiny_marian, tmp_path / "model")
    cut_in_half(folder / "model.safetensors")
    with pytest.raises(ModelUnavailableError, match=r"model\.safetensors is truncated") as caught:
        resolve(str(folder), tmp_path / "models")
    assert f"replace {folder} with a complete copy" in str(caught.value)


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_a_broken_generation_config_is_one_line(
    tiny_marian: Path, tmp_path: Path, backend: str
) -> None:
    folder = copy_of(tiny_marian, tmp_path / "model")
    (folder / "generation_config.json").write_text("{broken", encoding="utf-8")
    result = translate(tmp_path, folder, "--backend", backend)
    assert result.exit_code == 2, result.output
    assert "generation_config.json is not valid JSON" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_a_missing_tokenizer_file_is_one_line_naming_the_folder(
    tiny_marian: Path, tmp_path: Path, backend: str
) -> None:
    folder = copy_of(tiny_marian, tmp_path / "model")
    (folder / "source.spm").unlink()
    result = translate(tmp_path, folder, "--backend", backend)
    assert result.exit_code == 2, result.output
    assert f"cannot load the model in {folder}" in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_download_that_no_longer_matches_its_manifest_names_the_pull_to_redo(
    tiny_marian: Path, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    folder = copy_of(tiny_marian, models / "opus-mt-ko-en")
    files = [
        {"name": p.name, "size": p.stat().st_size, "sha256": file_sha256(p)}
        for p in sorted(folder.iterdir())
    ]
    entry = {"id": "Helsinki-NLP/opus-mt-ko-en", "revision": "abc", "files": files}
    (models / MANIFEST).write_text(json.dumps({"opus-mt-ko-en": entry}), encoding="utf-8")
    spm = folder / "source.spm"
    spm.write_bytes(b"\0" * spm.stat().st_size)  # same size: only the hash tells

    spec = resolve("Helsinki-NLP/opus-mt-ko-en", models)
    with pytest.raises(ModelUnavailableError) as caught:
        Model(spec, "translation", backend="hf").engine  # noqa: B018
    message = str(caught.value)
    assert "source.spm does not match its recorded SHA-256" in message
    assert f"delete {folder.resolve()} and run `summarizer models pull" in message

    (folder / "vocab.json").unlink()
    with pytest.raises(ModelUnavailableError, match=r"vocab\.json is missing"):
        resolve("Helsinki-NLP/opus-mt-ko-en", models)


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_a_damaged_conversion_is_converted_again(
    tiny_marian: Path, tmp_path: Path, damage: str
) -> None:
    pytest.importorskip("ctranslate2")
    models = tmp_path / "models"

    def generate() -> list[str]:
        spec = resolve(str(tiny_marian), models)
        options = {"models_dir": models}
        model = Model(spec, "translation", backend="ct2", compute_type="int8", options=options)
        return model.engine.generate(KOREAN)

    first = generate()
    weights = models / f"{tiny_marian.name}-ct2-int8" / "model.bin"
    if damage == "missing":
        weights.unlink()
    else:
        cut_in_half(weights)
    assert generate() == first
    assert weights.is_file() and not (models / f".{weights.parent.name}.partial").exists()


def test_an_embedded_preparation_with_cut_weights_is_prepared_again(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    preset = Preset("tiny-embedded", "tiny/embedded", ("translation",), "1 MB", "x", "x",
                    package="pytest", gguf_file="tiny.gguf")  # fmt: skip
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF")
    prepared: list[Path] = []

    def dequantize(source: Path, out: Path, *_args: object) -> None:
        prepared.append(out)
        for path in tiny_marian.iterdir():
            shutil.copy(path, out / path.name)

    monkeypatch.setattr(embedded, "gguf_path", lambda _preset, _notify=None: gguf)
    monkeypatch.setattr(embedded, "dequantize", dequantize)
    models, notes = tmp_path / "models", []
    folder = embedded.prepare(preset, models, notes.append)
    assert embedded.prepare(preset, models, notes.append) == folder and len(prepared) == 1
    record = json.loads((folder / "prepared.json").read_text(encoding="utf-8"))
    assert {f["name"] for f in record["files"]} >= {"model.safetensors", "source.spm"}

    cut_in_half(folder / "model.safetensors")
    assert embedded.prepare(preset, models, notes.append) == folder and len(prepared) == 2
    assert any("is damaged (model.safetensors" in note for note in notes), notes
    (folder / "tokenizer_config.json").write_text("{}", encoding="utf-8")  # another size
    embedded.prepare(preset, models, notes.append)
    assert len(prepared) == 3
    assert resolve(str(folder), models).weights_sha256
