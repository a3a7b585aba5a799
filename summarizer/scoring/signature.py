"""Reproducibility signatures: metric settings plus the models and settings behind the outputs.

A signature is a flat mapping of named fields so two runs can be compared field by field; its
text form follows sacrebleu's `key:value|key:value` style.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from summarizer.errors import InputError

LOCAL_KEYS = frozenset({"path"})
"""Model entry keys that say where a model sits on this machine, not what it computes."""
_SHORTENED = {"weights_sha256": "sha256", "fingerprint": "fp"}


@dataclass(frozen=True)
class MetricSignature:
    """One metric's settings, ordered like sacrebleu's (version last)."""

    info: dict[str, str]

    def format(self) -> str:
        return "|".join(f"{key}:{value}" for key, value in self.info.items())

    __str__ = format

    @classmethod
    def parse(cls, text: str) -> MetricSignature:
        """Read back a `key:value|...` string, such as one sacrebleu printed."""
        info: dict[str, str] = {}
        for pair in text.split("|"):
            key, sep, value = pair.partition(":")
            if not sep or not key:
                raise InputError(f"malformed metric signature {text!r}: expected key:value|...")
            info[key] = value
        return cls(info)


def model_fields(models: Mapping[str, Any]) -> dict[str, str]:
    """Flatten result.json's `models` to `role.key` fields, e.g. `translator.decoding.num_beams`.

    Every key counts except `LOCAL_KEYS` and null values; an entry that is a plain value (such as
    `"segmenter": "kiwipiepy-0.24.1/rules-1"`) is one field.
    """
    fields: dict[str, str] = {}
    for role in sorted(models):
        entry = models[role]
        if isinstance(entry, Mapping):
            fields |= {f"{role}.{key}": value for key, value in _flatten(entry).items()}
        elif entry is not None:
            fields[role] = _text(entry)
    return fields


def models_signature(models: Mapping[str, Any]) -> str:
    """A compact, stable one-line form, e.g. `translator=ID@REV|sha256:0123abcd4567|backend:hf|...`.

    Per model: id@revision, weight hash, backend, the other settings by name (decoding ones
    without their `decoding.` prefix), fingerprint. Hashes are cut to 12 characters.
    """
    parts: list[str] = []
    for role in sorted(models):
        entry = models[role]
        if not isinstance(entry, Mapping):
            parts.append(f"{role}={_text(entry)}")
            continue
        flat = _flatten(entry)
        parts.append(f"{role}={flat.pop('id', '?')}@{flat.pop('revision', '-')}")
        first = [key for key in ("weights_sha256", "backend") if key in flat]
        last = [key for key in ("fingerprint",) if key in flat]
        middle = sorted(set(flat) - set(first) - set(last))
        for key in first + middle + last:
            if key in _SHORTENED:
                parts.append(f"{_SHORTENED[key]}:{flat[key][:12]}")
            else:
                parts.append(f"{key.rpartition('.')[2]}:{flat[key]}")
    return "|".join(parts)


def _flatten(entry: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in entry.items():
        if value is None or (not prefix and key in LOCAL_KEYS):
            continue
        if isinstance(value, Mapping):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = _text(value)
    return flat


def merge_model_fields(per_article: list[dict[str, str]]) -> dict[str, str]:
    """Combine articles' model fields; a field with several values joins them sorted, by `; `."""
    values: dict[str, set[str]] = {}
    for fields in per_article:
        for key, value in fields.items():
            values.setdefault(key, set()).add(value)
    return {key: "; ".join(sorted(values[key])) for key in sorted(values)}


@dataclass(frozen=True)
class FieldDiff:
    """One signature field that differs; None where a side lacks the field."""

    field: str
    baseline: str | None
    current: str | None

    def __str__(self) -> str:
        return f"{self.field}: {self.baseline or '(absent)'} -> {self.current or '(absent)'}"


@dataclass(frozen=True)
class Signature:
    """The signature of a score report: each metric's settings and the producing models."""

    metrics: dict[str, MetricSignature] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)

    def fields(self) -> dict[str, str]:
        """Every field, flat: `rouge.tok`, `bleu.version`, `translator.id`, ..."""
        flat = {
            f"{name}.{key}": value
            for name, sig in sorted(self.metrics.items())
            for key, value in sig.info.items()
        }
        flat.update(self.models)
        return flat

    def format(self) -> str:
        """One line per metric, then the models, as `name: key:value|...`."""
        lines = [f"{name}: {sig}" for name, sig in sorted(self.metrics.items())]
        models = "|".join(f"{key}:{value}" for key, value in self.models.items())
        lines.append(f"models: {models or '(unknown)'}")
        return "\n".join(lines)

    __str__ = format

    def short(self) -> str:
        """Like `format`, with the models cut to who they are: per role its id and weight hash
        (12 characters), plain values (the segmenter) as they are; `to_dict` keeps every field."""
        lines = [f"{name}: {sig}" for name, sig in sorted(self.metrics.items())]
        roles = dict.fromkeys(key.split(".", 1)[0] for key in self.models)
        parts = []
        for role in roles:
            if role in self.models:
                parts.append(f"{role}={self.models[role]}")
                continue
            hashes = self.models.get(f"{role}.weights_sha256")
            short = "; ".join(value[:12] for value in hashes.split("; ")) if hashes else ""
            named = f"{role}={self.models.get(f'{role}.id', '?')}"
            parts.append(named + (f" sha256:{short}" if short else ""))
        lines.append(f"models: {' | '.join(parts) or '(unknown)'}")
        return "\n".join(lines)

    def diff(self, current: Signature) -> list[FieldDiff]:
        """Fields whose values differ between this (baseline) signature and `current`."""
        mine, theirs = self.fields(), current.fields()
        return [
            FieldDiff(key, mine.get(key), theirs.get(key))
            for key in sorted(mine.keys() | theirs.keys())
            if mine.get(key) != theirs.get(key)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": {name: sig.format() for name, sig in sorted(self.metrics.items())},
            "models": dict(self.models),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        try:
            metrics = {name: MetricSignature.parse(text) for name, text in data["metrics"].items()}
            models = {str(key): str(value) for key, value in data["models"].items()}
        except (KeyError, AttributeError, TypeError) as exc:
            raise InputError(f"malformed signature: missing or invalid {exc}") from exc
        return cls(metrics, models)


def _text(value: Any) -> str:
    """Strings as they are; anything else as compact, key-sorted JSON (true, 4, 1.0, {...})."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))
