"""Tables and sizes for `summarizer models list` and `info`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.markup import escape

from summarizer.cli.console import console


def conversion(path: Path) -> dict[str, Any] | None:
    """What a CTranslate2 conversion was made from (its source.json), or None for other folders."""
    import json

    from summarizer.engines.convert import SOURCE_FILE

    try:
        source = json.loads((path / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return source if isinstance(source, dict) else None


def print_conversions(folder: Path, conversions: dict[str, dict[str, Any]]) -> None:
    """The table of CTranslate2 conversions in the models folder."""
    from rich import box
    from rich.table import Table

    if not conversions:
        return
    table = Table(
        title=f"CTranslate2 conversions in {escape(str(folder))}/ (made by runs with ct2)",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for column in ("name", "size", "converted from", "compute type"):
        table.add_column(column)
    for name, source in conversions.items():
        table.add_row(
            escape(name),
            readable_size(folder_bytes(folder / name)),
            escape(str(source.get("id", "?"))),
            escape(str(source.get("quantization", "?"))),
        )
    console.print(table)


def embedded_state(preset: Any, folder: Path) -> str:
    """prepared, packaged, or how to install the package of an embedded preset."""
    from summarizer.models import embedded

    if embedded.prepared_folder(preset, folder):
        return "prepared"
    if embedded.package_version(preset):
        return "packaged"
    return embedded.install_hint(preset)


def models_table(title: str, last: str) -> Any:
    """A table of models: name, size, licence, where it is, and `last`."""
    from rich import box
    from rich.table import Table

    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    for column in ("name", "size", "licence", "here"):
        table.add_column(column, no_wrap=True)
    table.add_column(last)
    return table


def print_files(path: Path) -> None:
    """The files of a model folder with their sizes and SHA-256 (the manifest's, if any)."""
    from rich.table import Table

    from summarizer.models.folder import read_manifest
    from summarizer.models.repair import file_sha256

    recorded = {
        f["name"]: f for f in read_manifest(path.parent).get(path.name, {}).get("files", [])
    }
    table = Table("file", "size", "sha256", title="files")
    for file in sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")):
        digest = recorded.get(file.name, {}).get("sha256") or file_sha256(file)
        table.add_row(escape(file.name), readable_size(file.stat().st_size), digest[:16])
    console.print(table)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def readable_size(size: int) -> str:
    """A byte count for people: 1.2 GB, 300.0 MB."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"
