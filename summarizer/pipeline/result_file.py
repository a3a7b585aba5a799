"""Reading an article's result.json back: checked against its schema (pydantic), so that every
reader (report, check, score, a later run) gets the types it relies on, or one line naming the
file and the field that is wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import InputError

RESULT_SCHEMA = 1
AGAIN = "run `summarizer run` again to remake it"
_NOT_OBJECT = frozenset({"model_type", "model_attributes_type", "dict_type"})


class _Part(BaseModel):
    """Types as JSON writes them (no "1" for 1), and keys this version does not know kept."""

    model_config = ConfigDict(extra="allow", strict=True)


class _Flag(_Part):
    check: str
    detail: str


class _Removed(_Part):
    line: int
    text: str
    reason: str


class _Term(_Part):
    ko: str
    en: str


class _Segment(_Part):
    paragraph: int = 0
    source: str = ""
    translation: str = ""
    cached: bool = False
    flags: list[_Flag] = []
    retried: dict[str, Any] | None = None
    terms: list[_Term] = []


class _Article(_Part):
    path: str = ""
    stem: str = ""
    language: str = "ko"
    title: str | None = None
    characters: int = 0
    paragraphs: int = 0
    sentences: int = 0


class _Cache(_Part):
    translation_hits: int = 0
    translation_misses: int = 0
    summary_hit: bool = False


class _Result(_Part):
    version: Literal[1] = Field(RESULT_SCHEMA, alias="schema")
    article: _Article = _Article()
    removed: list[_Removed] = []
    segments: list[_Segment] = []
    translation: str = ""
    summary: str = ""
    summary_left_out: int = 0
    summary_flags: list[_Flag] = []
    summary_retried: dict[str, Any] | None = None
    models: dict[str, Any] = {}
    timings: dict[str, float] = {}
    cache: _Cache = _Cache()


def read_result(path: Path) -> dict[str, Any]:
    """The result.json at `path` as written; InputError (one line, naming the file and the
    first field that is wrong) when it cannot be read, is of another schema version or does
    not match this version's schema."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) else exc
        raise InputError(f"cannot read {path}: {why}; {AGAIN}") from exc
    if not isinstance(data, dict):
        raise InputError(f"{path} is not a result (a JSON object); {AGAIN}")
    version = data.get("schema", RESULT_SCHEMA)
    if version != RESULT_SCHEMA:
        raise InputError(
            f"{path} is of result schema {version!r}; this version reads schema "
            f"{RESULT_SCHEMA} only: {AGAIN}"
        )
    try:
        _Result.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        message = "should be an object" if first["type"] in _NOT_OBJECT else first["msg"]
        raise InputError(f"{path}: {_field(first['loc'])}: {message}{more}; {AGAIN}") from None
    return data


def _field(loc: tuple[int | str, ...]) -> str:
    """A pydantic location as a path into the JSON: `segments[3].flags[0].check`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text
