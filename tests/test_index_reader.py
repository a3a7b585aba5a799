"""index.jsonl read by one reader in every command: a line cut short names FILE:LINE in one
warning and is left out, the others are read; a path holding U+2028 stays one line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.pipeline.index import index_entries

STEMS = ("a", "b\u2028c", "d")


def invoke(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output.splitlines()


def test_a_truncated_line_is_named_and_the_rest_is_read(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    (articles / "refs").mkdir(parents=True)
    for i, stem in enumerate(STEMS):
        text = f"Council {i} met on Monday. It approved budget {i}. Work starts soon."
        (articles / f"{stem}.txt").write_text(text, encoding="utf-8")
        (articles / "refs" / f"{stem}.summary.en.txt").write_text(text, encoding="utf-8")
    out, again = tmp_path / "out", tmp_path / "again"
    for target in (out, again):
        code, lines = invoke("run", str(articles), "-o", str(target), "-s", "lead-1", "--no-cache")
        assert code == 0, lines
    assert [entry["stem"] for entry in index_entries(out)] == list(STEMS)
    index = out / "index.jsonl"
    index.write_bytes(index.read_bytes()[:-20])
    warning = f"warning: {index}:3 is left out: not JSON"
    for command in (
        ("report", str(out)),
        ("check", str(out)),
        ("score", str(articles), "-o", str(out)),
        ("compare", str(out), str(again), str(articles)),
    ):
        code, lines = invoke(*command)
        assert code == 0, (command, lines)
        assert [line for line in lines if line.startswith("warning: ")][:1] == [
            line for line in lines if line.startswith(warning)
        ], (command, lines)
        assert len([line for line in lines if line.startswith(warning)]) == 1, (command, lines)
    code, lines = invoke("run", str(articles), "-o", str(out), "-s", "lead-1", "--no-cache")
    assert code == 0 and sum(line.startswith(warning) for line in lines) == 1, lines
    assert [entry["stem"] for entry in index_entries(out)] == list(STEMS)
