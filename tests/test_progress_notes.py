"""Every slow step says what it is doing, also in a log; the time left is not guessed early."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.cli.progress import eta_text

KOREAN = "정부는 화요일 소상공인 지원을 확대한다고 밝혔다.\n\n이 정책은 다음 달부터 시행된다.\n"


def test_the_time_left_is_estimating_until_a_few_articles_are_done() -> None:
    assert [eta_text(10.0, done, 100) for done in (1, 2)] == ["eta estimating"] * 2
    assert eta_text(30.0, 3, 100) == "eta 970 s"
    assert eta_text(30.0, 100, 100) == "eta 0 s"


def test_a_log_hears_of_conversion_loading_and_the_first_window(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(4):
        (folder / f"a{number}.txt").write_text(f"{number}번. {KOREAN}", encoding="utf-8")
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "--models-dir", str(tmp_path / "m")]
    args += ["-t", str(tiny_marian), "-s", str(tiny_bart), "--backend", "ct2"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    said = [" ".join(line.split()) for line in result.stderr.splitlines()]
    order = [
        r"translating the first window, \d+ new sentences of 4 articles",
        r"loading the translator .* \(ct2\)…",
        r"converting .* to CTranslate2 int8 once, into .*tiny-marian.*-ct2-int8…",
        r"converted .* in \d+ s",
        r"translator loaded in [\d.]+ s",
        r"loading the summarizer .* \(ct2\)…",
        r"\[1/4\] a0: .* \(eta estimating\)",
        r"\[3/4\] a2: .* \(eta \d+ s\)",
    ]
    positions = []
    for pattern in order:
        found = [i for i, line in enumerate(said) if re.match(pattern, line)]
        assert found, (pattern, said)
        positions.append(found[0])
    assert positions == sorted(positions), said


def test_a_long_window_says_how_far_its_translation_is(
    tmp_path: Path, tiny_marian: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow model spends minutes on one window before an article is written: every finished
    batch may say how many of the window's sentences are done (at most every HEARTBEAT_SECONDS,
    here every time)."""
    from summarizer.pipeline import stream

    monkeypatch.setattr(stream, "HEARTBEAT_SECONDS", 0.0)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "".join(f"{n}번. 정부는 {n}일 지원을 확대한다고 밝혔다.\n\n" for n in range(6)),
        encoding="utf-8",
    )
    args = ["run", str(folder), "-o", str(tmp_path / "out"), "--models-dir", str(tmp_path / "m")]
    args += ["-t", str(tiny_marian), "-s", "lead-1", "--batch-size", "4", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    said = [" ".join(line.split()) for line in result.stderr.splitlines()]
    heard = [line for line in said if line.startswith("translated ")]
    assert heard and all(
        re.fullmatch(r"translated \d+ of 12 new sentences of this window in \d+ s", line)
        for line in heard
    ), said
