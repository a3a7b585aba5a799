"""`score`, `regress` and `eval-mt` through the CLI, on a tiny-model run over the seeds."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import sacrebleu
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.scoring import score_outputs

REFS = Path(__file__).resolve().parents[1] / "seeds" / "refs"
NTREX = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128"


@pytest.fixture()
def workspace(seeds_run: dict[str, Any], tmp_path: Path) -> dict[str, Path]:
    """A private copy of the tiny-model run (outputs and cache) with the seed references."""
    articles = tmp_path / "articles"
    shutil.copytree(seeds_run["articles"], articles)
    shutil.copytree(REFS, articles / "refs")
    out = tmp_path / "outputs"
    shutil.copytree(seeds_run["out"], out)
    return {"articles": articles, "out": out, "tmp": tmp_path}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_score_json_matches_the_library_and_is_saved(workspace: dict[str, Path]) -> None:
    result = invoke("score", str(workspace["articles"]), "-o", str(workspace["out"]), "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    direct = score_outputs(workspace["out"], workspace["articles"]).to_dict()
    assert printed == direct
    assert len(printed["articles"]) == 5
    assert {"rouge1", "rouge2", "rougeL", "rougeLsum", "chrf", "bleu"} <= set(printed["means"])
    saved = json.loads((workspace["out"] / "scores.json").read_text(encoding="utf-8"))
    assert saved == direct


def test_score_csv_and_table(workspace: dict[str, Path]) -> None:
    args = ("score", str(workspace["articles"]), "-o", str(workspace["out"]))
    rows = list(csv.reader(io.StringIO(invoke(*args, "--csv").stdout)))
    assert rows[0][:3] == ["article", "rouge1", "rouge2"]
    assert [row[0] for row in rows[1:]] == [
        *sorted(p.stem for p in workspace["articles"].glob("*.txt")),
        "mean",
    ]
    table = invoke(*args)
    assert table.exit_code == 0
    assert "rougeLsum" in table.output and "signature:" in table.output


def test_score_output_is_short_uniform_and_says_what_it_ignores(
    workspace: dict[str, Path],
) -> None:
    articles = workspace["articles"]
    first = sorted(articles.glob("*.txt"))[0]
    first.rename(first.with_suffix(".md"))  # scored like `run` reads it
    args = ("score", str(articles), "-o", str(workspace["out"]))
    as_csv = invoke(*args, "--csv")
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[1][0] == first.stem and len(rows) == 7
    numbers = [cell for row in rows[1:] for cell in row[1:] if cell]
    assert numbers and all(re.fullmatch(r"\d+\.\d{6}", cell) for cell in numbers), numbers
    table = invoke(*args)
    assert table.exit_code == 0, table.output
    [models] = [line for line in table.stdout.splitlines() if line.startswith("models: ")]
    assert len(models) < 240, models
    assert "translator=" in models and "sha256:" in models and "num_beams" not in models
    full = json.loads(invoke(*args, "--json").stdout)["signature"]["models"]
    assert any(key.endswith("decoding.num_beams") for key in full)
    warning = " ".join(as_csv.stderr.split())
    assert "Korean reference summaries (.summary.ko.txt) of 1 article ignored" in warning
    assert "004_1b2b9625ca6c8abe" in warning and "summary.ko.txt" in warning


def test_ignored_korean_references_are_mentioned_once_per_outputs_folder(
    workspace: dict[str, Path],
) -> None:
    args = ("score", str(workspace["articles"]), "-o", str(workspace["out"]))
    first = " ".join(invoke(*args).stderr.split())
    assert "summary.ko.txt" in first and "to score one, save it as" in first
    assert "summary.ko.txt" not in invoke(*args).stderr
    assert "summary.ko.txt" not in invoke(*args, "--json").stderr
    korean = workspace["articles"] / "refs" / "004_1b2b9625ca6c8abe.summary.ko.txt"
    stem = sorted(p.stem for p in workspace["articles"].glob("*.txt"))[0]
    korean.with_name(f"{stem}.summary.ko.txt").write_text("요약.", encoding="utf-8")
    again = " ".join(invoke(*args).stderr.split())
    assert "of 2 articles ignored" in again, "said again when another article has one"


def regress(workspace: dict[str, Path], tiny: tuple[Path, Path], *extra: str) -> Any:
    marian, bart = tiny
    return invoke(
        "regress", str(workspace["articles"]), "-o", str(workspace["out"]),
        "--baseline", str(workspace["tmp"] / "baseline.json"),
        "-t", str(marian), "-s", str(bart), *extra,
    )  # fmt: skip


def test_regress_gate(workspace: dict[str, Path], tiny_marian: Path, tiny_bart: Path) -> None:
    tiny = (tiny_marian, tiny_bart)
    missing = regress(workspace, tiny)
    assert missing.exit_code == 2 and "--update-baseline" in missing.output

    created = regress(workspace, tiny, "--update-baseline")
    assert created.exit_code == 0, created.output
    baseline_file = workspace["tmp"] / "baseline.json"
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))

    same = regress(workspace, tiny)
    assert same.exit_code == 0, same.output
    assert "PASS: 0 regressions" in same.output
    finished = [line for line in same.output.splitlines() if re.match(r"\[\d+/\d+\] ", line)]
    assert finished and finished[-1].startswith("[5/5] "), "a line per article in a log"

    raised = json.loads(json.dumps(baseline))
    raised["means"]["rouge1"]["value"] += 0.5
    translated = next(a for a in raised["articles"] if "chrf" in a["scores"])
    translated["scores"]["chrf"]["value"] = 99.0
    baseline_file.write_text(json.dumps(raised), encoding="utf-8")
    dropped = regress(workspace, tiny)
    assert dropped.exit_code == 1, dropped.output
    assert "Regressions" in dropped.output and "FAIL" in dropped.output
    record = json.loads((workspace["out"] / "regress.json").read_text(encoding="utf-8"))
    regressions = [c for c in record["comparison"]["changes"] if c["status"] == "regression"]
    assert {(c["scope"], c["metric"]) for c in regressions} >= {
        ("(mean)", "rouge1"),
        (translated["stem"], "chrf"),
    }

    loose = regress(
        workspace, tiny, "--metric-tolerance", "rouge1=0.6", "--metric-tolerance", "chrf=1"
    )
    assert loose.exit_code == 0, loose.output

    lowered = json.loads(json.dumps(baseline))
    lowered["means"]["rouge1"]["value"] = 0.0  # a baseline value stays within its metric's range
    baseline_file.write_text(json.dumps(lowered), encoding="utf-8")
    better = regress(workspace, tiny, "--metric-tolerance", "rouge1=0")
    assert better.exit_code == 0 and "Improvements" in better.output


def test_regress_refuses_a_different_signature(
    workspace: dict[str, Path], tiny_marian: Path, tiny_bart: Path
) -> None:
    tiny = (tiny_marian, tiny_bart)
    assert regress(workspace, tiny, "--update-baseline").exit_code == 0
    baseline_file = workspace["tmp"] / "baseline.json"
    baseline = json.loads(baseline_file.read_text(encoding="utf-8"))
    baseline["signature"]["models"]["translator.decoding.num_beams"] = "6"
    baseline_file.write_text(json.dumps(baseline), encoding="utf-8")
    refused = regress(workspace, tiny)
    assert refused.exit_code == 2, refused.output
    assert "translator.decoding.num_beams" in refused.output
    allowed = regress(workspace, tiny, "--allow-signature-change")
    assert allowed.exit_code == 0, allowed.output


def test_bad_tolerance_is_a_usage_error(
    workspace: dict[str, Path], tiny_marian: Path, tiny_bart: Path
) -> None:
    result = regress(workspace, (tiny_marian, tiny_bart), "--metric-tolerance", "rouge1")
    assert result.exit_code == 2
    assert "METRIC=NUMBER" in result.output


@pytest.mark.skipif(not NTREX.is_dir(), reason="NTREX-128 lives in ../shared, absent here")
def test_eval_mt_recipe_on_an_ntrex_slice(tiny_marian: Path, tmp_path: Path) -> None:
    hyp = tmp_path / "hyp.txt"
    result = invoke(
        "eval-mt", str(NTREX / "newstest2019-ref.kor.txt"), str(NTREX / "newstest2019-src.eng.txt"),
        "--limit", "12", "-t", str(tiny_marian), "--hypotheses", str(hyp),
        "--cache", str(tmp_path / "c.sqlite"), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert report["sentences"] == 12
    hypotheses = hyp.read_text(encoding="utf-8").splitlines()
    assert len(hypotheses) == 12 and all(hypotheses)
    references = (NTREX / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()[:12]
    assert (
        report["scores"]["bleu"]["value"] == sacrebleu.corpus_bleu(hypotheses, [references]).score
    )
    assert (
        report["scores"]["chrf"]["value"] == sacrebleu.corpus_chrf(hypotheses, [references]).score
    )
    assert report["scores"]["bleu"]["signature"].startswith("nrefs:1|case:mixed")


def test_eval_mt_rejects_misaligned_files(tmp_path: Path, tiny_marian: Path) -> None:
    src, ref = tmp_path / "src.txt", tmp_path / "ref.txt"
    src.write_text("테슬라 주가가 급등했다.\n엔비디아\n", encoding="utf-8")
    ref.write_text("Tesla rose.\n", encoding="utf-8")
    result = invoke("eval-mt", str(src), str(ref), "-t", str(tiny_marian), "--no-cache")
    assert result.exit_code == 2
    assert "sentence-aligned" in result.output


def test_eval_mt_prints_a_plain_line_at_each_tenth_in_a_log(
    tmp_path: Path, tiny_marian: Path
) -> None:
    src, ref = tmp_path / "src.txt", tmp_path / "ref.txt"
    src.write_text("".join(f"서울 버스 요금이 {i}월에 오른다.\n" for i in range(20)), "utf-8")
    ref.write_text("".join(f"Seoul bus fares rise in month {i}.\n" for i in range(20)), "utf-8")
    result = invoke(
        "eval-mt", str(src), str(ref), "-t", str(tiny_marian), "--no-cache", "--batch-size", "2"
    )
    assert result.exit_code == 0, result.output
    counts = [
        int(line.split()[1].split("/")[0])
        for line in result.output.splitlines()
        if line.startswith("translating: ") and line.split()[1].endswith("/20")
    ]
    assert counts[-1] == 20 and counts == sorted(set(counts)), result.output
    assert 2 <= len(counts) <= 10, result.output


def test_eval_mt_scores_a_document_of_boilerplate_as_empty_lines(
    tmp_path: Path, tiny_marian: Path
) -> None:
    src, ref, ids = tmp_path / "src.txt", tmp_path / "ref.txt", tmp_path / "ids.tsv"
    src.write_text(
        "서울 버스 요금이 오른다.\n무단전재 및 재배포 금지\n홍길동 기자 hong@yna.co.kr\n", "utf-8"
    )
    ref.write_text("Seoul bus fares rise.\nNo reproduction.\nHong, reporter.\n", "utf-8")
    ids.write_text("news-1\nnews-2\nnews-2\n", "utf-8")
    hyp = tmp_path / "hyp.txt"
    result = invoke(
        "eval-mt", str(src), str(ref), "--mode", "document", "--documents", str(ids),
        "-t", str(tiny_marian), "--no-cache", "--hypotheses", str(hyp), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout[result.stdout.index("{") :])
    assert report["removed_as_boilerplate"] == 2 and report["sentences"] == 3
    lines = hyp.read_text(encoding="utf-8").split("\n")
    assert lines[0] and lines[1:3] == ["", ""]


def test_eval_mt_document_mode_counts_the_sentences_it_translates(
    tmp_path: Path, tiny_marian: Path
) -> None:
    """A line the segmenter splits in two makes more sentences than lines: the progress
    counts sentences, never beyond its total, and never promises a negative time."""
    src, ref, ids = tmp_path / "src.txt", tmp_path / "ref.txt", tmp_path / "ids.tsv"
    lines = [f"서울 버스 요금이 {i}월에 오른다. 지하철 요금도 오른다." for i in range(6)]
    src.write_text("".join(line + "\n" for line in lines), "utf-8")
    ref.write_text("".join(f"Seoul fares rise in month {i}.\n" for i in range(6)), "utf-8")
    ids.write_text("news-1\n" * 3 + "news-2\n" * 3, "utf-8")
    result = invoke(
        "eval-mt", str(src), str(ref), "--mode", "document", "--documents", str(ids),
        "-t", str(tiny_marian), "--no-cache", "--batch-size", "2",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    progress = [line for line in result.output.splitlines() if line.startswith("translating: ")]
    assert progress, result.output
    done, total = progress[-1].split()[1].split("/")
    assert done == total == "12" and "sentences" in progress[-1], result.output
    assert all("eta -" not in line for line in progress), result.output
