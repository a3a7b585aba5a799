"""Shared pytest fixtures; tests run offline against tiny models built on the fly."""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

# Set before anything imports huggingface_hub/transformers: never touch the network or the
# user's model cache, so tests behave the same on every machine.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
os.environ["HF_HOME"] = tempfile.mkdtemp(prefix="summarizer-tests-hf-")
atexit.register(shutil.rmtree, os.environ["HF_HOME"], ignore_errors=True)
# Converted models (CTranslate2) go to a temporary models folder, not the checkout's models/.
os.environ["SUMMARIZER_MODELS_DIR"] = tempfile.mkdtemp(prefix="summarizer-tests-models-")
atexit.register(shutil.rmtree, os.environ["SUMMARIZER_MODELS_DIR"], ignore_errors=True)
# The shared per-user cache (summarizer.cache.location) goes to a temporary folder, never the
# user's: XDG_CACHE_HOME here for the session, and a fresh one per test (`own_user_cache`).
os.environ.pop("SUMMARIZER_CACHE", None)
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="summarizer-tests-xdg-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)
# GGUF files joined from package slices go to a temporary folder, joined once per session.
os.environ["SUMMARIZER_GGUF_CACHE"] = tempfile.mkdtemp(prefix="summarizer-tests-gguf-")
atexit.register(shutil.rmtree, os.environ["SUMMARIZER_GGUF_CACHE"], ignore_errors=True)
# Tiny models spend their time in thread hand-offs: one thread each is faster and keeps test
# subprocesses from fighting over the two cores.
os.environ.setdefault("OMP_NUM_THREADS", "1")
# The checkout these tests live in is the code under test, in test subprocesses too, whichever
# checkout the package was installed from: a second clone or worktree tests its own code.
CHECKOUT = str(Path(__file__).resolve().parents[1])
sys.path.insert(0, CHECKOUT)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [CHECKOUT, os.environ.get("PYTHONPATH")]))

from tiny_models import (  # noqa: E402
    build_bart,
    build_llama_chat,
    build_m2m100,
    build_marian,
    build_t5,
)


def pytest_configure(config: pytest.Config) -> None:
    """MarianTokenizer warns on every load when the optional sacremoses is missing."""
    config.addinivalue_line("filterwarnings", "ignore:Recommended. pip install sacremoses")


@pytest.fixture(autouse=True)
def own_user_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Each test starts with an empty user cache of its own, as each had an empty outputs folder
    when the cache lived there."""
    from summarizer.cache.location import user_cache_file

    folder = tmp_path_factory.mktemp("xdg-cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    assert user_cache_file().is_relative_to(folder), "the user cache must follow XDG_CACHE_HOME"
    return user_cache_file()


@pytest.fixture(scope="session")
def tiny_marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny Korean->English MarianMT (max 64 positions)."""
    return build_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def tiny_marian_short(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny MarianMT limited to 24 positions, to exercise input splitting."""
    return build_marian(tmp_path_factory.mktemp("tiny-marian-short"), max_positions=24)


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny distilbart-cnn-like summarizer (max 128 positions)."""
    return build_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_bart_short(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Tiny BART limited to 48 positions, to exercise map-reduce summarization."""
    return build_bart(tmp_path_factory.mktemp("tiny-bart-short"), max_positions=48)


@pytest.fixture(scope="session")
def tiny_t5(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny t5-small-like model with a ``summarize: `` prefix."""
    return build_t5(tmp_path_factory.mktemp("tiny-t5"))


@pytest.fixture(scope="session")
def tiny_llama(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny Llama chat model with a ChatML template."""
    return build_llama_chat(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def tiny_m2m100(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of a tiny multilingual M2M100 (language-code tokens)."""
    return build_m2m100(tmp_path_factory.mktemp("tiny-m2m100"))


SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="session")
def seeds_run(
    tmp_path_factory: pytest.TempPathFactory, tiny_marian: Path, tiny_bart: Path
) -> dict[str, object]:
    """`summarizer run` over a copy of the five seeds with the tiny models, run twice."""
    from typer.testing import CliRunner

    from summarizer.cli import app

    root = tmp_path_factory.mktemp("seeds-run")
    articles = root / "articles"
    shutil.copytree(SEEDS, articles, ignore=shutil.ignore_patterns("refs"))
    out = root / "outputs"
    cache = out / "cache.sqlite"
    args = ["run", str(articles), "-o", str(out), "--cache", str(cache)]
    args += ["-t", str(tiny_marian), "-s", str(tiny_bart)]
    first = CliRunner().invoke(app, args)
    second = CliRunner().invoke(app, args)
    return {"articles": articles, "out": out, "first": first, "second": second, "args": args}


@pytest.fixture
def network_attempts(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Online mode for the hub client, with every DNS lookup or connection recorded and refused."""
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("network access in a test")

    from huggingface_hub import constants

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def embedded_models_dir(preset: str) -> Path:
    """The session's models folder with the embedded `preset` prepared in it (once per session,
    as a user's first run prepares it); the test skips when its package is not installed."""
    from summarizer.models import embedded
    from summarizer.models.presets import PRESETS
    from summarizer.models.spec import resolve

    chosen = PRESETS[preset]
    if embedded.package_version(chosen) is None:
        pytest.skip(f"{preset} needs `{embedded.install_hint(chosen)}`")
    models = Path(os.environ["SUMMARIZER_MODELS_DIR"])
    resolve(preset, models)
    return models


@pytest.fixture(scope="session")
def gemma_models() -> Path:
    """Models folder holding the prepared embedded Korean→English model gemma3-270m."""
    return embedded_models_dir("gemma3-270m")


@pytest.fixture(scope="session")
def qwen_models() -> Path:
    """Models folder holding the prepared embedded qwen2.5-coder-1.5b."""
    return embedded_models_dir("qwen2.5-coder-1.5b")


@pytest.fixture(scope="session")
def smollm2_models() -> Path:
    """Models folder holding the prepared embedded summarizer smollm2."""
    return embedded_models_dir("smollm2")
