"""`translate`, `summarize` and the errors every bad input must give: one line, non-zero exit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

SEED = Path(__file__).resolve().parents[1] / "seeds" / "003_b1d73babfa129a0a.txt"
ENGLISH = (
    "Tesla shares jumped 6% on the Nasdaq this week after Morgan Stanley raised its price target "
    "to $400.\n\nThe bank said the Dojo supercomputer alone could add up to $500 billion to "
    "Tesla's value.\n"
)


def invoke(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def one_line_error(output: str) -> str:
    lines = [line for line in output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_translate_prints_one_paragraph_per_source_paragraph(
    tiny_marian: Path, tmp_path: Path
) -> None:
    source = tmp_path / "article.txt"
    source.write_text(
        "테슬라 주가가 급등했다. 모건스탠리가 목표를 올렸다.\n\n엔비디아는 하락했다.\n", "utf-8"
    )
    result = invoke("translate", str(source), "-t", str(tiny_marian), "--no-cache")
    assert result.exit_code == 0, result.output
    paragraphs = result.stdout.strip().split("\n\n")
    assert len(paragraphs) == 2
    assert all(p.strip() and not any("\uac00" <= c <= "\ud7a3" for c in p) for p in paragraphs)


def test_translate_writes_a_file(tiny_marian: Path, tmp_path: Path) -> None:
    out = tmp_path / "seed.en.md"
    result = invoke("translate", str(SEED), "-o", str(out), "-t", str(tiny_marian), "--no-cache")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    source_paragraphs = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    assert 10 < len(text.strip().split("\n\n")) <= len(source_paragraphs)


def test_translate_names_the_flagged_sentences(tiny_marian: Path, tmp_path: Path) -> None:
    # Random weights write nonsense, so the checks flag most sentences: the first ten flagged
    # are shown, each once with all its flags, the rest counted.
    out = tmp_path / "out.md"
    result = invoke("translate", str(SEED), "-o", str(out), "-t", str(tiny_marian), "--no-cache")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    [warning] = [line for line in lines if line.startswith("warning:")]
    assert re.fullmatch(
        r"warning: the checks flag \d+ translated sentences even after a retry:", warning
    )
    shown = [line for line in lines if line.startswith("  sentence ")]
    assert len(shown) == 10, result.stderr
    numbers = [int(line.split()[1]) for line in shown]
    assert numbers == sorted(set(numbers)), "one line per sentence, in order"
    first = re.fullmatch(r"  sentence (\d+) \((.+)\): ([a-z ]+): (.+)", shown[0])
    assert first, shown[0]
    sources = SEED.read_text("utf-8").splitlines()
    assert any(first[2].rstrip("…") in source for source in sources)
    assert re.fullmatch(r"  … and \d+ more", lines[lines.index(shown[-1]) + 1])
    assert "result.json" not in result.stderr, "translate writes no result.json to point at"


def test_summarize_english_skips_the_translator(tiny_bart: Path, tmp_path: Path) -> None:
    article = tmp_path / "english.txt"
    article.write_text(ENGLISH, encoding="utf-8")
    result = invoke(
        "summarize", str(article), "-s", str(tiny_bart), "-t", "no/such-model", "--no-cache"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_summarize_korean_translates_first(
    tiny_marian: Path, tiny_bart: Path, tmp_path: Path
) -> None:
    result = invoke(
        "summarize", str(SEED), "-t", str(tiny_marian), "-s", str(tiny_bart),
        "--cache", str(tmp_path / "c.sqlite"), "--sentences", "1",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = result.stdout.strip()
    assert summary and "\n" not in summary


def test_unavailable_model_is_one_clear_error(tmp_path: Path) -> None:
    models = tmp_path / "models"
    out = tmp_path / "out"
    result = invoke(
        "run", str(SEED.parent), "-o", str(out), "--models-dir", str(models),
        "-t", "opus-mt-tc-big-ko-en", "-s", "distilbart-cnn-12-6",
    )  # fmt: skip
    assert result.exit_code == 2
    line = one_line_error(result.output)
    assert "translator: model 'opus-mt-tc-big-ko-en (Helsinki-NLP/opus-mt-tc-big-ko-en)'" in line
    assert str(models / "opus-mt-tc-big-ko-en") in line
    assert "summarizer: model 'distilbart-cnn-12-6" in line, "every missing model, in one message"
    assert "summarizer models pull" in line and "--translator" in line
    assert not out.exists(), "reported before any work: nothing written"


def test_missing_model_folder(tmp_path: Path) -> None:
    result = invoke("translate", str(SEED), "-t", str(tmp_path / "nowhere"), "--no-cache")
    assert result.exit_code == 2
    assert "does not exist" in one_line_error(result.output)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "not found"),
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("notes.pdf", b"%PDF-1.4", "unsupported"),
    ],
)
def test_bad_inputs_give_one_line_errors(
    tmp_path: Path, tiny_marian: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = invoke("translate", str(path), "-t", str(tiny_marian), "--no-cache")
    assert result.exit_code == 1
    line = one_line_error(result.output)
    assert message in line.lower() and name in line


HEAVY = (
    "torch",
    "transformers",
    "ctranslate2",
    "ray",
    "numpy",
    "kiwipiepy",
    "trafilatura",
    "sqlite3",
    "summarizer.cache.store",
    "summarizer.scoring.comparison",
    "summarizer.scoring.report",
    "summarizer.scoring.metrics",
    "summarizer.report",
    "summarizer.checks",
    "summarizer.pipeline.core",
)
"""What `summarizer --help` must not import (benchmarks/RESULTS.md has its time)."""


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"], ["compare", "--help"]])
def test_help_is_fast_because_nothing_heavy_is_imported(args: list[str]) -> None:
    code = (
        "import runpy, sys; sys.argv = ['summarizer', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('summarizer', run_name='__main__')\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
        f"print([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    assert "Usage" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_command_line_imports_no_package_metadata_before_it_is_needed() -> None:
    code = "import sys, summarizer.cli; print('importlib.metadata' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "False"


def test_every_command_documents_itself() -> None:
    for command in ("run", "translate", "summarize", "score", "regress", "eval-mt"):
        result = invoke(command, "--help")
        assert result.exit_code == 0, command
        assert "Example" in result.output, command
