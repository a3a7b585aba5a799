"""Line-aligned files (`check`, `eval-mt`) split at "\n" only, as `wc -l` counts."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.scoring.evaluate import read_test_set
from summarizer.text.lines import split_lines

# Characters str.splitlines breaks at that may stand inside a sentence.
INNER_BREAKS = ("\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1c", "\r")


def test_only_newlines_split() -> None:
    text = "".join(f"a{c}b\n" for c in INNER_BREAKS)
    assert split_lines(text) == [f"a{c}b" for c in INNER_BREAKS]
    assert split_lines("one\r\ntwo\r\n") == ["one", "two"]
    assert split_lines("one\n\nthree") == ["one", "", "three"]
    assert split_lines("") == []


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """Twenty lines each; seven Korean lines carry a character str.splitlines breaks at."""
    korean = [f"서울 시장이 {n}일 발표했다." for n in range(20)]
    for n, char in enumerate(INNER_BREAKS):
        korean[n] = korean[n].replace(" ", char, 1)
    english = [f"The mayor of Seoul announced it on the {n}th." for n in range(20)]
    source, target = tmp_path / "ko.txt", tmp_path / "en.txt"
    source.write_bytes(("\n".join(korean) + "\n").encode())
    target.write_bytes(("\n".join(english) + "\n").encode())
    return source, target


def test_check_reads_twenty_lines_as_twenty(tmp_path: Path) -> None:
    source, target = _pair(tmp_path)
    result = CliRunner().invoke(
        app, ["check", "--source", str(source), "--target", str(target), "--json"]
    )
    assert result.exit_code in (0, 1), result.output
    assert result.stdout.count('"index"') == 20


def test_eval_mt_reads_twenty_lines_as_twenty(tmp_path: Path) -> None:
    source, target = _pair(tmp_path)
    sources, references = read_test_set(source, target)
    assert len(sources) == len(references) == 20
    assert sources[0] == "서울\u2028시장이 0일 발표했다."
