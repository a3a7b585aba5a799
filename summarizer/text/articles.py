"""Read one article file: detect its encoding, normalise the text, extract HTML article bodies."""

from __future__ import annotations

import bisect
import codecs
import itertools
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from summarizer.errors import InputError

ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")

_FORMATS = {".txt": "text", ".md": "markdown", ".html": "html", ".htm": "html"}
# charset-normalizer codec names that can carry Korean; CP949 is the superset used to decode them.
_KOREAN_CODECS = frozenset({"cp949", "euc_kr", "johab", "iso2022_kr"})
_BINARY_CONTROLS = frozenset(set(range(0x20)) - set(b"\t\n\r\f\x1b") | {0x7F})
# UTF-8 with a few bytes that are not: decoded with U+FFFD for them (and a warning) while the
# bad bytes are at most this share of the well-formed non-ASCII characters. Text in another
# encoding read as UTF-8 has far more bad bytes than good characters (CP949: about 2 to 1).
UTF8_DAMAGE_SHARE = 0.02
# Decoded text whose characters are this often controls, unassigned or private-use code points
# is binary read as text (random bytes after a UTF-16 mark: about a quarter of them).
_BINARY_SHARE = 0.02
_BINARY_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
# Markdown front matter: a YAML block between "---" lines at the very top (Jekyll, Hugo),
# its first line a key; a page that merely opens with a rule keeps its text.
_FRONT_MATTER = re.compile(
    r"\A---[ \t]*\n[\w.-]+[ \t]*:.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL
)
# Deleted: zero-width characters, and bidirectional controls (embeddings, overrides, isolates,
# marks), which can make text display in an order other than the one it is read in.
# Non-breaking and ideographic spaces become plain spaces.
_CHAR_TABLE = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff")),
    **dict.fromkeys(map(ord, "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e")),
    **dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069")),
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000"), " "),
    **dict.fromkeys(map(ord, "\u2028\u2029"), "\n"),
}


@dataclass(frozen=True)
class Article:
    """One article file, decoded and normalised (for HTML: the extracted article text)."""

    path: Path
    stem: str
    text: str
    encoding: str
    format: str
    replaced: int = 0
    """Bytes that were not valid in `encoding`, each read as U+FFFD."""


class ArticleList(Sequence[Path]):
    """Articles of one folder, held as their names only (a `Path` is made when asked for):
    a large folder's list costs a few dozen bytes an article."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self.folder = folder
        self.names = names

    def __len__(self) -> int:
        return len(self.names)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        if isinstance(index, slice):
            return [self.folder / name for name in self.names[index]]
        return self.folder / self.names[index]

    def __iter__(self) -> Iterator[Path]:
        return (self.folder / name for name in self.names)

    def has_stem(self, stem: str) -> bool:
        """Whether one of the articles has this file stem (a binary search: no set of them)."""
        prefix = stem + "."
        at = bisect.bisect_left(self.names, prefix)
        while at < len(self.names) and self.names[at].startswith(prefix):
            if os.path.splitext(self.names[at])[0] == stem:
                return True
            at += 1
        return False

    def stems(self) -> Iterator[str]:
        return (os.path.splitext(name)[0] for name in self.names)

    def repeated_stems(self) -> set[str]:
        """File stems (case-folded) that more than one article has: only these are remembered
        during a run, not every article's."""
        names = sorted(stem.casefold() for stem in self.stems())
        return {a for a, b in itertools.pairwise(names) if a == b}

    def where(self, keep: Callable[[str], bool]) -> ArticleList:
        """The articles whose names `keep` accepts."""
        return ArticleList(self.folder, [name for name in self.names if keep(name)])


# Upper bounds of bytes per character: UTF-8 text, and HTML with its markup.
_BYTES_PER_CHAR = {"text": 4, "markdown": 4, "html": 20}


def read_article(path: Path, max_chars: int | None = None) -> Article:
    """Read, decode and normalise one article; InputError names the file when that is impossible.

    An article longer than `max_chars` characters is refused, a file too large to hold fewer
    before it is read.
    """
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"article not found: {path}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if stat.S_ISDIR(mode):
        raise InputError(f"{path} is a folder, not an article file")
    if not stat.S_ISREG(mode):
        raise InputError(f"{path} is not a regular file (a device, pipe or socket); save it first")
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        expected = ", ".join(ARTICLE_SUFFIXES)
        raise InputError(f"unsupported article type '{path.suffix}' for {path}; use {expected}")
    data = _read_bytes(path, max_chars, _BYTES_PER_CHAR[fmt])
    if not data.strip():
        raise InputError(f"article is empty: {path}")
    text, encoding, replaced = _decode(data, path)
    if _binary_share(text) > _BINARY_SHARE:
        raise InputError(f"{path} looks like a binary file, not text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html":
        text = _extract_html(text, path)
    if fmt == "markdown":
        text = _FRONT_MATTER.sub("", text, count=1)
    text = unicodedata.normalize("NFC", text.translate(_CHAR_TABLE))
    if not text.strip():
        raise InputError(f"article is empty: {path}")
    if max_chars is not None and len(text) > max_chars:
        raise _too_long(path, f"{len(text):,} characters", max_chars)
    return Article(path, path.stem, text, encoding, fmt, replaced)


def _read_bytes(path: Path, max_chars: int | None, bytes_per_char: int) -> bytes:
    """The file's bytes; a file too large to hold `max_chars` characters is refused unread (and
    never more than that many bytes are read, should it grow meanwhile)."""
    limit = None if max_chars is None else max_chars * bytes_per_char
    try:
        size = path.stat().st_size
        if limit is not None and size > limit:
            raise _too_long(path, f"{size:,} bytes", max_chars or 0)
        with path.open("rb") as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if limit is not None and len(data) > limit:
        raise _too_long(path, f"over {limit:,} bytes", max_chars or 0)
    return data


def _too_long(path: Path, size: str, max_chars: int) -> InputError:
    return InputError(
        f"{path} is too long ({size}; the limit is {max_chars:,} characters, "
        "set by max_article_chars or SUMMARIZER_MAX_ARTICLE_CHARS)"
    )


def _decode(data: bytes, path: Path) -> tuple[str, str, int]:
    """Decode with a BOM, UTF-8 (with a few bad bytes replaced), Korean CP949, Windows-1252
    where charset-normalizer finds it plausible, or charset-normalizer's best guess. Returns
    the text, the encoding and how many bytes were replaced."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", path), "utf-8-sig", 0
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16", 0
    if _looks_binary(data):
        raise InputError(f"{path} looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    if any(match.encoding in _KOREAN_CODECS for match in matches):
        try:
            text = data.decode("cp949")
        except UnicodeDecodeError:
            pass
        else:
            if _mostly_hangul(text):
                return text, "cp949", 0
    # On short Western text charset-normalizer ties Windows-1252 with 1250, 1257 or DOS pages
    # ("naïve" read as "naďve"); English legacy files are 1252 (as browsers read Latin-1).
    if any(match.encoding == "cp1252" for match in matches):
        return data.decode("cp1252"), "cp1252", 0
    best = matches.best()
    if best is None:
        raise InputError(
            f"cannot decode {path}: not UTF-8, CP949/EUC-KR or another recognised text encoding"
        )
    return str(best), codecs.lookup(best.encoding).name.replace("_", "-"), 0


def _damaged_utf8(data: bytes) -> tuple[str, str, int] | None:
    """UTF-8 with U+FFFD for its bad bytes, when they are few beside its good non-ASCII
    characters (UTF8_DAMAGE_SHARE); None when the text is rather in another encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for char in text if "\udc80" <= char <= "\udcff")
    good = sum(1 for char in text if char > "\x7f") - bad
    if bad > UTF8_DAMAGE_SHARE * good:
        return None
    return data.decode("utf-8", errors="replace"), "utf-8", bad


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot decode {path}: invalid {encoding} at byte {exc.start}") from exc


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, or more than 10% control bytes in the first 4 KiB."""
    if b"\x00" in data:
        return True
    head = data[:4096]
    controls = sum(1 for byte in head if byte in _BINARY_CONTROLS)
    return controls > len(head) // 10


def _binary_share(text: str) -> float:
    """Share of the first 4,096 characters that no text holds: controls other than whitespace
    and escape, unassigned, private-use and surrogate code points."""
    head = text[:4096]
    odd = sum(
        1
        for char in head
        if char not in "\t\n\r\f\x1b" and unicodedata.category(char) in _BINARY_CATEGORIES
    )
    return odd / len(head) if head else 0.0


def _mostly_hangul(text: str) -> bool:
    """At least half of the non-ASCII characters are Hangul syllables or jamo."""
    wide = [char for char in text if ord(char) > 0x7F]
    hangul = sum(1 for char in wide if "\uac00" <= char <= "\ud7a3" or "\u3130" <= char <= "\u318f")
    return bool(wide) and hangul * 2 >= len(wide)


def _extract_html(html: str, path: Path) -> str:
    """Article body via trafilatura, paragraphs on their own lines, title as the first line."""
    from trafilatura import bare_extraction
    from trafilatura.settings import use_config

    config = use_config()
    # Trust the main extractor on short pages too: trafilatura's rescue for extractions under
    # 250 characters is a whole-page dump that runs every paragraph together on one line.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    document = bare_extraction(html, include_comments=False, with_metadata=True, config=config)
    body = (document.text or "").strip() if document is not None else ""
    if not body:
        raise InputError(f"no article text found in {path}")
    title = (document.title or "").strip()
    if title and body.splitlines()[0].strip() != title:
        body = f"{title}\n{body}"
    return body
