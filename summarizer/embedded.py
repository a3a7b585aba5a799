"""Models that ship inside Python packages as GGUF files, prepared once into `models/<name>/`.

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
from summarizer.model_repair import PREPARED, problems, record_files

if TYPE_CHECKING:
    from summarizer.presets import Preset


def pip_name(preset: Preset) -> str:
    assert preset.package
    return preset.package.replace("_", "-")


def install_hint(preset: Preset) -> str:
    return (
        f"pip install --no-deps {pip_name(preset)}"
        if preset.no_deps
        else (f"pip install {pip_name(preset)}")
    )


def package_version(preset: Preset) -> str | None:
    """The installed version of the preset's package, or None when it is not installed."""
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


def gguf_path(preset: Preset) -> Path:
    """The preset's GGUF file from its installed package (assembled from parts if need be)."""
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
    source = gguf_path(preset)

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
                "(about a minute; later runs load it in seconds)"
            )
        with staging_folder(models_dir, preset.name) as staging:
            _prepare_into(preset, version, source, staging)
            replace_folder(staging, target)
    return target


def _prepare_into(preset: Preset, version: str, source: Path, staging: Path) -> None:
    from summarizer.models import file_sha256

    record = {
        "package": pip_name(preset),
        "version": version,
        "gguf_file": source.name,
        "gguf_sha256": file_sha256(source),
        "licence": preset.licence,
    }
    try:
        dequantize(source, staging)
    except Exception as exc:  # transformers and torch raise many error types while loading
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelUnavailableError(
            f"cannot prepare {preset.name} from {source}: {reason}"
        ) from exc
    record["files"] = record_files(staging)
    (staging / PREPARED).write_text(json.dumps(record, indent=2), encoding="utf-8")


def dequantize(gguf: Path, out: Path) -> None:
    """Load a GGUF causal LM with transformers and save it as a plain safetensors folder.

    A model loaded with `gguf_file=` refuses `save_pretrained`, and its config keeps the GGUF
    `quantization_config` (which CTranslate2's converter trips over), so its weights are copied
    into a model built from the config without it.
    """
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    folder, name = str(gguf.parent), gguf.name
    with quiet_gguf_loading():
        tokenizer = AutoTokenizer.from_pretrained(folder, gguf_file=name)
        loaded = AutoModelForCausalLM.from_pretrained(folder, gguf_file=name, dtype=torch.float32)
    settings = loaded.config.to_dict()
    settings.pop("quantization_config", None)
    config = type(loaded.config).from_dict(settings)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.load_state_dict(loaded.state_dict())
    model.generation_config = loaded.generation_config
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


@contextlib.contextmanager
def quiet_gguf_loading() -> Iterator[None]:
    """transformers draws its "Converting and de-quantizing GGUF tensors" bar with tqdm directly,
    past its own progress-bar switch; hand its GGUF loader a tqdm that is disabled."""
    import functools

    from tqdm.auto import tqdm
    from transformers import modeling_gguf_pytorch_utils as gguf_utils

    saved = gguf_utils.tqdm
    gguf_utils.tqdm = functools.partial(tqdm, disable=True)
    try:
        yield
    finally:
        gguf_utils.tqdm = saved
