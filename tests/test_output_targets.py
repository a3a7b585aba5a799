"""Files the commands are asked to write: checked before any work, never the tool's own files;
special files are written through and symbolic links followed."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from summarizer.cache.store import Cache
from summarizer.cli import app

KOREAN = "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result) -> str:
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.output
    return lines[0]


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    path = tmp_path / "cc.sqlite"
    with Cache(path) as opened:
        opened.put_many("translation", "fp", "opus", {"하나": "one"})
    return path


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An outputs folder with one article."""
    folder = tmp_path / "out"
    (folder / "a").mkdir(parents=True)
    entry = {"stem": "a", "path": str(tmp_path / "a.txt"), "ok": False, "error": "unreadable"}
    (folder / "index.jsonl").write_text(json.dumps(entry) + "\n", encoding="utf-8")
    (folder / "a" / "result.json").write_text("{}", encoding="utf-8")
    return folder


def snapshot(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any model looked for or any scoring means work began before the check."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("work began before the output path was checked")

    for target in (
        "summarizer.cli.pipeline_commands.prepare_models",
        "summarizer.cli.evaluate_commands.prepare_models",
        "summarizer.scoring.runs.compare_runs",
    ):
        monkeypatch.setattr(target, refuse)


def test_cache_export_refuses_the_cache_and_its_files(cache: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with Cache(other):
        pass
    before = snapshot(tmp_path)
    link = tmp_path / "link.jsonl"
    link.symlink_to(cache)
    for target in (cache, Path(f"{cache}-wal"), link, other):
        result = invoke("cache", "export", str(target), "--cache", str(cache))
        assert result.exit_code == 2, result.output
        assert f"refusing to write the cache export {target}" in one_line_error(result)
    link.unlink()
    assert snapshot(tmp_path) == before
    with Cache(cache) as opened, pytest.raises(Exception, match="its own files"):
        opened.export(cache)


def test_report_and_compare_refuse_the_files_of_an_outputs_folder(
    out: Path, tmp_path: Path, no_work: None
) -> None:
    before = snapshot(out)
    for target in (out / "index.jsonl", out / "a" / "result.json", out / "scores.json"):
        for args in (
            ("report", str(out), "-o", str(target)),
            ("compare", str(out), str(out), "--html", str(target)),
        ):
            result = invoke(*args)
            assert result.exit_code == 2, result.output
            assert "refusing to write" in one_line_error(result)
    assert snapshot(out) == before
    assert invoke("report", str(out), "-o", str(out / "report.html")).exit_code == 0, "its own"
    assert (out / "report.html").is_file()


def test_folders_and_paths_under_files_are_refused_before_any_work(
    tmp_path: Path, tiny_marian: Path, no_work: None
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(KOREAN, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    under_a_file = article / "out.md"
    model = ["-t", str(tiny_marian), "--no-cache"]
    for option, args in (
        ("-o", ["translate", str(article), *model, "-o"]),
        ("--hypotheses", ["eval-mt", str(article), str(article), *model, "--hypotheses"]),
    ):
        result = invoke(*args, str(folder))
        assert result.exit_code == 2, result.output
        assert (
            one_line_error(result) == f"error: {option} {folder} is a folder; name a file to write"
        )
        result = invoke(*args, str(under_a_file))
        assert result.exit_code == 2, result.output
        assert f"{article} is a file, not a folder" in one_line_error(result)
    assert list(folder.iterdir()) == []


def test_special_files_are_written_through_and_links_followed(
    tmp_path: Path, tiny_marian: Path, out: Path
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(KOREAN, encoding="utf-8")
    model = ["-t", str(tiny_marian), "--no-cache"]
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)  # a special file of the test's own: never a system device
    received: list[bytes] = []

    def read() -> None:
        with fifo.open("rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = invoke("translate", str(article), *model, "-o", str(fifo))
    if reader.is_alive():  # nothing opened the FIFO for writing: let the reader go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode), "the FIFO is still a FIFO"
    assert received and received[0].decode("utf-8").strip(), "written through"

    target, link = tmp_path / "target.md", tmp_path / "link.md"
    target.write_text("old", encoding="utf-8")
    link.symlink_to(target)
    result = invoke("translate", str(article), *model, "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8") not in ("", "old")

    index = out / "index.jsonl"
    to_index = tmp_path / "to-index.md"
    to_index.symlink_to(index)
    before = index.read_bytes()
    result = invoke("translate", str(article), *model, "-o", str(to_index))
    assert result.exit_code == 2 and "refusing to write" in one_line_error(result)
    assert index.read_bytes() == before
