"""Find reference summaries and translations for an article by naming convention.

For an article `DIR/<stem>.txt` the references live in `DIR/refs/` (or a given folder):
`<stem>.summary.en.txt` plus numbered `<stem>.summary.en.1.txt`, `.2`, ...; the same for
`.summary.ko`; and an optional `<stem>.translation.en.txt`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import InputError, UsageError
from summarizer.wording import count


@dataclass(frozen=True)
class References:
    """The reference texts found for one article (empty lists / None where there are none)."""

    summaries_en: list[str]
    summaries_ko: list[str]
    translation_en: str | None

    @property
    def empty(self) -> bool:
        return not (self.summaries_en or self.summaries_ko or self.translation_en)


def refs_folder(article: Path, refs_dir: Path | None = None) -> Path:
    """Where an article's references live: `refs_dir`, or `refs/` beside the article."""
    return refs_dir if refs_dir is not None else article.parent / "refs"


def no_match(folder: Path, articles: Path) -> UsageError:
    """The error when no reference in `folder` belongs to an article of `articles`: where they
    were looked for, and a few of the files there with their count."""
    files = sorted(p.name for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    if not folder.is_dir():
        found = "there is no such folder"
    elif not files:
        found = "it holds no files"
    else:
        shown = ", ".join(files[:3]) + (", …" if len(files) > 3 else "")
        found = f"its {count(len(files), 'file')} match no article ({shown})"
    return UsageError(
        f"no reference matches an article of {articles}: looked in {folder} for "
        f"<stem>.summary.en.txt, .summary.ko.txt or .translation.en.txt; {found}"
    )


def find_references(article: Path, refs_dir: Path | None = None) -> References:
    """Read every reference for `article`; missing ones are simply absent."""
    folder = refs_folder(article, refs_dir)
    stem = article.stem
    translation = folder / f"{stem}.translation.en.txt"
    return References(
        summaries_en=[read_text(p) for p in _numbered(folder, f"{stem}.summary.en")],
        summaries_ko=[read_text(p) for p in _numbered(folder, f"{stem}.summary.ko")],
        translation_en=read_text(translation) if translation.is_file() else None,
    )


def _numbered(folder: Path, base: str) -> list[Path]:
    """`base.txt` first, then `base.N.txt` in numeric order."""
    if not folder.is_dir():
        return []
    pattern = re.compile(re.escape(base) + r"\.(\d+)\.txt")
    numbered = sorted(
        (int(match.group(1)), path)
        for path in folder.iterdir()
        if (match := pattern.fullmatch(path.name)) and path.is_file()
    )
    plain = folder / f"{base}.txt"
    return ([plain] if plain.is_file() else []) + [path for _, path in numbered]


def read_text(path: Path) -> str:
    """A UTF-8 text file, stripped; empty or undecodable files are an InputError."""
    try:
        text = path.read_text(encoding="utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text; re-save it as UTF-8") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    if not text:
        raise InputError(f"{path} is empty; write the reference text or delete the file")
    return text
