"""Models that ship inside Python packages as GGUF files, prepared once into `models/<name>/`.

A GGUF file comes from one package (which may assemble it from parts itself), or from many
packages of raw slices joined by `gguf_parts`.

Loading a GGUF file through transformers de-quantizes every tensor on every load (tens of
seconds), and such a model can be neither saved nor converted. The first use of an embedded
preset therefore writes a de-quantized copy (safetensors, config, tokenizer) into
`models/<preset name>/`, with `prepared.json` naming the package version and the GGUF file's
SHA-256 it came from. Later loads read that folder like any other model in a second or two,
and the CTranslate2 backend converts it like any other model. Nothing here imports torch
unless a preparation is needed.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.metadata
import importlib.util
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ModelUnavailableError
from summarizer.fileio import exclusive, lock_file, replace_folder, staging_folder
from summarizer.models import gguf_parts
from summarizer.models.repair import PREPARED, file_sha256, problems, record_files, write_marker

if TYPE_CHECKING:
    from summarizer.models.presets import Preset


def pip_name(preset: Preset) -> str:
    if preset.split:
        return f"{preset.split.pip_name(1)}..{preset.split.parts}"
    assert preset.package
    return preset.package.replace("_", "-")


def install_hint(preset: Preset) -> str:
    if preset.split:
        return preset.split.install_hint
    return (
        f"pip install --no-deps {pip_name(preset)}"
        if preset.no_deps
        else (f"pip install {pip_name(preset)}")
    )


def uninstall_hint(preset: Preset) -> str:
    if preset.split:
        return f"pip uninstall -y {preset.split.pip_pattern}"
    return f"pip uninstall {pip_name(preset)}"


def gguf_name(preset: Preset) -> str | None:
    return preset.split.file_name if preset.split else preset.gguf_file


def package_version(preset: Preset) -> str | None:
    """The installed version of the preset's package, or None when it is not installed."""
    if preset.split:
        return gguf_parts.version(preset.split)
    if importlib.util.find_spec(preset.package or "") is None:
        return None
    try:
        return importlib.metadata.version(pip_name(preset))
    except importlib.metadata.PackageNotFoundError:
        return None


def prepared_folder(preset: Preset, models_dir: Path) -> Path | None:
    """`models_dir/<name>` when it holds this preset prepared from the installed package."""
    folder = models_dir / preset.name
    record = read_record(folder)
    version = package_version(preset)
    if (
        version is not None
        and record.get("package") == pip_name(preset)
        and record.get("version") == version
        and (folder / "config.json").is_file()
        and not problems(folder)
    ):
        return folder
    return None


def read_record(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / PREPARED).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def gguf_path(preset: Preset, notify: Callable[[str], None] | None = None) -> Path:
    """The preset's GGUF file from its installed package (assembled from parts if need be)."""
    if preset.split:
        return gguf_parts.assemble(preset.split, notify)
    assert preset.package and preset.gguf_file
    if preset.assemble:
        module = importlib.import_module(preset.package)
        return Path(getattr(module, preset.assemble)())
    found = importlib.util.find_spec(preset.package)
    for location in (found.submodule_search_locations or []) if found else []:
        if (Path(location) / preset.gguf_file).is_file():
            return Path(location) / preset.gguf_file
    raise ModelUnavailableError(
        f"the package {pip_name(preset)} has no {preset.gguf_file}; reinstall it with "
        f"`{install_hint(preset)}`"
    )


def prepare(preset: Preset, models_dir: Path, notify: Callable[[str], None] | None = None) -> Path:
    """The prepared folder for an embedded preset, de-quantizing its GGUF file only once."""
    folder = prepared_folder(preset, models_dir)
    if folder is not None:
        return folder
    version = package_version(preset)
    if version is None:
        raise ModelUnavailableError(
            f"model '{preset.name}' comes from the Python package {pip_name(preset)}, which is "
            f"not installed; install it with `{install_hint(preset)}`"
        )
    target = models_dir / preset.name
    source = gguf_path(preset, notify)

    def waiting() -> None:
        if notify:
            notify(f"waiting for another process that is preparing {preset.name} in {target}")

    with exclusive(lock_file(models_dir, preset.name), waiting):
        if prepared_folder(preset, models_dir) is not None:  # prepared while this one waited
            return target
        if notify and (found := problems(target) if read_record(target) else []):
            notify(f"{target} is damaged ({'; '.join(found)}); preparing it again")
        if notify:
            notify(
                f"preparing {preset.name} once: de-quantizing {source.name} into {target} "
                "(a minute or a few; later runs load it in seconds)"
            )
        with staging_folder(models_dir, preset.name) as staging:
            _prepare_into(preset, version, source, staging, notify)
            replace_folder(staging, target)
    return target


def _prepare_into(
    preset: Preset,
    version: str,
    source: Path,
    staging: Path,
    notify: Callable[[str], None] | None,
) -> None:
    record = {
        "package": pip_name(preset),
        "version": version,
        "gguf_file": source.name,
        "gguf_sha256": preset.split.sha256 if preset.split else file_sha256(source),
        "licence": preset.licence,
    }
    try:
        dequantize(source, staging, preset.dtype, notify)
    except Exception as exc:  # transformers and torch raise many error types while loading
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(
            f"cannot prepare {preset.name} from {source}: {reason}"
        ) from exc
    record["files"] = record_files(staging)
    (staging / PREPARED).write_text(json.dumps(record, indent=2), encoding="utf-8")
    write_marker(staging, "embedded")


def dequantize(
    gguf: Path, out: Path, dtype: str = "float32", notify: Callable[[str], None] | None = None
) -> None:
    """Load a GGUF causal LM with transformers and save it as a plain safetensors folder.

    A model loaded with `gguf_file=` refuses `save_pretrained` while it carries the GGUF
    quantizer, and its config keeps the GGUF `quantization_config` (which CTranslate2's
    converter trips over): both are dropped once the tensors are de-quantized. Each tensor is
    cast to `dtype` as it is de-quantized, so the peak memory is about one copy of the model.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    folder, name = str(gguf.parent), gguf.name
    if notify:
        notify(f"reading the tokenizer and settings in {gguf.name}")
    with gguf_progress(notify):
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        model = AutoModelForCausalLM.from_pretrained(
            folder, gguf_file=name, dtype=getattr(torch, dtype)
        )
    model.config.__dict__.pop("quantization_config", None)
    model.hf_quantizer = None
    if notify:
        notify(f"writing the de-quantized {gguf.name} into {out}")
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


@contextlib.contextmanager
def gguf_progress(notify: Callable[[str], None] | None) -> Iterator[None]:
    """transformers draws its "Converting and de-quantizing GGUF tensors" bar with tqdm directly,
    past its own progress-bar switch; hand its GGUF loader an iterator that reports each
    quarter of the tensors as one plain line (readable in a log) instead."""
    from transformers import modeling_gguf_pytorch_utils as gguf_utils

    def quarters(items: Any, **_options: Any) -> Iterator[Any]:
        items = list(items)
        marks = {len(items) * q // 4: q * 25 for q in (1, 2, 3)}
        for done, item in enumerate(items):
            if notify and done in marks:
                notify(f"de-quantizing: {marks[done]}% of {len(items)} tensors")
            yield item

    saved = gguf_utils.tqdm
    gguf_utils.tqdm = quarters
    try:
        yield
    finally:
        gguf_utils.tqdm = saved
