"""Damaged model folders: what is wrong with one, and what to do about it.

`problems` looks cheaply (file sizes, small JSON files, safetensors headers) for what breaks a
load: an unreadable config.json or generation_config.json, a safetensors file shorter than its
own header says, and files that the folder's records list (the models manifest for a download,
`prepared.json` for an embedded preparation) missing or of another size. `load_failure` turns
an exception from loading a model into one line naming the folder, with what the records say
(hashes too, now that the load failed) and what to do: a folder the tool prepares or converts
itself is made again by the caller; for any other the line names the folder to delete or
replace.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError

MANIFEST = "manifest.json"
"""The models folder's record of downloaded models, with each file's size and SHA-256."""
PREPARED = "prepared.json"
"""An embedded preset's record of its preparation, with each file it wrote."""
MARKER = ".summarizer-model"
"""The file the tool writes into every model folder it makes (a download, an embedded
preparation, a conversion): `summarizer models rm` removes only folders that have it, or the
layout such folders had before the marker existed (see `models.folder.owned`)."""
_JSON_FILES = ("config.json", "generation_config.json", "tokenizer_config.json")
"""Small JSON files parsed before a load (tokenizer.json, often many MB, is checked by size)."""
_HEADER_LIMIT = 100 << 20


def feed(digest: Any, path: Path) -> None:
    """Add a file's bytes to a hashlib digest, a MiB at a time."""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    feed(digest, path)
    return digest.hexdigest()


def record_files(folder: Path) -> list[dict[str, Any]]:
    """Name, size and SHA-256 of every file directly in `folder` (for a record of it)."""
    return [
        {"name": path.name, "size": path.stat().st_size, "sha256": file_sha256(path)}
        for path in sorted(folder.iterdir())
        if path.is_file()
    ]


def problems(folder: Path) -> list[str]:
    """What is wrong with a model folder, found without loading it; empty when nothing is."""
    found = [_recorded_problem(folder, entry) for entry in recorded(folder)]
    for name in _JSON_FILES:
        if (folder / name).is_file():
            found.append(_json_problem(folder / name))
    for path in sorted(folder.glob("*.safetensors")):
        found.append(_safetensors_problem(path))
    return list(dict.fromkeys(p for p in found if p))


def recorded(folder: Path) -> list[dict[str, Any]]:
    """The files the folder's records list: prepared.json's, else the models manifest's."""
    entry = read_json(folder / PREPARED)
    if entry is None:
        entry = (read_json(folder.parent / MANIFEST) or {}).get(folder.name)
    files = entry.get("files") if isinstance(entry, dict) else None
    if not isinstance(files, list):
        return []
    return [f for f in files if isinstance(f, dict) and "name" in f]


def read_json(path: Path) -> dict[str, Any] | None:
    """The JSON object in the file; None when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _recorded_problem(folder: Path, entry: dict[str, Any], hashes: bool = False) -> str | None:
    path = folder / str(entry["name"])
    if not path.is_file():
        return f"{path.name} is missing"
    size = path.stat().st_size
    if isinstance(entry.get("size"), int) and size != entry["size"]:
        return f"{path.name} has {size:,} bytes, {entry['size']:,} were recorded"
    if hashes and entry.get("sha256") and file_sha256(path) != entry["sha256"]:
        return f"{path.name} does not match its recorded SHA-256"
    return None


def _json_problem(path: Path) -> str | None:
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"{path.name} is not valid JSON ({exc})"
    return None


def _safetensors_problem(path: Path) -> str | None:
    """A safetensors file's header gives its length: 8 + header + the end of the last tensor."""
    size = path.stat().st_size
    try:
        with path.open("rb") as handle:
            (header_size,) = struct.unpack("<Q", handle.read(8))
            if header_size > min(size, _HEADER_LIMIT):
                raise ValueError("header size beyond the file")
            header = json.loads(handle.read(header_size))
        end = max(
            (int(v["data_offsets"][1]) for k, v in header.items() if k != "__metadata__"),
            default=0,
        )
    except (OSError, ValueError, struct.error, TypeError, KeyError, IndexError):
        return f"{path.name} is not a complete safetensors file"
    expected = 8 + header_size + end
    if size < expected:
        return f"{path.name} is truncated ({size:,} of {expected:,} bytes)"
    return None


def write_marker(folder: Path, kind: str) -> None:
    """Mark `folder` as a model folder this tool made (`kind`: download, embedded, conversion)."""
    record = {"written_by": "summarizer", "kind": kind}
    (folder / MARKER).write_text(json.dumps(record) + "\n", encoding="utf-8")


def has_marker(folder: Path) -> bool:
    """True when `folder` holds the marker `write_marker` writes (a file, not a link)."""
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def made_here(folder: Path) -> bool:
    """True for a folder this tool prepares itself (an embedded preparation, a conversion)."""
    return (folder / PREPARED).is_file() or (folder / "source.json").is_file()


def damaged(folder: Path, found: list[str]) -> ModelUnavailableError:
    """One line: the folder, what is wrong with it, and what to do."""
    return ModelUnavailableError(
        f"model folder {folder} is damaged: {'; '.join(found)}; {_advice(folder)}"
    )


def load_failure(folder: Path, exc: BaseException) -> ModelUnavailableError:
    """A load that raised: what the records and hashes say is wrong, else the error's first line."""
    found = problems(folder) or [
        p for p in (_recorded_problem(folder, e, hashes=True) for e in recorded(folder)) if p
    ]
    if found:
        return damaged(folder, found)
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ModelUnavailableError(
        f"cannot load the model in {folder}: {first} (a file may be missing or damaged); "
        f"{_advice(folder)}"
    )


def _advice(folder: Path) -> str:
    if (folder / PREPARED).is_file():
        return f"delete {folder}: it is prepared again from its package on the next run"
    if (folder / "source.json").is_file():
        return f"delete {folder}: it is converted again on the next run"
    entry = (read_json(folder.parent / MANIFEST) or {}).get(folder.name)
    if isinstance(entry, dict) and entry.get("id"):
        return (
            f"delete {folder} and run `summarizer models pull {entry['id']}` again (on a "
            "machine with internet, then copy the folder here)"
        )
    return f"replace {folder} with a complete copy of the model"
