"""`summarizer models`: list, pull, inspect, remove and convert the models the pipeline uses."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from summarizer.cli.common import load
from summarizer.cli.console import console, errors, friendly
from summarizer.cli.models_tables import (
    conversion,
    embedded_state,
    folder_bytes,
    models_table,
    print_conversions,
    print_files,
    readable_size,
)
from summarizer.cli.options import ModelsDirOption

models_app = typer.Typer(
    help=(
        "Curated models and the ones in the models folder. Runs never download a model that is "
        "already there: `models pull` once on a connected machine, then work offline."
    ),
    no_args_is_help=True,
)

NameArgument = Annotated[
    str, typer.Argument(help="Preset name (see `summarizer models list`) or Hugging Face id.")
]


class ConvertTarget(StrEnum):
    ct2 = "ct2"


def register(app: typer.Typer) -> None:
    app.add_typer(models_app, name="models")


def _models_dir(models_dir: Path | None) -> Path:
    return Path(load(models_dir=models_dir).models_dir)


@models_app.command("list")
@friendly
def list_models(models_dir: ModelsDirOption = None) -> None:
    """Curated presets with task, size, licence and published quality, and what is installed.

    Example: `summarizer models list`
    """
    from summarizer.models.choice import model_choices
    from summarizer.models.folder import hub_id_of, local_models, local_name, read_manifest
    from summarizer.models.presets import PRESETS

    settings = load(models_dir=models_dir)
    folder = Path(settings.models_dir)
    local = local_models(folder)
    chosen = model_choices(settings, ["translation", "summarization"])
    defaults = {hub_id_of(choice.ref) for choice in chosen.values()}
    for task, title in (("translation", "Translators"), ("summarization", "Summarizers")):
        table = models_table(f"{title} (* used when none is named)", "published quality")
        for preset in (p for p in PRESETS.values() if task in p.tasks):
            here = (
                embedded_state(preset, folder)
                if preset.embedded
                else (local.get(local_name(preset.hub_id), "—"))
            )
            name = preset.name + (" *" if preset.hub_id in defaults else "")
            table.add_row(name, preset.size, preset.licence, here, preset.quality)
        console.print(table)
    presets = {local_name(p.hub_id) for p in PRESETS.values()} | set(PRESETS)
    others = {name: state for name, state in local.items() if name not in presets}
    conversions = {name: conversion(folder / name) for name in others}
    print_conversions(folder, {n: c for n, c in conversions.items() if c is not None})
    others = {name: state for name, state in others.items() if conversions[name] is None}
    if others:
        manifest = read_manifest(folder)
        table = models_table(f"Other models in {escape(str(folder))}/", "format")
        for name, state in others.items():
            entry = manifest.get(name, {})
            size = readable_size(folder_bytes(folder / name))
            licence = escape(entry.get("licence", "—"))
            table.add_row(escape(name), size, licence, state, entry.get("format", "hf"))
        console.print(table)
    console.print(
        f"Downloads go to {escape(str(folder))}/; a partial one resumes with `summarizer models "
        "pull NAME`.",
        highlight=False,
        soft_wrap=True,
    )


@models_app.command()
@friendly
def pull(
    name: NameArgument,
    revision: Annotated[
        str | None, typer.Option(help="Branch, tag or commit to fetch [default: main].")
    ] = None,
    models_dir: ModelsDirOption = None,
) -> None:
    """Download a model into the models folder, record it in manifest.json; resumes if cut off.

    Example: `summarizer models pull opus-mt-tc-big-ko-en`
    """
    from summarizer.models.folder import hub_id_of, local_name, pull
    from summarizer.models.presets import PRESETS
    from summarizer.models.spec import embedded_spec

    folder = _models_dir(models_dir)
    preset = PRESETS.get(name)
    if preset and preset.embedded:
        spec = embedded_spec(preset, folder, notify=_notice)
        console.print(
            f"{name} comes with a Python package and is ready at {escape(str(spec.path))}; "
            f"nothing to download (licence {preset.licence})",
            highlight=False,
            soft_wrap=True,
        )
        return
    target = folder / local_name(hub_id_of(name))
    console.print(
        f"pulling {escape(hub_id_of(name))} into {escape(str(target))}",
        highlight=False,
        soft_wrap=True,
    )
    if preset:
        _licence_notice(preset.licence)
    entry = pull(name, folder, revision=revision)
    total = sum(f["size"] for f in entry["files"])
    console.print(
        f"[green]ready:[/] {escape(entry['name'])} at revision {entry['revision']} "
        f"({len(entry['files'])} files, {readable_size(total)}, "
        f"licence {escape(entry['licence'])})",
        highlight=False,
        soft_wrap=True,
    )
    if not preset:
        _licence_notice(entry["licence"])


def _notice(message: str) -> None:
    errors.print(escape(message), highlight=False, soft_wrap=True)


def _licence_notice(licence: str) -> None:
    console.print(f"licence: {escape(licence)}", highlight=False, soft_wrap=True)
    if "-nc" in licence.lower():
        errors.print(
            f"[yellow]note:[/] {escape(licence)} allows non-commercial use only", highlight=False
        )


@models_app.command()
@friendly
def info(name: NameArgument, models_dir: ModelsDirOption = None) -> None:
    """Show what a model is, whether it is installed, its revision, format and files.

    Example: `summarizer models info opus-mt-ko-en`
    """
    from summarizer.models import embedded
    from summarizer.models.folder import hub_id_of, is_installed, local_name, read_manifest
    from summarizer.models.presets import PRESETS

    folder = _models_dir(models_dir)
    preset = PRESETS.get(name)
    given = Path(name).expanduser()
    facts: dict[str, Any] = {"name": name}
    if given.is_dir():
        facts["folder"] = str(given.resolve())
    elif not (folder / name / "source.json").is_file():
        facts["hub id"] = hub_id_of(name)
    if preset:
        facts.update(
            task=", ".join(preset.tasks),
            size=preset.size,
            licence=preset.licence,
            **{"published quality": preset.quality},
        )
    if preset and preset.embedded:
        path = embedded.prepared_folder(preset, folder)
        facts.update({"format": "gguf in a Python package", "file": embedded.gguf_name(preset)})
        facts.update(embedded.read_record(path) if path else {})
        state = embedded_state(preset, folder)
    else:
        path = given if given.is_dir() else folder / local_name(hub_id_of(name))
        installed = is_installed(path)
        state = "installed" if installed else ("partial" if path.is_dir() else "not installed")
        entry = read_manifest(folder).get(path.name, {}) if path.parent == folder else {}
        facts.update({k: v for k, v in entry.items() if k not in ("name", "id", "files")})
        source = conversion(path)
        if source:
            facts.update(
                {
                    "format": "CTranslate2 conversion",
                    "converted from": source.get("id", "?"),
                    "compute type": source.get("quantization", "?"),
                }
            )
        if not installed:
            facts["to install"] = f"summarizer models pull {name}"
    facts.update(state=state, path=str(path) if path else "—")
    for key, value in facts.items():
        console.print(f"[bold]{key}:[/] {escape(str(value))}", highlight=False, soft_wrap=True)
    if path and path.is_dir():
        print_files(path)


@models_app.command("rm")
@friendly
def remove(name: NameArgument, models_dir: ModelsDirOption = None) -> None:
    """Delete a downloaded model folder and its manifest entry.

    Example: `summarizer models rm opus-mt-ko-en`
    """
    from summarizer.errors import UsageError
    from summarizer.models import embedded
    from summarizer.models.folder import remove
    from summarizer.models.presets import PRESETS

    preset = PRESETS.get(name)
    if preset and preset.embedded:
        raise UsageError(
            f"{name} is a Python package: remove it with `{embedded.uninstall_hint(preset)}`"
        )
    removed = remove(name, _models_dir(models_dir))
    console.print(f"removed {escape(str(removed))}", highlight=False, soft_wrap=True)


@models_app.command()
@friendly
def convert(
    name: NameArgument,
    to: Annotated[ConvertTarget, typer.Option("--to", help="Target format: ct2 (CTranslate2).")],
    compute_type: Annotated[
        str,
        typer.Option(
            help="Weight type: int8, int8_float16, float16, float32, … [default: auto, int8 on "
            "CPU and int8_float16 on CUDA]",
            show_default=False,
        ),
    ] = "auto",
    models_dir: ModelsDirOption = None,
) -> None:
    """Convert an installed model for a faster backend (CTranslate2), into the models folder.

    Runs pick the conversion up by themselves with `--backend ct2` (or auto).
    Example: `summarizer models convert opus-mt-tc-big-ko-en --to ct2 --compute-type int8`
    """
    from summarizer.engines.convert import choose_backend, convert, resolve_compute_type
    from summarizer.models.spec import resolve

    settings = load(models_dir=models_dir)
    folder = Path(settings.models_dir)
    spec = resolve(name, folder, download=False)
    choose_backend(to.value, spec)
    quantization = resolve_compute_type(compute_type, settings.device)
    converted = convert(spec, folder, quantization)
    console.print(
        f"[green]converted:[/] {escape(spec.id)} → {escape(str(converted))} ({quantization})",
        highlight=False,
        soft_wrap=True,
    )
