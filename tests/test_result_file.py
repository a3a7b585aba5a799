"""result.json read back through its schema: a hand-edited one (wrong types) or one of another
schema version is named with its file and field in one line, and a later run remakes it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.pipeline.result_file import read_result

AGAIN = "run `summarizer run` again to remake it"
EDITS: dict[str, dict[str, Any]] = {
    "a": {"removed": [{"line": "1", "text": "x", "reason": "dateline"}]},
    "b": {"timings": {"total_s": "slow"}},
    "c": {"cache": "yes"},
    "d": {"summary_flags": {"check": "x"}},
}
WHERE = {
    "a": "removed[0].line: Input should be a valid integer",
    "b": "timings.total_s: Input should be a valid number",
    "c": "cache: should be an object",
    "d": "summary_flags: Input should be a valid list",
    "e": "segments[0].flags: Input should be a valid list",
}


def invoke(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def run_lead(tmp_path: Path) -> tuple[Path, list[str]]:
    articles, out = tmp_path / "articles", tmp_path / "out"
    articles.mkdir(exist_ok=True)
    for stem in "abcde":
        text = f"Council {stem} met on Monday. It approved a budget. Work starts soon."
        (articles / f"{stem}.txt").write_text(text, encoding="utf-8")
    args = ["run", str(articles), "-o", str(out), "-s", "lead-1"]
    code, lines = invoke(*args, "--cache", str(tmp_path / "cache.sqlite"))
    assert code == 0, lines
    return out, lines


def edit(out: Path, stem: str, change: dict[str, Any]) -> Path:
    path = out / stem / "result.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    if stem == "e":
        data["segments"][0]["flags"] = "none"
    path.write_text(json.dumps(data | change), encoding="utf-8")
    return path


def test_a_hand_edited_result_is_named_by_file_and_field_and_remade(tmp_path: Path) -> None:
    out, _ = run_lead(tmp_path)
    paths = {stem: edit(out, stem, EDITS.get(stem, {})) for stem in "abcde"}
    code, lines = invoke("report", str(out))
    assert code == 0
    assert [line for line in lines if line.startswith("warning:")] == [
        f"warning: {paths[stem]}: {WHERE[stem]}; {AGAIN}" for stem in "abcde"
    ]
    code, lines = invoke("check", str(out))
    assert code == 1
    assert lines[:5] == [
        f"{stem}: not checked: {paths[stem]}: {WHERE[stem]}; {AGAIN}" for stem in "abcde"
    ]
    _, lines = run_lead(tmp_path)
    assert not [line for line in lines if line.startswith("warning:")], lines
    for path in paths.values():
        data = read_result(path)
        assert isinstance(data["timings"]["total_s"], float) and isinstance(data["cache"], dict)


def test_a_result_of_another_schema_version_is_refused_in_one_line(tmp_path: Path) -> None:
    out, _ = run_lead(tmp_path)
    path = edit(out, "a", {"schema": 2})
    code, lines = invoke("check", str(out))
    assert code == 1
    assert lines == [
        f"a: not checked: {path} is of result schema 2; this version reads schema 1 only: {AGAIN}",
        "0 of 8 flagged; 1 article not checked",
    ]
