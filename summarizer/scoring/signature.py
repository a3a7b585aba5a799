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

MODEL_KEYS = ("id", "revision", "weights_sha256", "backend", "compute_type", "fingerprint")
"""The keys of a result.json model entry that decide what it computes (paths are left out)."""


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


def model_fields(models: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Flatten result.json's `models` to `role.key` fields, e.g. `translator.decoding.num_beams`."""
    fields: dict[str, str] = {}
    for role in sorted(models):
        entry = models[role]
        for key in MODEL_KEYS:
            if entry.get(key) is not None:
                fields[f"{role}.{key}"] = _text(entry[key])
        for key, value in sorted((entry.get("decoding") or {}).items()):
            fields[f"{role}.decoding.{key}"] = _text(value)
    return fields


def models_signature(models: Mapping[str, Mapping[str, Any]]) -> str:
    """A compact, stable one-line form, e.g. `translator=ID@REV|sha256:0123abcd4567|backend:hf|...`.

    Weight hashes and fingerprints are shortened to 12 characters; `model_fields` keeps them whole.
    """
    parts: list[str] = []
    for role in sorted(models):
        entry = models[role]
        parts.append(f"{role}={entry.get('id') or '?'}@{entry.get('revision') or '-'}")
        for key, label in (("weights_sha256", "sha256"), ("backend", "backend")):
            if entry.get(key) is not None:
                parts.append(f"{label}:{_text(entry[key])[:12]}")
        if entry.get("compute_type") is not None:
            parts.append(f"compute:{_text(entry['compute_type'])}")
        parts.extend(
            f"{key}:{_text(value)}" for key, value in sorted((entry.get("decoding") or {}).items())
        )
        if entry.get("fingerprint") is not None:
            parts.append(f"fp:{_text(entry['fingerprint'])[:12]}")
    return "|".join(parts)


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
