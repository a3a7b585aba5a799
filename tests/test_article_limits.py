"""Memory limits: model input limits when none is declared, article size, very long lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.cli.common import tasks_for
from summarizer.config import load_settings
from summarizer.engines.prompts import DEFAULT_INPUT_LIMIT, input_limit
from summarizer.errors import InputError, UsageError
from summarizer.text.articles import read_article
from summarizer.text.boilerplate import clean
from summarizer.text.segment import split_to_fit

LONG_LINE = ("가나다라마바사 아자차카타파하 " * 12_500)[:200_000]


def test_a_model_declaring_no_limit_gets_a_safe_default() -> None:
    unbounded = SimpleNamespace(model_max_length=int(1e30))
    assert input_limit({}, unbounded, True, 0) == DEFAULT_INPUT_LIMIT == 1024
    assert input_limit({}, unbounded, False, 200) == 1024 - 200
    declared = {"max_position_embeddings": 4096}
    assert input_limit(declared, unbounded, True, 0) == 4096


def test_an_article_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("가" * 1001, encoding="utf-8")
    assert len(read_article(path, 1001).text) == 1001
    with pytest.raises(InputError, match=r"too long \(1,001 characters; the limit is 1,000"):
        read_article(path, 1000)
    with pytest.raises(InputError, match=r"too long \(4,001 bytes"):
        path.write_bytes(b"a" * 4001)
        read_article(path, 1000)


def test_a_sparse_file_far_over_the_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 << 30)
    with pytest.raises(InputError, match=r"too long \(68,719,476,736 bytes"):
        read_article(path, 1000)


def test_models_are_chosen_without_reading_an_overlong_article(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("정부는 지원을 확대했다. " * 100, encoding="utf-8")
    assert tasks_for([path], 10_000) == ["translation", "summarization"]
    assert tasks_for([path], 100) == ["summarization"]


def test_translate_refuses_an_overlong_article_before_choosing_a_model(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("정부는 지원을 확대했다. " * 100, encoding="utf-8")
    args = ["translate", str(path), "-t", str(tmp_path / "no-such-model")]
    result = CliRunner().invoke(app, args, env={"SUMMARIZER_MAX_ARTICLE_CHARS": "100"})
    assert result.exit_code != 0
    assert "too long" in result.output and "no-such-model" not in result.output, result.output


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_only_regular_files_are_read(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "article.txt"
    if kind == "device":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    command = [sys.executable, "-m", "summarizer", "translate", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode != 0
    assert "not a regular file" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "outputs").exists()


def test_the_limit_is_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert load_settings(tmp_path).max_article_chars == 500_000
    monkeypatch.setenv("SUMMARIZER_MAX_ARTICLE_CHARS", "20")
    assert load_settings(tmp_path).max_article_chars == 20
    monkeypatch.setenv("SUMMARIZER_MAX_ARTICLE_CHARS", "0")
    with pytest.raises(UsageError, match="max_article_chars"):
        load_settings(tmp_path)


def test_an_overlong_article_fails_alone(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("정부는 지원을 확대한다고 밝혔다.\n", encoding="utf-8")
    (folder / "b.txt").write_text("정부는 지원을 확대했다. " * 200, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    result = CliRunner().invoke(app, args, env={"SUMMARIZER_MAX_ARTICLE_CHARS": "1000"})
    assert result.exit_code == 1, result.output
    assert "1 done, 1 failed" in result.output
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert index[0]["ok"] and not index[1]["ok"]
    assert "too long" in index[1]["error"] and "max_article_chars" in index[1]["error"]


def test_a_long_line_without_punctuation_is_not_the_title() -> None:
    cleaned = clean(LONG_LINE + "\n\n둘째 문단이다.\n")
    assert cleaned.title is None
    assert cleaned.paragraphs[0] == LONG_LINE.strip()
    assert clean("짧은 제목\n\n" + LONG_LINE).title == "짧은 제목"


@pytest.mark.parametrize("text", [LONG_LINE, LONG_LINE.replace(" ", "")], ids=["words", "one"])
def test_a_long_line_without_punctuation_splits_to_fit(text: str) -> None:
    pieces = split_to_fit(text, len, 300)
    assert all(0 < len(piece) <= 300 for piece in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")


def test_a_character_longer_than_the_limit_is_one_piece_not_endless_halving() -> None:
    assert split_to_fit("엔비디아 실적", lambda text: 3 * len(text), 2) == [
        "엔",
        "비",
        "디",
        "아",
        "실",
        "적",
    ]
