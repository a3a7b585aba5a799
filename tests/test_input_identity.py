"""The same article is the same article wherever the command starts: runs record absolute
paths, and folders written by earlier versions (paths as typed) stay readable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from summarizer.cli import app
from summarizer.pipeline.sources import same_source
from summarizer.scoring.runs import articles_folder

ARTICLES = {
    "a.txt": "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n",
    "b.txt": "서울시는 지하철 노선 세 개를 새로 연다고 발표했다.\n",
}


def run(folder: str, out: str, models: tuple[Path, Path]) -> Result:
    args = ["run", folder, "-o", out, "-t", str(models[0]), "-s", str(models[1]), "--no-report"]
    return CliRunner().invoke(app, args)


def entries(out: Path) -> list[dict[str, object]]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`base/` with two articles, and `x/y/` to start a second run from; the current folder is
    the root."""
    (tmp_path / "base").mkdir()
    for name, text in ARTICLES.items():
        (tmp_path / "base" / name).write_text(text, encoding="utf-8")
    (tmp_path / "x" / "y").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_run_from_another_folder_finds_its_articles_again(
    root: Path, monkeypatch: pytest.MonkeyPatch, tiny_marian: Path, tiny_bart: Path
) -> None:
    models = (tiny_marian, tiny_bart)
    assert run("base", "out", models).exit_code == 0
    monkeypatch.chdir(root / "x" / "y")
    again = run("../../base", "../../out", models)
    assert again.exit_code == 0, again.output
    out = root / "out"
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["a", "b"], "no a~2, b~2"
    found = entries(out)
    assert [e["path"] for e in found] == [str(root / "base" / n) for n in sorted(ARTICLES)]
    for entry in found:
        result = json.loads((out / str(entry["dir"]) / "result.json").read_text())
        assert result["article"]["path"] == entry["path"]
    assert articles_folder(out) == root / "base", "compare reads the folder"


def test_an_outputs_folder_of_an_earlier_version_is_found_from_another_folder(
    root: Path, monkeypatch: pytest.MonkeyPatch, tiny_marian: Path, tiny_bart: Path
) -> None:
    models = (tiny_marian, tiny_bart)
    assert run("base", "out", models).exit_code == 0
    out = root / "out"
    # What an earlier version wrote: the paths as typed, relative to the root.
    lines = []
    for entry in entries(out):
        relative = str(Path(str(entry["path"])).relative_to(root))
        lines.append(json.dumps({**entry, "path": relative}) + "\n")
        result_file = out / str(entry["dir"]) / "result.json"
        result = json.loads(result_file.read_text())
        result["article"]["path"] = relative
        result_file.write_text(json.dumps(result))
    (out / "index.jsonl").write_text("".join(lines))
    assert articles_folder(out) == Path("base"), "an older index is read as before"

    monkeypatch.chdir(root / "x" / "y")
    again = run("../../base", "../../out", models)
    assert again.exit_code == 0, again.output
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["a", "b"]
    assert [e["path"] for e in entries(out)] == [str(root / "base" / n) for n in sorted(ARTICLES)]


def test_which_recorded_paths_name_an_article(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = root / "base" / "a.txt"
    assert same_source(str(article), article)
    assert same_source(str(root / "x" / ".." / "base" / "a.txt"), article)
    assert same_source("base/a.txt", article), "relative to here"
    assert same_source("base/a.txt", Path("x/y/../../base/a.txt"))
    assert same_source("../../base/a.txt", article), "typed from elsewhere, names nothing here"
    assert not same_source("a.txt", article), "a bare file name could be any folder's"
    assert not same_source("other/a.txt", article)
    assert not same_source(str(root / "other" / "a.txt"), article)
    (root / "x" / "base").mkdir()
    (root / "x" / "base" / "a.txt").write_text("another article")
    monkeypatch.chdir(root / "x")
    assert not same_source("base/a.txt", article), "it names another file from here"
    assert same_source("../base/a.txt", article)
