"""Convert Hugging Face models to CTranslate2, once per model and compute type.

A conversion lands in `models/<name>-ct2-<compute type>/` with a `source.json` naming the
weights it came from; later loads reuse it, and changed weights are converted again. Whether a
model can run on CTranslate2 is decided from its config.json alone, without importing torch.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import time
from pathlib import Path
from typing import Any

from summarizer.errors import ModelUnavailableError, UsageError
from summarizer.fileio import exclusive, lock_file, replace_folder, staging_folder
from summarizer.models.repair import write_marker
from summarizer.models.spec import ModelSpec

log = logging.getLogger("summarizer")

# model_type values whose CTranslate2 loader exists and whose prompting our engines handle.
SUPPORTED_MODEL_TYPES = frozenset(
    {
        "marian",
        "m2m_100",
        "bart",
        "pegasus",
        "t5",
        "mt5",
        "llama",
        "mistral",
        "qwen2",
        "qwen3",
        "gemma",
        "gemma2",
        "gemma3_text",
        "phi3",
    }
)
COMPUTE_TYPES = (
    "auto",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
SOURCE_FILE = "source.json"
# CTranslate2 reads `normalize_before` for BART-family models; transformers 5 configs lack it.
_PRE_NORM = {"bart": False, "pegasus": True}


def installed() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def convertible(spec: ModelSpec) -> bool:
    """True when CTranslate2 is installed and can convert this kind of model."""
    return installed() and spec.config.get("model_type") in SUPPORTED_MODEL_TYPES


def choose_backend(requested: str, spec: ModelSpec) -> str:
    """`auto` → ct2 when the model converts, else hf; an impossible `ct2` is refused."""
    if requested == "auto":
        return "ct2" if convertible(spec) else "hf"
    if requested == "ct2" and not installed():
        raise ModelUnavailableError(
            "backend ct2 needs CTranslate2: `pip install ctranslate2`, or use --backend hf"
        )
    if requested == "ct2" and not convertible(spec):
        kind = f"model type {spec.config.get('model_type')!r}"
        raise UsageError(f"{spec.id} ({kind}) cannot run on CTranslate2; use --backend hf or auto")
    return requested


def ct2_device(device: str) -> str:
    """`auto` → cuda when CTranslate2 sees a GPU, else cpu; `cuda` without a GPU is refused."""
    if device == "cpu":
        return device
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        return "cuda"
    if device == "cuda":
        raise ModelUnavailableError("--device cuda: CTranslate2 sees no CUDA GPU; use --device cpu")
    return "cpu"


def resolve_compute_type(compute_type: str, device: str) -> str:
    """`auto` → int8 on CPU, int8_float16 on CUDA; anything else is checked and kept."""
    if compute_type not in COMPUTE_TYPES:
        raise UsageError(
            f"compute type must be one of {', '.join(COMPUTE_TYPES)}, got {compute_type!r}"
        )
    if compute_type != "auto":
        return compute_type
    on_gpu = device == "cuda" or (device == "auto" and ct2_device(device) == "cuda")
    return "int8_float16" if on_gpu else "int8"


def converted_path(spec: ModelSpec, models_dir: Path, compute_type: str) -> Path:
    return models_dir / f"{spec.path.name}-ct2-{compute_type}"


def convert(spec: ModelSpec, models_dir: Path, compute_type: str, *, again: bool = False) -> Path:
    """The CTranslate2 folder for `spec` at `compute_type`, converting only when needed (a
    folder without its model.bin is converted again, and any with `again`).

    The conversion runs under a lock file in `models_dir`, so two first runs at once convert
    once (the second waits, then reuses the result), and it is built in a hidden staging folder
    renamed into place when complete: a failed or killed conversion leaves no half-made folder.
    """
    target = converted_path(spec, models_dir, compute_type)
    source = {"id": spec.id, "weights_sha256": spec.weights_sha256, "quantization": compute_type}
    if not again and _converted(target, source):
        return target
    with exclusive(lock_file(models_dir, target.name)):
        if not again and _converted(target, source):  # converted while this one waited
            return target
        began = time.perf_counter()
        log.info("converting %s to CTranslate2 %s once, into %s…", spec.id, compute_type, target)
        with staging_folder(models_dir, target.name) as staging:
            try:
                _converter(str(spec.path)).convert(
                    str(staging), quantization=compute_type, force=True
                )
            except Exception as exc:  # the converter raises whatever transformers or torch raise
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                raise ModelUnavailableError(
                    f"cannot convert {spec.id} to CTranslate2: {reason or type(exc).__name__}; "
                    "use --backend hf"
                ) from exc
            files = {p.name: p.stat().st_size for p in sorted(staging.iterdir()) if p.is_file()}
            record = {**source, "files": files}
            (staging / SOURCE_FILE).write_text(json.dumps(record, indent=2), encoding="utf-8")
            write_marker(staging, "conversion")
            replace_folder(staging, target)
        log.info("converted %s in %.0f s", spec.id, time.perf_counter() - began)
    return target


def _converted(target: Path, source: dict[str, Any]) -> bool:
    recorded = _source(target) or {}
    same = all(recorded.get(key) == value for key, value in source.items())
    return same and (target / "model.bin").is_file()


def damaged_conversion(target: Path) -> bool:
    """True when a conversion's files differ from those its source.json records (or it records
    none, as conversions by older versions do)."""
    files = (_source(target) or {}).get("files")
    if not isinstance(files, dict) or not files:
        return True
    return any(
        not (target / name).is_file() or (target / name).stat().st_size != size
        for name, size in files.items()
    )


def _source(target: Path) -> dict[str, Any] | None:
    try:
        return json.loads((target / SOURCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _converter(path: str) -> Any:
    """CTranslate2's TransformersConverter, patched for configs it does not expect."""
    from ctranslate2.converters import TransformersConverter
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()

    class Converter(TransformersConverter):
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            model = super().load_model(model_class, model_name_or_path, **kwargs)
            model_type = model.config.model_type
            if model_type in _PRE_NORM and not hasattr(model.config, "normalize_before"):
                model.config.normalize_before = _PRE_NORM[model_type]
            return model

        def load_tokenizer(
            self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any
        ) -> Any:
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            if tokenizer.bos_token is None:  # chat models without BOS; CTranslate2 needs one
                tokenizer.bos_token = tokenizer.eos_token
            return tokenizer

    return Converter(path)
