"""Find a model on disk (downloading it into the models folder if need be) and describe it.

A model reference is a local folder, a preset name, or a Hugging Face model id. Whatever it is,
the result is a `ModelSpec`: a local folder plus what identifies the weights (hub revision and a
SHA-256 over the weight files), which is what signatures and cache fingerprints record.

A model already in the models folder (`summarizer.models.folder`) is used without touching the
network; nothing here imports torch.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError, UsageError
from summarizer.fileio import write_atomic
from summarizer.models import embedded
from summarizer.models.folder import (
    PARTIAL,
    hub_id_of,
    is_installed,
    local_name,
    looks_like_path,
    manifest_revision,
    pull,
    unavailable,
)
from summarizer.models.presets import PRESETS, Preset, nearest
from summarizer.models.repair import damaged, feed, problems

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt")
_HASH_MEMO = ".weights-sha256.json"


@dataclass(frozen=True)
class ModelSpec:
    """A model available on this machine."""

    id: str
    path: Path
    revision: str | None
    weights_sha256: str
    config: dict[str, Any]
    prompt_style: str = "seq2seq"

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


def resolve(
    ref: str,
    models_dir: Path,
    *,
    download: bool = True,
    notify: Callable[[str], None] | None = None,
) -> ModelSpec:
    """Turn what the user typed into a local model, downloading it if needed and allowed.

    A model already in `models_dir` is used as it is, without any network access; an embedded
    preset is prepared from its Python package on first use (`notify` hears about it).
    """
    folder = Path(ref).expanduser()
    if folder.is_dir():
        return _local_spec(ref, folder, revision=None)
    preset = PRESETS.get(ref)
    if preset and preset.embedded:
        return embedded_spec(preset, models_dir, notify)
    hub_id = hub_id_of(ref)
    target = models_dir / local_name(hub_id)
    if is_installed(target):
        return _local_spec(hub_id, target, revision=manifest_revision(models_dir, hub_id))
    if looks_like_path(ref):
        raise ModelUnavailableError(f"model folder {ref} does not exist")
    meant = nearest(ref) if preset is None and "/" not in ref else None
    if meant:
        raise UsageError(
            f"no preset '{ref}'; did you mean '{meant}'? (`summarizer models list` shows them; "
            "a Hugging Face model is named owner/name)"
        )
    if not download:
        why = "its download is unfinished" if (target / PARTIAL).exists() else "not downloaded"
        raise unavailable(ref, hub_id, target, why)
    entry = pull(ref, models_dir)
    return _local_spec(hub_id, target, revision=entry["revision"])


def embedded_spec(
    preset: Preset, models_dir: Path, notify: Callable[[str], None] | None = None
) -> ModelSpec:
    """An embedded preset, prepared into `models_dir/<name>` on first use."""
    folder = embedded.prepare(preset, models_dir, notify)
    record = embedded.read_record(folder)
    revision = f"{record.get('gguf_file')} sha256:{str(record.get('gguf_sha256'))[:16]}"
    return _local_spec(preset.hub_id, folder, revision, preset.prompt_style)


def prompt_style(folder: Path, config: dict[str, Any]) -> str:
    """seq2seq models read the source as is; a causal LM is chatted with when its tokenizer
    has a chat template, else prompted by completion (a base model)."""
    if config.get("is_encoder_decoder"):
        return "seq2seq"
    if (folder / "chat_template.jinja").is_file() or (folder / "chat_template.json").is_file():
        return "chat"
    try:
        tokenizer = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        tokenizer = {}
    return "chat" if tokenizer.get("chat_template") else "completion"


def _local_spec(
    model_id: str, folder: Path, revision: str | None, style: str | None = None
) -> ModelSpec:
    config_file = folder / "config.json"
    if not config_file.is_file():
        raise ModelUnavailableError(f"{folder} is not a model folder: it has no config.json")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"cannot read {config_file}: {exc}") from exc
    found = problems(folder)
    if found:
        raise damaged(folder, found)
    if model_id == str(folder) or Path(model_id).expanduser() == folder:
        model_id = config.get("_name_or_path") or folder.resolve().name
    return ModelSpec(
        id=model_id,
        path=folder.resolve(),
        revision=revision,
        weights_sha256=weights_sha256(folder),
        config=config,
        prompt_style=style or prompt_style(folder, config),
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
        feed(digest, path)
    value = digest.hexdigest()
    with contextlib.suppress(OSError):
        write_atomic(memo_file, json.dumps({"stamp": stamp, "sha256": value}))
    return value


@contextlib.contextmanager
def offline_mode() -> Iterator[None]:
    """Forbid hub requests (HF_HUB_OFFLINE) while loading local files, then restore the mode.

    huggingface_hub reads the variable once at import, so its flag is switched too; a later
    download in the same process works again.
    """
    from huggingface_hub import constants

    saved_flag, saved_env = constants.HF_HUB_OFFLINE, os.environ.get("HF_HUB_OFFLINE")
    constants.HF_HUB_OFFLINE = True
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = saved_flag
        if saved_env is None:
            os.environ.pop("HF_HUB_OFFLINE", None)
        else:
            os.environ["HF_HUB_OFFLINE"] = saved_env
