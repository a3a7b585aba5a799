"""`--executor ray` gives what `--executor local` gives, on a local 2-CPU Ray; a re-run over
unchanged input never starts Ray; without Ray the error names the extra."""

from __future__ import annotations

import builtins
import json
import shutil
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.executors.ray_data import pool

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
ENGLISH = (
    "The city said on Wednesday that it would open three new subway lines by 2030.\n\n"
    "Residents hoped the changes would shorten their daily commute.\n"
)


def without_timings(value: Any) -> Any:
    """A result.json or index entry with every timing left out."""
    if isinstance(value, dict):
        return {k: without_timings(v) for k, v in value.items() if k not in {"timings", "seconds"}}
    if isinstance(value, list):
        return [without_timings(v) for v in value]
    return value


def outputs(out: Path) -> dict[str, Any]:
    files: dict[str, Any] = {}
    for path in sorted(out.glob("*/*")):
        text = path.read_text(encoding="utf-8")
        name = f"{path.parent.name}/{path.name}"
        files[name] = without_timings(json.loads(text)) if path.suffix == ".json" else text
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    files["index.jsonl"] = [without_timings(json.loads(line)) for line in lines]
    return files


@pytest.fixture(scope="module")
def local_ray() -> Any:
    ray = pytest.importorskip("ray", reason="the ray executor needs the summarizer[ray] extra")
    pytest.importorskip("ray.data", reason="the ray executor needs Ray Data")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def articles(root: Path) -> Path:
    folder = root / "articles"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("refs"))
    (folder / "english.txt").write_text(ENGLISH, encoding="utf-8")
    return folder


def test_ray_gives_the_same_outputs_as_local_and_a_rerun_never_starts_ray(
    local_ray: Any,
    tmp_path: Path,
    tiny_marian: Path,
    tiny_bart: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = articles(tmp_path)
    models = ["-t", str(tiny_marian), "-s", str(tiny_bart), "--no-report"]
    runs = {}
    for executor in ("local", "ray"):
        out = tmp_path / executor
        args = ["run", str(folder), "-o", str(out), *models, "--executor", executor]
        cache = ["--cache", str(tmp_path / f"{executor}.sqlite")]  # each computes its own
        result = CliRunner().invoke(app, [*args, *cache])
        assert result.exit_code == 0, result.output
        runs[executor] = outputs(out)
    assert sorted(runs["ray"]) == sorted(runs["local"])
    assert len(runs["local"]["index.jsonl"]) == 6
    for name, expected in runs["local"].items():
        assert runs["ray"][name] == expected, name
    summaries = [v for k, v in runs["ray"].items() if k.endswith("summary.en.txt")]
    assert len(summaries) == 6 and all(s.strip() for s in summaries)

    from summarizer.executors import ray_data

    def refuse(*args: object) -> None:
        raise AssertionError("Ray was asked to run work that the cache answers")

    monkeypatch.setattr(ray_data.RayExecutor, "_dataset", refuse)
    out = tmp_path / "ray"
    args = ["run", str(folder), "-o", str(out), *models, "--executor", "ray"]
    again = CliRunner().invoke(app, [*args, "--cache", str(tmp_path / "ray.sqlite")])
    assert again.exit_code == 0, again.output
    rerun = outputs(out)["index.jsonl"]
    assert all(e["summary_cached"] for e in rerun), "the index says the rerun was cached"
    cache = {"translation_hits", "summary_cached"}

    def uncached(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in e.items() if k not in cache} for e in entries]

    assert uncached(rerun) == uncached(runs["local"]["index.jsonl"])


def test_without_ray_the_error_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_ray(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "--executor", "ray"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (
        "error: the ray executor needs Ray Data: pip install 'summarizer[ray]'"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--executor", "spark"], "unknown executor 'spark'; choose one of: local, ray"),
        (["--ray-address", "ray://head:10001"], "--ray-address needs --executor ray"),
    ],
)
def test_bad_executor_options_are_usage_errors(
    tmp_path: Path, args: list[str], message: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1


def closed_port() -> str:
    """The address of a local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"127.0.0.1:{probe.getsockname()[1]}"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("not a host", "--ray-address must be HOST:PORT or ray://HOST:PORT"),
        ("head:port", "--ray-address must be HOST:PORT"),
        ("http://head:6379", "--ray-address must be HOST:PORT"),
        (None, "cannot reach the Ray cluster at 127.0.0.1:"),
    ],
)
def test_a_bad_ray_address_is_refused_before_anything_is_created(
    tmp_path: Path, address: str | None, message: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "--executor", "ray"]
    result = CliRunner().invoke(app, [*args, "--ray-address", address or closed_port()])
    assert result.exit_code == 2, result.output
    assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_a_bad_ray_address_in_the_environment_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    monkeypatch.setenv("RAY_ADDRESS", closed_port())
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "--executor", "ray"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "(RAY_ADDRESS)" in result.output and not (tmp_path / "out").exists()


def test_the_actor_pool_leaves_a_cpu_for_reading_and_takes_every_gpu() -> None:
    assert pool({"CPU": 2.0}, "cpu") == (1, {"num_cpus": 1})
    assert pool({"CPU": 1.0}, "auto") == (1, {"num_cpus": 1})
    assert pool({"CPU": 16.0}, "auto") == (15, {"num_cpus": 1})
    assert pool({"CPU": 16.0, "GPU": 2.0}, "auto") == (2, {"num_gpus": 1})
    assert pool({"CPU": 16.0, "GPU": 2.0}, "cpu") == (15, {"num_cpus": 1})


def test_an_address_that_answers_but_not_as_ray_is_refused_at_once(tmp_path: Path) -> None:
    """Something else listening there (a web server): ray.init would wait about a minute."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()

        def answer_as_a_web_server() -> None:
            connection, _ = listener.accept()
            with connection:
                connection.recv(64)
                connection.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        threading.Thread(target=answer_as_a_web_server, daemon=True).start()
        address = f"127.0.0.1:{listener.getsockname()[1]}"
        args = ["run", str(folder), "-o", str(tmp_path / "out"), "--executor", "ray"]
        started = time.monotonic()
        result = CliRunner().invoke(app, [*args, "--ray-address", address])
    assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert result.output.strip().splitlines() == [
        f"error: cannot reach the Ray cluster at {address} (--ray-address): it answers, but not "
        "as Ray (gRPC) within 3 s; start it with `ray start --head` or fix the address"
    ]
    assert not (tmp_path / "out").exists()
