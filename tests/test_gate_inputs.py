"""The regress gate never passes, or reports a regression, on a broken baseline or tolerance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import UsageError
from summarizer.scoring import ArticleScores, Score, ScoreReport, Signature, compare
from summarizer.scoring.baseline import read_baseline, write_baseline
from summarizer.scoring.signature import MetricSignature


def sound_report() -> ScoreReport:
    rouge = MetricSignature.parse("nrefs:1|version:0.1.2")
    article = ArticleScores("a", {"rouge1": Score(0.5, 0.4, 0.6)}, "")
    return ScoreReport(
        [article], {"rouge1": Score(0.5, 0.4, 0.6)}, Signature({"rouge": rouge}, {}), []
    )


def stored(tmp_path: Path, edit: object) -> Path:
    """A sound baseline file, then `edit(data)` applied to its JSON."""
    path = tmp_path / "baseline.json"
    write_baseline(path, sound_report())
    data = json.loads(path.read_text())
    edit(data)  # type: ignore[operator]
    path.write_text(json.dumps(data))  # json.dumps writes NaN and -Infinity as Python does
    return path


def test_a_sound_baseline_reads_back(tmp_path: Path) -> None:
    assert read_baseline(stored(tmp_path, lambda d: None)) == sound_report()


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["means"]["rouge1"].update(value=float("nan")),
        lambda d: d["means"]["rouge1"].update(value=float("-inf")),
        lambda d: d["articles"][0]["scores"]["rouge1"].update(value=float("inf")),
        lambda d: d["articles"][0]["scores"]["rouge1"].update(recall=float("nan")),
        lambda d: d.update(means={}, articles=[]),
        lambda d: d["means"]["rouge1"].update(value="high"),
    ],
    ids=["nan-mean", "minus-inf-mean", "inf-article", "nan-recall", "empty", "string"],
)
def test_a_broken_baseline_is_a_usage_error(tmp_path: Path, edit: object) -> None:
    with pytest.raises(UsageError, match="cannot use baseline"):
        read_baseline(stored(tmp_path, edit))


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b'{"someone": "else"}', b"[1, 2]"],
    ids=["corrupt", "binary", "foreign", "list"],
)
def test_a_corrupt_or_foreign_baseline_exits_2(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "baseline.json"
    path.write_bytes(content)
    with pytest.raises(UsageError):
        read_baseline(path)
    folder = tmp_path / "in"
    folder.mkdir()
    result = CliRunner().invoke(app, ["regress", str(folder), "--baseline", str(path)])
    assert result.exit_code == 2, result.output
    assert "cannot use baseline" in result.output and "Traceback" not in result.output


def test_an_unreadable_baseline_exits_2(tmp_path: Path) -> None:
    folder = tmp_path / "baseline.json"
    (folder / "x").mkdir(parents=True)  # a folder where the file should be
    result = CliRunner().invoke(app, ["regress", str(tmp_path), "--baseline", str(folder)])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_non_finite_or_negative_tolerances_are_rejected(value: str) -> None:
    report = sound_report()
    with pytest.raises(UsageError, match="finite"):
        compare(report, report, {"rouge1": float(value)})
    with pytest.raises(UsageError, match="finite"):
        compare(report, report, float(value))


@pytest.mark.parametrize("option", ["--metric-tolerance=rouge1=nan", "--tolerance=nan"])
def test_nan_tolerance_on_the_command_line_exits_2(tmp_path: Path, option: str) -> None:
    baseline = stored(tmp_path, lambda d: None)
    result = CliRunner().invoke(app, ["regress", str(tmp_path), "-b", str(baseline), option])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "PASS" not in result.output


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (lambda d: d["means"]["rouge1"].update(value=-1e308), "means.rouge1.value is -1e+308"),
        (lambda d: d["means"]["rouge1"].update(value=True), "means.rouge1.value is true"),
        (lambda d: d["means"]["rouge1"].update(value="0.5"), 'means.rouge1.value is "0.5"'),
        (
            lambda d: d["articles"][0]["scores"]["rouge1"].update(recall=1.5),
            "articles[0].scores.rouge1.recall is 1.5",
        ),
    ],
    ids=["huge-negative", "boolean", "string-number", "over-one"],
)
def test_a_baseline_value_outside_its_metric_is_named_in_one_line(
    tmp_path: Path, edit: object, why: str
) -> None:
    path = stored(tmp_path, edit)
    folder = tmp_path / "in"
    folder.mkdir()
    result = CliRunner().invoke(app, ["regress", str(folder), "--baseline", str(path)])
    assert result.exit_code == 2, result.output
    assert result.output.replace("\n", "").startswith(f"error: cannot use baseline {path}: {why}")
    assert result.output.count("error:") == 1 and "Warning" not in result.output
