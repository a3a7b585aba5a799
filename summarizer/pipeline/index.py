"""Reading index.jsonl, the same way for every command: a line that is not an index entry (cut
short by a crash, edited by hand) is named as FILE:LINE in one warning and left out; the other
lines are read. Lines end only at "\\n" (a path may hold U+2028 or any other line separator)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

INDEX_FILE = "index.jsonl"
log = logging.getLogger("summarizer")


def index_lines(out_dir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The entries of `out_dir`'s index with their lines (each ending in "\\n"), streamed;
    none when there is no index."""
    path = out_dir / INDEX_FILE
    try:
        with path.open("rb") as index:
            for number, raw in enumerate(index, start=1):
                entry, why = _entry(raw)
                if entry is not None:
                    text = raw.decode("utf-8")
                    yield text if text.endswith("\n") else text + "\n", entry
                elif why:
                    log.warning("%s:%d is left out: %s", path, number, why)
    except FileNotFoundError:
        return
    except OSError as exc:
        log.warning("%s is left out: %s", path, exc.strerror or exc)


def index_entries(out_dir: Path) -> Iterator[dict[str, Any]]:
    """The entries of `out_dir`'s index (see `index_lines`)."""
    return (entry for _, entry in index_lines(out_dir))


def _entry(raw: bytes) -> tuple[dict[str, Any] | None, str]:
    """The index entry a line holds, or why it holds none ("" for a blank line)."""
    if not raw.strip():
        return None, ""
    try:
        entry = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except ValueError as exc:
        return None, f"not JSON ({exc})"
    if not isinstance(entry, dict):
        return None, "not an index entry (a JSON object)"
    if not isinstance(entry.get("stem"), str):
        return None, "no stem of an article"
    return entry, ""
