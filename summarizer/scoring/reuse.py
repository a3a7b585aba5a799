"""Were the outputs in a folder made with the settings asked for now?

`summarizer regress` re-runs the pipeline over its outputs folder. Before it does, the settings
each article's result.json records are checked against the settings of this run, without
resolving or loading a model: the model asked for (preset, hub id or folder; when none is
named, the one a run would choose, see `summarizer.models.choice`), the summary length, the
decoding settings given, and the backend and compute type when given explicitly.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from summarizer.config import Settings
from summarizer.errors import InputError
from summarizer.models.choice import choose
from summarizer.models.folder import hub_id_of
from summarizer.pipeline.outputs import RESULT_FILE, result_dirs
from summarizer.pipeline.result_file import read_result
from summarizer.scoring.signature import FieldDiff


def differing_settings(
    out_dir: Path, articles: Sequence[Path], settings: Settings
) -> list[FieldDiff]:
    """Fields whose recorded value (`baseline`) differs from the one asked for (`current`)."""
    diffs: dict[str, FieldDiff] = {}
    for folder in result_dirs(out_dir, articles).values():
        models = _recorded(out_dir / folder / RESULT_FILE)
        for role, wanted in _wanted(settings).items():
            entry = models.get(role)
            if not isinstance(entry, Mapping):
                continue
            for key, value in wanted.items():
                if key not in diffs and not _matches(key, entry, value):
                    diffs[key] = FieldDiff(key, _text(_lookup(entry, key)), _text(value))
    return [diffs[key] for key in sorted(diffs)]


def _wanted(settings: Settings) -> dict[str, dict[str, Any]]:
    """Per role, `role.field` -> the value asked for."""
    wanted: dict[str, dict[str, Any]] = {}
    for role, task, ref, decoding in (
        ("translator", "translation", settings.translator, settings.translator_decoding),
        ("summarizer", "summarization", settings.summarizer, settings.summarizer_decoding),
    ):
        chosen = choose(task, ref, settings.models_dir).ref
        fields: dict[str, Any] = {f"{role}.id": chosen}
        fields |= {f"{role}.decoding.{key}": value for key, value in decoding.items()}
        if settings.backend != "auto":
            fields[f"{role}.backend"] = settings.backend
        if settings.compute_type != "auto":
            fields[f"{role}.compute_type"] = settings.compute_type
        wanted[role] = fields
    wanted["translator"]["translator.candidates"] = settings.candidates
    wanted["summarizer"] |= {
        "summarizer.summary_sentences": settings.summary_sentences,
        "summarizer.summary_words": settings.summary_words,
    }
    return wanted


def _matches(key: str, entry: Mapping[str, Any], value: Any) -> bool:
    recorded = _lookup(entry, key)
    if key.endswith(".id"):
        return recorded in (value, hub_id_of(value)) or _same_folder(entry.get("path"), value)
    if key.endswith(".compute_type") and entry.get("backend") != "ct2":
        return True
    if key.endswith(".candidates"):
        return (recorded or 1) == value  # outputs from before candidates had one
    if recorded is None:
        # A field the producer does not have (lead-N has no decoding or summary length) does
        # not apply; a decoding setting missing from a model's decoding would be new.
        return ".decoding." not in key or not isinstance(entry.get("decoding"), Mapping)
    return recorded == value


def _lookup(entry: Mapping[str, Any], key: str) -> Any:
    value: Any = entry
    for part in key.split(".")[1:]:
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _same_folder(recorded: Any, ref: str) -> bool:
    folder = Path(ref).expanduser()
    return (
        isinstance(recorded, str)
        and folder.is_dir()
        and Path(recorded).resolve() == (folder.resolve())
    )


def _recorded(path: Path) -> dict[str, Any]:
    """The `models` of a result.json; {} when absent or unreadable (it is re-made anyway)."""
    try:
        return dict(read_result(path).get("models") or {})
    except InputError:
        return {}


def _text(value: Any) -> str | None:
    return None if value is None else value if isinstance(value, str) else json.dumps(value)
