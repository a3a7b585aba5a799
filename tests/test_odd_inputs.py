"""Input folders with odd entries: names that are not UTF-8 or too long for an output folder,
link loops, broken links, FIFOs and folders named like articles. Each is named in one line and
skipped, or processed; the other articles are written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.pipeline.outputs import NAME_MAX, article_dir

TEXT = "The council met on Monday. It approved a budget. Work starts soon."


def run_lead(articles: Path, out: Path) -> tuple[int, list[str]]:
    args = ["run", str(articles), "-o", str(out), "-s", "lead-1", "--no-cache", "--no-report"]
    result = CliRunner().invoke(app, args)
    return result.exit_code, result.output.splitlines()


def indexed(out: Path) -> list[dict[str, object]]:
    lines = (out / "index.jsonl").read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_odd_entries_are_each_named_in_one_line_and_the_rest_is_done(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "good.txt").write_text(TEXT, encoding="utf-8")
    os.symlink("loop2.txt", articles / "loop1.txt")
    os.symlink("loop1.txt", articles / "loop2.txt")
    os.symlink("nowhere", articles / "broken.txt")
    os.mkfifo(articles / "pipe.txt")
    (articles / "folder.txt").mkdir()
    try:
        (articles / os.fsdecode(b"bad\xff.txt")).write_text(TEXT, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    code, lines = run_lead(articles, tmp_path / "out")
    assert code == 0, lines
    warnings = [line for line in lines if line.startswith("warning: skipped")]
    assert warnings == [
        f"warning: skipped {articles}/bad\\xff.txt: its name is not valid UTF-8; rename it",
        f"warning: skipped {articles}/broken.txt: a broken symbolic link",
        f"warning: skipped {articles}/folder.txt: a folder, not a file",
        f"warning: skipped {articles}/loop1.txt: a loop of symbolic links",
        f"warning: skipped {articles}/loop2.txt: a loop of symbolic links",
        f"warning: skipped {articles}/pipe.txt: a FIFO (named pipe), not a file",
    ]
    assert [entry["stem"] for entry in indexed(tmp_path / "out")] == ["good"]
    assert (tmp_path / "out" / "good" / "summary.en.txt").is_file()


def test_a_name_too_long_for_its_output_folder_is_shortened_with_a_hash(tmp_path: Path) -> None:
    articles = tmp_path / "in"
    articles.mkdir()
    stems = ["index.jsonl-" + "x" * 239, "index.jsonl-" + "가" * 79 + "a", "cache.sqlite", "short"]
    for stem in stems:
        (articles / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
    code, lines = run_lead(articles, tmp_path / "out")
    assert code == 0, lines
    folders = {str(entry["dir"]) for entry in indexed(tmp_path / "out")}
    assert len(folders) == 4 and "short" in folders
    assert all(len(name.encode()) <= NAME_MAX for name in folders)
    assert all((tmp_path / "out" / name / "result.json").is_file() for name in folders)
    assert article_dir(stems[0]).endswith("~article")
    long_a, long_b = "가" * 100 + "a", "가" * 100 + "b"
    assert article_dir(long_a) == article_dir(long_a) != article_dir(long_b)
    assert len(article_dir("x" * 300, "~12").encode()) == NAME_MAX
