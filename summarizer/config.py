"""Settings: built-in defaults, overridden by pyproject/summarizer.toml, environment and CLI.

Precedence, lowest first: defaults, `[tool.summarizer]` in ./pyproject.toml, ./summarizer.toml,
`SUMMARIZER_*` environment variables, explicit arguments (the CLI's options). Every value is
checked against its type and range (a pydantic model); a bad one is a UsageError naming the key
and where it was set.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
)

from summarizer.errors import UsageError

BACKENDS = ("auto", "hf", "ct2")
DEVICES = ("auto", "cpu", "cuda")
MAX_BEAMS = 32
MAX_NEW_TOKENS = 8192


def _not_bool(value: Any) -> Any:
    """true/false is not a number here (pydantic would take it for 1/0)."""
    if isinstance(value, bool):
        raise ValueError("expected a number, not true or false")
    return value


Int = Annotated[int, BeforeValidator(_not_bool)]
Float = Annotated[float, BeforeValidator(_not_bool), Field(allow_inf_nan=False)]


class Decoding(BaseModel):
    """Generation settings a model's own defaults may be overridden with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    num_beams: Annotated[Int, Field(ge=1, le=MAX_BEAMS)] | None = None
    max_new_tokens: Annotated[Int, Field(ge=1, le=MAX_NEW_TOKENS)] | None = None
    min_new_tokens: Annotated[Int, Field(ge=0, le=MAX_NEW_TOKENS)] | None = None
    no_repeat_ngram_size: Annotated[Int, Field(ge=0, le=64)] | None = None
    length_penalty: Annotated[Float, Field(ge=-10, le=10)] | None = None
    repetition_penalty: Annotated[Float, Field(gt=0, le=10)] | None = None


DECODING_KEYS = tuple(Decoding.model_fields)


def _decoding(value: Any) -> dict[str, Any]:
    """A table of decoding settings, checked, as a plain dict of the keys given."""
    if isinstance(value, Decoding):
        return value.model_dump(exclude_none=True)
    if not isinstance(value, dict):
        raise ValueError("must be a table of decoding settings")
    return Decoding.model_validate(value).model_dump(exclude_none=True)


DecodingTable = Annotated[dict[str, Any], BeforeValidator(_decoding)]


def _folder_or_absent(path: Path) -> Path:
    """A models folder that is there must be a folder (it is made where it is absent)."""
    if path.exists() and not path.is_dir():
        raise ValueError("must be a folder, not a file")
    return path


class Settings(BaseModel):
    """Everything that decides what a run computes and where it puts it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    translator: str | None = None  # None: chosen by summarizer.models.choice
    summarizer: str | None = None
    models_dir: Annotated[Path, AfterValidator(_folder_or_absent)] = Path("models")
    backend: Literal["auto", "hf", "ct2"] = "auto"
    device: Literal["auto", "cpu", "cuda"] = "auto"
    compute_type: str = "auto"
    inter_threads: Annotated[Int, Field(ge=1, le=1024)] = 1
    intra_threads: Annotated[Int, Field(ge=0, le=1024)] = 0
    batch_size: Annotated[Int, Field(ge=1, le=4096)] | None = None
    candidates: Annotated[Int, Field(ge=1, le=32)] = 1
    summary_sentences: Annotated[Int, Field(ge=1, le=100)] = 3
    summary_words: Annotated[Int, Field(ge=1, le=10_000)] = 80
    max_article_chars: Annotated[Int, Field(ge=1)] = 500_000
    glossary: tuple[Path, ...] = ()
    translator_decoding: DecodingTable = Field(default_factory=dict)
    summarizer_decoding: DecodingTable = Field(default_factory=dict)

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with every non-None value applied (CLI options pass None when unset)."""
        given = {k: v for k, v in values.items() if v is not None}
        for key in ("translator_decoding", "summarizer_decoding"):
            if key in given:
                given[key] = {**getattr(self, key), **given[key]}
        return _validated({**self.model_dump(), **given}, dict.fromkeys(given, "the command line"))


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
    origins: dict[str, str] = {}
    pyproject = cwd / "pyproject.toml"
    if _present(pyproject):
        table = _read_toml(pyproject).get("tool", {}).get("summarizer", {})
        values.update(table)
        origins.update(dict.fromkeys(table, f"{pyproject} [tool.summarizer]"))
    own = cwd / "summarizer.toml"
    if _present(own):
        table = _read_toml(own)
        values.update(table)
        origins.update(dict.fromkeys(table, str(own)))
    for name, var in _ENV.items():
        if os.environ.get(var):
            values[name] = os.environ[var]
            origins[name] = var
    return _validated(values, origins)


def _present(path: Path) -> bool:
    """Whether a settings file is there: a folder or a broken link of its name is one that
    cannot be read (an error), never the same as no file."""
    return path.exists() or path.is_symlink()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read settings from {path}: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"cannot read settings from {path}: {exc}") from exc


def _validated(values: dict[str, Any], origins: dict[str, str]) -> Settings:
    try:
        settings = Settings.model_validate(values)
    except ValidationError as exc:
        raise _usage_error(exc, origins) from None
    threads(settings.inter_threads, settings.intra_threads)
    return settings


def _usage_error(exc: ValidationError, origins: dict[str, str]) -> UsageError:
    """The first problem pydantic found, as one line naming the key and where it was set."""
    error = exc.errors(include_url=False)[0]
    loc = [str(part) for part in error["loc"]]
    key = ".".join(loc)
    origin = f" (from {origins[loc[0]]})" if loc and loc[0] in origins else ""
    if error["type"] == "extra_forbidden":
        if len(loc) > 1:
            return UsageError(
                f"unknown decoding setting {key}{origin}; known: {', '.join(DECODING_KEYS)}"
            )
        known = ", ".join(Settings.model_fields)
        return UsageError(f"unknown setting {key}{origin}; known: {known}")
    given = error["input"]
    shown = repr(str(given) if isinstance(given, Path) else given)
    return UsageError(f"setting {key}{origin}: {_problem(error)}, got {shown}")


_PROBLEMS = {
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "finite_number": "must be a finite number",
    "string_type": "must be text",
    "path_type": "must be a path",
}


def _problem(error: Any) -> str:
    if error["type"] in _PROBLEMS:
        return _PROBLEMS[error["type"]]
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "must be")


def threads(inter_threads: int, intra_threads: int) -> tuple[int, int]:
    """How many threads an engine may use, the same rule for every backend: (inter, intra),
    intra 0 meaning the cores left per inter thread; never more than the cores."""
    cores = os.cpu_count() or 1
    if inter_threads < 1 or intra_threads < 0:
        raise UsageError("inter_threads must be at least 1 and intra_threads at least 0")
    intra = intra_threads or max(1, cores // inter_threads)
    if inter_threads * intra > cores:
        raise UsageError(
            f"inter_threads × intra_threads = {inter_threads * intra} exceeds the {cores} cores"
        )
    return inter_threads, intra
