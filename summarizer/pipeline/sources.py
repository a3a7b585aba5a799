"""Which article a path recorded in an outputs folder names.

A run records each article by its absolute path, the folder's links resolved (`source_path`),
in `index.jsonl` and in the article's `result.json`, so the same article is the same path
wherever the command was started. Earlier versions recorded the path as typed, relative to the
folder they ran in; `same_source` still recognises those.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def source_path(path: Path) -> Path:
    """How a run records an article's path: absolute, its folder's links resolved (the file
    itself need not exist any more), so that the same article is the same path wherever the
    command was started."""
    return Path(os.path.abspath(path.parent)).resolve() / path.name


def same_source(recorded: str, path: Path) -> bool:
    """Whether a source path recorded in an outputs folder names the article at `path`.

    Runs record absolute paths. Earlier versions recorded the path as typed, relative to the
    folder the command ran in: such a path is the article when it resolves to it from here, or,
    when it names no file from here, when its folder and file name (after its leading `..`)
    are the last parts of the article's path."""
    given, wanted = Path(recorded), source_path(path)
    if source_path(given) == wanted:
        return True
    if given.is_absolute() or source_path(given).exists():
        return False
    parts = given.parts
    while parts and parts[0] in (os.curdir, os.pardir):
        parts = parts[1:]
    if len(parts) < 2 or os.pardir in parts:
        return False
    return wanted.parts[-len(parts) :] == parts


def in_folder(folder: Path) -> Callable[[dict[str, Any]], bool]:
    """Whether an index entry's article lies directly in `folder` (see `same_source`; each
    distinct absolute folder named in the index is resolved once)."""
    parents: dict[str, bool] = {}

    def test(entry: dict[str, Any]) -> bool:
        recorded = Path(str(entry.get("path", "")))
        if not recorded.is_absolute():  # recorded by an earlier version: judged one by one
            return same_source(str(recorded), folder / recorded.name)
        parent = str(recorded.parent)
        if parent not in parents:
            parents[parent] = same_source(str(recorded), folder / recorded.name)
        return parents[parent]

    return test
