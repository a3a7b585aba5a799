"""Where the cache lives: one per user, shared by every outputs folder.

The default is `cache.sqlite` in the platform's cache folder for `summarizer`, as pip and
Hugging Face keep theirs: `~/.cache/summarizer` on Linux, `~/Library/Caches/summarizer` on
macOS, `%LOCALAPPDATA%\\summarizer\\Cache` on Windows, `$XDG_CACHE_HOME/summarizer` wherever
that variable is set. So a sentence translated for one outputs folder is a hit for every other.
`--cache PATH` or `$SUMMARIZER_CACHE` name another file. Earlier versions kept a cache in each
outputs folder (`OUT/cache.sqlite`); an outputs folder that still holds one keeps using it, so
nothing computed before is lost, until it is moved to the shared place.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_CACHE_ENV = "SUMMARIZER_CACHE"
FOLDER_CACHE = "cache.sqlite"


def user_cache_file() -> Path:
    """The shared per-user cache file."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "summarizer" / FOLDER_CACHE
    from platformdirs import user_cache_path

    return user_cache_path("summarizer", appauthor=False) / FOLDER_CACHE


def default_cache_path(outputs_dir: Path) -> Path:
    """$SUMMARIZER_CACHE when set; else the outputs folder's own cache of an earlier version
    when it has one; else the user's shared cache."""
    override = os.environ.get(DEFAULT_CACHE_ENV)
    if override:
        return Path(override).expanduser()
    legacy = folder_cache(outputs_dir)
    return legacy if legacy is not None else user_cache_file()


def folder_cache(outputs_dir: Path) -> Path | None:
    """`OUT/cache.sqlite` when an earlier version left one there (a file, not a link)."""
    path = Path(outputs_dir) / FOLDER_CACHE
    return path if path.is_file() and not path.is_symlink() else None


def shown_path(path: Path) -> str:
    """`path` with the home folder written `~`, as help texts show it."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except ValueError:
        return str(path)
