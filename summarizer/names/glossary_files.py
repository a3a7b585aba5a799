"""Reading glossary files as users bring them: the headerless two-column TSV or CSV that DeepL,
Google Cloud Translation and Amazon Translate take (Korean term, English term, UTF-8, `#`
comments), DeepL's four-column CSV (term, term, ko, en), Amazon's CSV with a language-code
header (`ko,en`), and the XML of CAT tools (TBX) and translation memories (TMX).

Every problem is an UsageError naming the file and, for a table, the line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from summarizer.errors import UsageError

Entry = tuple[str, str, int]
"""A Korean term, its English, and the line (or entry number, for XML) it came from."""

_LANGUAGES = {"ko", "ko-kr", "kor", "korean", "en", "en-us", "en-gb", "eng", "english"}
_XML_SUFFIXES = {".tbx", ".tmx", ".xml"}


def read_entries(path: Path) -> list[Entry]:
    """The (Korean, English, line) entries of one glossary file, in file order."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise UsageError(f"glossary {path}: is a folder, not a file") from None
    except OSError as exc:
        raise UsageError(f"glossary {path}: cannot read it ({exc.strerror or exc})") from None
    if path.suffix.lower() in _XML_SUFFIXES or raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        from summarizer.names.glossary_xml import xml_entries

        entries = xml_entries(path, raw)
    else:
        entries = _table_entries(path, _decoded(path, raw))
    if not entries:
        raise UsageError(f"glossary {path}: holds no terms")
    return entries


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"glossary {path}:{line}: not UTF-8 (save the file as UTF-8)") from None


def _table_entries(path: Path, text: str) -> list[Entry]:
    """Rows of a TSV (a tab on the first term's line) or else a CSV."""
    lines = text.splitlines()
    first = next((line for line in lines if line.strip() and not line.startswith("#")), "")
    delimiter = "\t" if "\t" in first or path.suffix.lower() == ".tsv" else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    entries: list[Entry] = []
    order: tuple[int, int] | None = None
    for row in rows:
        number = rows.line_num
        cells = [cell.strip() for cell in row]
        while cells and not cells[-1]:
            cells.pop()
        if not cells or cells[0].startswith("#"):
            continue
        if order is None and _header(cells):
            order = (0, 1) if cells[0].lower().startswith("ko") else (1, 0)
            continue
        if len(cells) == 4 and _header(cells[2:]):  # DeepL: term, term, ko, en
            order = (0, 1) if cells[2].lower().startswith("ko") else (1, 0)
            cells = cells[:2]
        if len(cells) != 2 or not all(cells):
            raise UsageError(
                f"glossary {path}:{number}: expected two columns (Korean term, English term) "
                f"separated by {'a tab' if delimiter == chr(9) else 'a comma'}, got {row!r}"
            )
        korean, english = (cells[i] for i in order or (0, 1))
        entries.append((korean, english, number))
    return entries


def _header(cells: list[str]) -> bool:
    """A row of two language codes, as Amazon Translate's CSV starts (`ko,en`)."""
    return len(cells) == 2 and all(cell.lower() in _LANGUAGES for cell in cells)
