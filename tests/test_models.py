"""Model presets, `summarizer models` and offline-first resolution, against a fake local hub."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import huggingface_hub
import pytest
from huggingface_hub import constants
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import ModelUnavailableError
from summarizer.models.folder import PARTIAL, hub_id_of, local_name, read_manifest
from summarizer.models.presets import PRESETS
from summarizer.models.repair import MANIFEST, MARKER, has_marker
from summarizer.models.spec import offline_mode, resolve

REVISION = "0123456789abcdef0123456789abcdef01234567"
WANTED = [
    "config.json",
    "generation_config.json",
    "model.safetensors",
    "source.spm",
    "target.spm",
    "tokenizer_config.json",
    "vocab.json",
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class FakeHub:
    """Stands in for the Hugging Face Hub: repositories are folders under `root`."""

    root: Path
    fail_after: int | None = None
    wrong_sha256: set[str] = field(default_factory=set)
    info_revisions: list[str | None] = field(default_factory=list)
    downloads: list[list[str]] = field(default_factory=list)

    def add(self, repo_id: str, model: Path, licence: str = "mit") -> None:
        repo = self.root / repo_id
        shutil.copytree(model, repo, ignore=shutil.ignore_patterns(".*"))
        (repo / "pytorch_model.bin").write_bytes(b"older weight format")
        (repo / "tf_model.h5").write_bytes(b"tensorflow weights")
        (repo / "README.md").write_text(f"---\nlicense: {licence}\n---\n", encoding="utf-8")
        (repo / "onnx").mkdir()
        (repo / "onnx" / "config.json").write_text("{}", encoding="utf-8")

    def model_info(
        self, repo_id: str, *, revision: str | None = None, files_metadata: bool = False
    ) -> Any:
        self.info_revisions.append(revision)
        repo = self.root / repo_id
        if not repo.is_dir():
            raise OSError(f"404 Client Error: repository {repo_id} not found")
        siblings = []
        for path in sorted(p for p in repo.rglob("*") if p.is_file()):
            name = path.relative_to(repo).as_posix()
            digest = "0" * 64 if name in self.wrong_sha256 else sha256(path)
            lfs = (
                SimpleNamespace(sha256=digest) if path.suffix in (".safetensors", ".bin") else None
            )
            siblings.append(SimpleNamespace(rfilename=name, size=path.stat().st_size, lfs=lfs))
        licence = (repo / "README.md").read_text(encoding="utf-8").split("license: ")[1].split()[0]
        return SimpleNamespace(
            sha=REVISION, siblings=siblings, card_data=SimpleNamespace(license=licence)
        )

    def snapshot_download(
        self, repo_id: str, *, revision: str, local_dir: Path, allow_patterns: list[str]
    ) -> str:
        """Copies the allowed files, skipping complete ones, as huggingface_hub resumes."""
        assert revision == REVISION
        copied: list[str] = []
        self.downloads.append(copied)
        for name in allow_patterns:
            source, target = self.root / repo_id / name, Path(local_dir) / name
            if target.is_file() and target.stat().st_size == source.stat().st_size:
                continue
            if self.fail_after is not None and len(copied) == self.fail_after:
                raise ConnectionError("Connection reset by peer")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            copied.append(name)
        return str(local_dir)


@pytest.fixture
def hub(tmp_path: Path, tiny_marian: Path, monkeypatch: pytest.MonkeyPatch) -> FakeHub:
    """A fake hub with tiny Marian models under preset ids, and online mode for the client."""
    fake = FakeHub(tmp_path / "hub")
    fake.add("Helsinki-NLP/opus-mt-ko-en", tiny_marian, licence="apache-2.0")
    fake.add("facebook/nllb-200-distilled-600M", tiny_marian, licence="cc-by-nc-4.0")
    fake.add("someone/tiny-ko-en", tiny_marian, licence="mit")
    monkeypatch.setattr(huggingface_hub, "HfApi", lambda: fake)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake.snapshot_download)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    return fake


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_presets_are_one_table_of_facts() -> None:
    assert {"opus-mt-tc-big-ko-en", "opus-mt-ko-en", "distilbart-cnn-12-6", "smollm2"} <= set(
        PRESETS
    )
    for preset in PRESETS.values():
        assert preset.tasks and set(preset.tasks) <= {"translation", "summarization"}
        assert preset.size and preset.licence and preset.quality
        if not preset.embedded:
            assert preset.name == local_name(preset.hub_id), "models/<preset name> layout"
    assert PRESETS["nllb-200-distilled-600M"].licence == "cc-by-nc-4.0"
    assert "26.1" in PRESETS["opus-mt-tc-big-ko-en"].quality
    assert "translation" in PRESETS["Qwen2.5-0.5B-Instruct"].tasks
    assert hub_id_of("opus-mt-tc-big-ko-en") == "Helsinki-NLP/opus-mt-tc-big-ko-en"
    assert "Gemma Terms of Use" in PRESETS["gemma3-270m"].licence


def test_pull_downloads_one_weight_format_and_writes_the_manifest(
    hub: FakeHub, tmp_path: Path
) -> None:
    models = tmp_path / "models"
    result = cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models))
    assert result.exit_code == 0, result.output
    assert "licence: apache-2.0" in result.output
    folder = models / "opus-mt-ko-en"
    assert sorted(p.name for p in folder.iterdir() if p.name != MARKER) == WANTED
    assert has_marker(folder), "a download is marked as made by the tool"
    entry = read_manifest(models)["opus-mt-ko-en"]
    assert entry["id"] == "Helsinki-NLP/opus-mt-ko-en"
    assert entry["revision"] == REVISION
    assert entry["format"] == "hf"
    assert entry["licence"] == "apache-2.0"
    assert [f["name"] for f in entry["files"]] == WANTED
    for file in entry["files"]:
        assert file["size"] == (folder / file["name"]).stat().st_size
        assert file["sha256"] == sha256(folder / file["name"])
    spec = resolve("opus-mt-ko-en", models)
    assert (spec.id, spec.revision, spec.path) == (entry["id"], REVISION, folder.resolve())


def test_an_interrupted_pull_resumes_where_it_stopped(hub: FakeHub, tmp_path: Path) -> None:
    models = tmp_path / "models"
    hub.fail_after = 2
    first = cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models))
    assert first.exit_code == 2
    assert "Connection reset" in first.output
    folder = models / "opus-mt-ko-en"
    assert (folder / PARTIAL).is_file() and (folder / "config.json").is_file()
    assert "opus-mt-ko-en" not in read_manifest(models)
    listing = cli("models", "list", "--models-dir", str(models)).output
    assert "partial" in next(line for line in listing.splitlines() if "opus-mt-ko-en " in line)
    with pytest.raises(ModelUnavailableError, match="unfinished"):
        resolve("opus-mt-ko-en", models, download=False)

    hub.fail_after = None
    second = cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models))
    assert second.exit_code == 0, second.output
    assert hub.info_revisions == [None, REVISION], "the resumed pull keeps the first revision"
    assert hub.downloads[-1] == WANTED[2:], "only the missing files are fetched"
    assert not (folder / PARTIAL).exists()
    assert read_manifest(models)["opus-mt-ko-en"]["revision"] == REVISION


def test_pulling_an_installed_model_again_downloads_nothing(hub: FakeHub, tmp_path: Path) -> None:
    models = tmp_path / "models"
    assert cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models)).exit_code == 0
    again = cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models))
    assert again.exit_code == 0, again.output
    assert len(hub.downloads) == 1


def test_pull_prints_a_non_commercial_licence(hub: FakeHub, tmp_path: Path) -> None:
    result = cli("models", "pull", "nllb-200-distilled-600M", "--models-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "cc-by-nc-4.0" in result.output
    assert "non-commercial use only" in result.output


def test_pull_by_hub_id_records_the_model_card_licence(hub: FakeHub, tmp_path: Path) -> None:
    result = cli(
        "models", "pull", "someone/tiny-ko-en", "--revision", "v1", "--models-dir", str(tmp_path)
    )
    assert result.exit_code == 0, result.output
    assert hub.info_revisions == ["v1"]
    entry = read_manifest(tmp_path)["tiny-ko-en"]
    assert (entry["id"], entry["licence"]) == ("someone/tiny-ko-en", "mit")
    assert "licence: mit" in result.output


def test_a_corrupt_download_is_refused_and_removed(hub: FakeHub, tmp_path: Path) -> None:
    hub.wrong_sha256.add("model.safetensors")
    result = cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "checksum" in result.output
    assert not (tmp_path / "opus-mt-ko-en" / "model.safetensors").exists()
    assert (tmp_path / "opus-mt-ko-en" / PARTIAL).exists()


def test_resolve_downloads_a_missing_model_once(hub: FakeHub, tmp_path: Path) -> None:
    spec = resolve("Helsinki-NLP/opus-mt-ko-en", tmp_path)
    assert spec.revision == REVISION
    assert resolve("opus-mt-ko-en", tmp_path).weights_sha256 == spec.weights_sha256
    assert len(hub.downloads) == 1


def test_list_info_and_rm(
    hub: FakeHub, tiny_bart: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("summarizer.models.embedded.package_version", lambda preset: "1.0")
    models = tmp_path / "models"
    assert cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models)).exit_code == 0
    shutil.copytree(tiny_bart, models / "my-summarizer")
    listing = cli("models", "list", "--models-dir", str(models))
    assert listing.exit_code == 0, listing.output
    rows = {line.split()[0]: line.split() for line in listing.output.splitlines() if line.strip()}
    assert rows["opus-mt-ko-en"][1:7] == ["*", "0.3", "GB", "apache-2.0", "installed", "ko→en"]
    assert rows["my-summarizer"][-2:] == ["installed", "hf"]
    assert rows["opus-mt-tc-big-ko-en"][1:3] == ["0.5", "GB"], "stronger, but not installed"
    assert "—" in rows["opus-mt-tc-big-ko-en"]
    assert rows["qwen2.5-coder-1.5b"][1:2] != ["*"], "opus-mt translates, lead-3 summarizes"
    assert rows["smollm2"][1:2] != ["*"], "smollm2 is never a default"

    info = cli("models", "info", "opus-mt-ko-en", "--models-dir", str(models))
    assert info.exit_code == 0, info.output
    assert f"revision: {REVISION}" in info.output
    assert "state: installed" in info.output
    entry = read_manifest(models)["opus-mt-ko-en"]
    weights = next(f for f in entry["files"] if f["name"] == "model.safetensors")
    assert weights["sha256"][:16] in info.output
    missing = cli("models", "info", "bart-large-cnn", "--models-dir", str(models))
    assert "summarizer models pull bart-large-cnn" in missing.output

    removed = cli("models", "rm", "opus-mt-ko-en", "--models-dir", str(models))
    assert removed.exit_code == 0, removed.output
    assert not (models / "opus-mt-ko-en").exists()
    assert "opus-mt-ko-en" not in json.loads((models / MANIFEST).read_text())
    assert cli("models", "rm", "opus-mt-ko-en", "--models-dir", str(models)).exit_code == 2
    assert cli("models", "rm", "smollm2", "--models-dir", str(models)).exit_code == 2


def test_a_missing_model_offline_names_model_folder_and_pull_command(tmp_path: Path) -> None:
    assert constants.HF_HUB_OFFLINE, "the test session runs offline"
    article = tmp_path / "article.txt"
    article.write_text("테슬라 주가가 이번주 급등했다.\n", encoding="utf-8")
    models = tmp_path / "models"
    result = cli(
        "translate", str(article), "-t", "opus-mt-ko-en", "--models-dir", str(models), "--no-cache"
    )
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "model 'opus-mt-ko-en (Helsinki-NLP/opus-mt-ko-en)' is not available offline" in message
    assert f"looked in {models / 'opus-mt-ko-en'}" in message
    assert "`summarizer models pull opus-mt-ko-en`" in message
    assert "Traceback" not in result.output


def test_pull_refuses_folders(tmp_path: Path) -> None:
    result = cli("models", "pull", str(tmp_path), "--models-dir", str(tmp_path))
    assert result.exit_code == 2
    assert "takes a preset name or a Hugging Face id" in " ".join(result.output.split())


def test_pull_of_an_embedded_preset_prepares_it(smollm2_models: Path) -> None:
    result = cli("models", "pull", "smollm2", "--models-dir", str(smollm2_models))
    assert result.exit_code == 0, result.output
    assert "nothing to download" in result.output
    assert str(smollm2_models / "smollm2") in " ".join(result.output.split()).replace(" ", "")
    listing = cli("models", "list", "--models-dir", str(smollm2_models))
    row = next(line.split() for line in listing.output.splitlines() if "smollm2" in line)
    assert "prepared" in row


def test_convert_hands_the_installed_model_to_the_converter(
    hub: FakeHub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[Any, Path, str]] = []

    def convert(spec: Any, models_dir: Path, compute_type: str) -> Path:
        calls.append((spec, models_dir, compute_type))
        return models_dir / f"{spec.path.name}-ct2-{compute_type}"

    import summarizer.engines.convert

    monkeypatch.setattr(summarizer.engines.convert, "convert", convert)
    models = tmp_path / "models"
    assert cli("models", "pull", "opus-mt-ko-en", "--models-dir", str(models)).exit_code == 0
    args = ["models", "convert", "opus-mt-ko-en", "--to", "ct2", "--models-dir", str(models)]
    result = cli(*args, "--compute-type", "int8")
    assert result.exit_code == 0, result.output
    [(spec, folder, compute_type)] = calls
    assert (spec.id, folder, compute_type) == ("Helsinki-NLP/opus-mt-ko-en", models, "int8")
    assert "opus-mt-ko-en-ct2-int8" in result.output
    assert cli(*args, "--compute-type", "int3").exit_code == 2
    missing = ["models", "convert", "opus-mt-tc-big-ko-en", "--to", "ct2", "--models-dir"]
    assert cli(*missing, str(models)).exit_code == 2


def test_models_in_the_models_folder_load_without_network(
    tiny_marian: Path, tiny_bart: Path, tmp_path: Path, network_attempts: list[Any]
) -> None:
    models = tmp_path / "models"
    shutil.copytree(tiny_marian, models / "opus-mt-tc-big-ko-en")
    shutil.copytree(tiny_bart, models / "distilbart-cnn-12-6")
    article = tmp_path / "article.txt"
    article.write_text("테슬라 주가가 이번주 급등했다. 엔비디아도 올랐다.\n", encoding="utf-8")
    result = cli("summarize", str(article), "--models-dir", str(models), "--no-cache")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert network_attempts == []


def test_offline_mode_blocks_the_hub_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from huggingface_hub.errors import OfflineModeIsEnabled
    from huggingface_hub.utils import get_session

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with offline_mode():
        assert constants.is_offline_mode()
        assert os.environ["HF_HUB_OFFLINE"] == "1"
        with pytest.raises(OfflineModeIsEnabled):
            get_session().get("https://huggingface.co/api/models/x")
    assert not constants.is_offline_mode(), "a later download in the same process still works"
    assert "HF_HUB_OFFLINE" not in os.environ


def test_local_folders_and_hub_ids_keep_resolving(tiny_marian: Path, tmp_path: Path) -> None:
    assert resolve(str(tiny_marian), tmp_path).path == tiny_marian.resolve()
    with pytest.raises(ModelUnavailableError, match="does not exist"):
        resolve(str(tmp_path / "nowhere"), tmp_path)
    with pytest.raises(ModelUnavailableError, match="models pull someone/model"):
        resolve("someone/model", tmp_path)
