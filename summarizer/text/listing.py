"""Which files of an input folder are articles, and why the others that look like one are not."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

from summarizer.errors import InputError
from summarizer.text.articles import ARTICLE_SUFFIXES, ArticleList


def find_articles(folder: Path, on_skip: Callable[[str], None] | None = None) -> ArticleList:
    """Article files directly inside `folder` (not in subfolders), sorted by name. An entry with
    an article's suffix that cannot be read as one (a folder, a FIFO, a broken link or a link
    loop, a name that is not UTF-8) is left out, and `on_skip` gets one line saying why.
    Nothing is opened: a FIFO never blocks."""
    if not folder.exists():
        raise InputError(f"folder not found: {folder}")
    if not folder.is_dir():
        raise InputError(f"not a folder: {folder}")
    names, skipped = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") or (
                os.path.splitext(entry.name)[1].lower() not in ARTICLE_SUFFIXES
            ):
                continue
            reason = _not_an_article(entry)
            if reason is None:
                names.append(entry.name)
            else:
                skipped.append(f"skipped {printable(folder / entry.name)}: {reason}")
    for line in sorted(skipped) if on_skip is not None else ():
        on_skip(line)
    return ArticleList(folder, sorted(names))


def printable(path: Path) -> str:
    """`path` as text that can be printed and written as UTF-8: bytes of a name that are not
    UTF-8 are shown as `\\xff`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _not_an_article(entry: os.DirEntry[str]) -> str | None:
    """Why the folder entry cannot be read as an article; None when it can."""
    if printable(Path(entry.name)) != entry.name:
        return "its name is not valid UTF-8; rename it"
    try:
        mode = os.stat(entry.path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT and entry.is_symlink():
            return "a broken symbolic link"
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None
