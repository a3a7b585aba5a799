"""Settings: built-in defaults, overridden by pyproject/summarizer.toml, environment and CLI.

Precedence, lowest first: defaults, `[tool.summarizer]` in ./pyproject.toml, ./summarizer.toml,
`SUMMARIZER_*` environment variables, explicit arguments (the CLI's options).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from summarizer.errors import UsageError

BACKENDS = ("auto", "hf", "ct2")
DEVICES = ("auto", "cpu", "cuda")
DECODING_KEYS = (
    "num_beams",
    "max_new_tokens",
    "min_new_tokens",
    "no_repeat_ngram_size",
    "length_penalty",
    "repetition_penalty",
)


@dataclass(frozen=True)
class Settings:
    """Everything that decides what a run computes and where it puts it."""

    translator: str | None = None  # None: chosen by summarizer.choice
    summarizer: str | None = None
    models_dir: Path = Path("models")
    backend: str = "auto"
    device: str = "auto"
    compute_type: str = "auto"
    inter_threads: int = 1
    intra_threads: int = 0
    batch_size: int | None = None
    summary_sentences: int = 3
    summary_words: int = 80
    max_article_chars: int = 500_000
    translator_decoding: dict[str, Any] = field(default_factory=dict)
    summarizer_decoding: dict[str, Any] = field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with every non-None value applied (CLI options pass None when unset)."""
        given = {k: v for k, v in values.items() if v is not None}
        for key in ("translator_decoding", "summarizer_decoding"):
            if key in given:
                given[key] = {**getattr(self, key), **given[key]}
        return _validated(replace(self, **given))


_ENV = {
    "translator": "SUMMARIZER_TRANSLATOR",
    "summarizer": "SUMMARIZER_SUMMARIZER",
    "models_dir": "SUMMARIZER_MODELS_DIR",
    "backend": "SUMMARIZER_BACKEND",
    "device": "SUMMARIZER_DEVICE",
    "compute_type": "SUMMARIZER_COMPUTE_TYPE",
    "max_article_chars": "SUMMARIZER_MAX_ARTICLE_CHARS",
    "intra_threads": "SUMMARIZER_THREADS",
}


def load_settings(cwd: Path | None = None) -> Settings:
    """Defaults overridden by ./pyproject.toml, ./summarizer.toml and the environment."""
    cwd = cwd or Path.cwd()
    values: dict[str, Any] = {}
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        values.update(_read_toml(pyproject).get("tool", {}).get("summarizer", {}))
    own = cwd / "summarizer.toml"
    if own.is_file():
        values.update(_read_toml(own))
    for name, var in _ENV.items():
        if os.environ.get(var):
            values[name] = os.environ[var]
    return _from_mapping(values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read settings from {path}: {exc}") from exc


def _from_mapping(values: dict[str, Any]) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise UsageError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(known)}")
    converted: dict[str, Any] = {}
    for name, value in values.items():
        if name == "models_dir":
            converted[name] = Path(value)
        elif name in (
            "batch_size",
            "summary_sentences",
            "summary_words",
            "inter_threads",
            "intra_threads",
            "max_article_chars",
        ):
            converted[name] = _int(name, value)
        elif name.endswith("_decoding"):
            if not isinstance(value, dict):
                raise UsageError(f"setting {name} must be a table of decoding settings")
            converted[name] = value
        else:
            converted[name] = str(value)
    return _validated(Settings(**converted))


def _int(name: str, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UsageError(f"setting {name} must be a whole number, got {value!r}") from None


def _validated(settings: Settings) -> Settings:
    if settings.backend not in BACKENDS:
        raise UsageError(f"backend must be one of {', '.join(BACKENDS)}, got {settings.backend!r}")
    if settings.device not in DEVICES:
        raise UsageError(f"device must be one of {', '.join(DEVICES)}, got {settings.device!r}")
    for name in ("batch_size", "summary_sentences", "summary_words", "max_article_chars"):
        value = getattr(settings, name)
        if value is not None and value < 1:
            raise UsageError(f"setting {name} must be at least 1")
    from summarizer.engines.threads import threads

    threads(settings.inter_threads, settings.intra_threads)
    for name in ("translator_decoding", "summarizer_decoding"):
        bad = sorted(set(getattr(settings, name)) - set(DECODING_KEYS))
        if bad:
            raise UsageError(
                f"unknown decoding setting(s) in {name}: {', '.join(bad)}; "
                f"known: {', '.join(DECODING_KEYS)}"
            )
    return settings
