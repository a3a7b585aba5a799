"""`compare` and `regress --gate significant` on an English corpus summarized by lead-N."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import UsageError
from summarizer.scoring import ArticleScores, Score, ScoreReport, Signature
from summarizer.scoring.baseline import judge
from summarizer.scoring.signature import MetricSignature

ARTICLES = 30
TOPICS = ["budget", "bridge", "school", "harbour", "festival", "election"]


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """English articles of four sentences; the reference is their first two sentences."""
    folder = tmp_path / "articles"
    (folder / "refs").mkdir(parents=True)
    for i in range(ARTICLES):
        topic = TOPICS[i % len(TOPICS)]
        sentences = [
            f"The city council approved the new {topic} plan number {i} on Monday.",
            f"Officials said the {topic} would cost {i + 3} million dollars in total.",
            f"Residents of district {i} complained about noise and traffic near the site.",
            "Work is expected to begin early next year.",
        ]
        (folder / f"art{i:02d}.txt").write_text(" ".join(sentences), encoding="utf-8")
        reference = " ".join(sentences[:2])
        (folder / "refs" / f"art{i:02d}.summary.en.txt").write_text(reference, encoding="utf-8")
    return folder


def run_lead(corpus: Path, n: int) -> Path:
    out = corpus.parent / f"out-lead{n}"
    result = invoke(
        "run", str(corpus), "-o", str(out), "-s", f"lead-{n}", "--no-cache", "--no-report"
    )
    assert result.exit_code == 0, result.output
    return out


def test_compare_json_reports_significance_winners_and_signature_diffs(corpus: Path) -> None:
    lead1, lead2 = run_lead(corpus, 1), run_lead(corpus, 2)
    result = invoke("compare", str(lead1), str(lead2), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["metrics"]) == {"rouge1", "rouge2", "rougeL", "rougeLsum"}
    for metric in data["metrics"].values():
        assert metric["delta"] == pytest.approx(metric["b"] - metric["a"])
        assert metric["delta"] > 0 and metric["b"] == pytest.approx(1.0)
        low, high = metric["ci"]
        assert low - 1e-9 <= metric["delta"] <= high + 1e-9
        assert metric["p_value"] < 0.05 and metric["significant"] is True
        assert metric["test"]["seed"] == 12345 and metric["test"]["samples"] == 1000
    assert {a["winner"] for a in data["articles"]} == {"B"} and len(data["articles"]) == ARTICLES
    assert {"field": "summarizer.id", "a": "lead-1", "b": "lead-2"} in data["differs"]

    table = invoke("compare", str(lead1), str(lead2), str(corpus))
    assert table.exit_code == 0, table.output
    assert "B wins 30" in table.output and "summarizer.id: lead-1 -> lead-2" in table.output

    same = json.loads(invoke("compare", str(lead2), str(lead2), "--json").output)
    assert all(m["p_value"] == 1.0 and m["ci"] == [0.0, 0.0] for m in same["metrics"].values())
    assert same["differs"] == [] and {a["winner"] for a in same["articles"]} == {"tie"}


def test_compare_randomization_and_the_comparison_page(corpus: Path) -> None:
    lead1, lead2 = run_lead(corpus, 1), run_lead(corpus, 2)
    page = corpus.parent / "pages" / "compare.html"
    result = invoke(
        "compare", str(lead1), str(lead2), "--test", "ar", "--json", "--html", str(page)
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for metric in data["metrics"].values():
        assert metric["test"]["test"] == "ar" and metric["test"]["samples"] == 10000
        assert metric["p_value"] < 0.001 and metric["significant"] is True
    assert f"comparison page: {page}" in result.stderr

    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in html
    assert "approximate randomization, 10,000 trials, seed 12345" in html
    assert "<th>summarizer.id</th><td>lead-1</td><td>lead-2</td>" in html
    assert html.count("significant</td>") == 4 and "B wins 30" in html
    section = html[html.index('id="c-1"') :].split("</section>")[0]
    first = (corpus / "art00.txt").read_text(encoding="utf-8").split(". ")
    reference = (corpus / "refs" / "art00.summary.en.txt").read_text(encoding="utf-8")
    assert f'<h3>Reference</h3><p class="summary">{reference}</p>' in section
    assert f'<h3>A</h3><p class="summary">{first[0]}.</p>' in section
    assert f'<h3>B (wins)</h3><p class="summary">{first[0]}. {first[1]}.</p>' in section
    assert "rouge1 1.000" in section


def test_compare_errors_are_one_line(corpus: Path, tmp_path: Path) -> None:
    lead1 = run_lead(corpus, 1)
    missing = invoke("compare", str(lead1), str(tmp_path / "nope"), str(corpus))
    assert missing.exit_code != 0 and "does not exist" in missing.output
    no_index = invoke("compare", str(tmp_path), str(lead1))
    assert no_index.exit_code != 0 and "pass FOLDER" in no_index.output
    assert invoke("compare", str(lead1), str(lead1), "--alpha", "2").exit_code == 2


def regress(corpus: Path, out: Path, *extra: str) -> Any:
    baseline = corpus.parent / "baseline.json"
    return invoke("regress", str(corpus), "-o", str(out), "-b", str(baseline), "--no-cache", *extra)


def test_regress_gate_significant(corpus: Path) -> None:
    out = corpus.parent / "out"
    created = regress(corpus, out, "-s", "lead-2", "--update-baseline")
    assert created.exit_code == 0, created.output
    assert json.loads((out / "scores.json").read_text(encoding="utf-8"))["articles"]

    # A new reference for one article: its scores fall and the mean drops beyond the
    # tolerance, but one article of thirty is no significant change.
    first = corpus / "refs" / "art00.summary.en.txt"
    first.write_text("Work is expected to begin early next year.", encoding="utf-8")
    strict = regress(corpus, out, "-s", "lead-2")
    assert strict.exit_code == 1, strict.output
    lenient = regress(corpus, out, "-s", "lead-2", "--gate", "significant")
    assert lenient.exit_code == 0, lenient.output
    assert "p-value" in lenient.output
    # The verdict stays one line in a log, however long the baseline's path.
    verdict = next(line for line in lenient.output.splitlines() if line.startswith("PASS: "))
    assert verdict.endswith(f"against {corpus.parent / 'baseline.json'} (gate: significant)")
    record = json.loads((out / "regress.json").read_text(encoding="utf-8"))
    test = record["comparison"]["significance"]["results"]["rouge2"]
    assert test["delta"] < -0.02 and test["p_value"] >= 0.05
    assert record["gate"] == {"rule": "significant", "alpha": 0.05, "test": "bs", "exit_code": 0}
    randomized = regress(corpus, out, "-s", "lead-2", "--gate", "significant", "--test", "ar")
    assert randomized.exit_code == 0, randomized.output
    assert "approximate randomization" in randomized.output and "10,000 trials" in randomized.output
    record = json.loads((out / "regress.json").read_text(encoding="utf-8"))
    assert record["gate"]["test"] == "ar"
    assert record["comparison"]["significance"]["results"]["rouge2"]["p_value"] == 1.0
    saved = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert saved["means"]["rouge2"]["value"] == pytest.approx(1 + test["delta"])

    # New references for every article: significant, so the significant gate fails too.
    for reference in (corpus / "refs").glob("*.txt"):
        reference.write_text("Work is expected to begin early next year.", encoding="utf-8")
    failed = regress(corpus, out, "-s", "lead-2", "--gate", "significant")
    assert failed.exit_code == 1, failed.output
    assert "significant at alpha 0.05" in failed.output
    tiny_alpha = regress(corpus, out, "-s", "lead-2", "--gate", "significant", "--alpha", "1e-6")
    assert tiny_alpha.exit_code == 0, tiny_alpha.output
    assert regress(corpus, out, "-s", "lead-2", "--gate", "maybe").exit_code == 2
    unknown = regress(corpus, out, "-s", "lead-2", "--test", "t")
    assert unknown.exit_code == 2 and "--test must be bs" in unknown.output


def test_regress_refuses_outputs_made_with_other_settings(corpus: Path) -> None:
    out = corpus.parent / "out"
    assert regress(corpus, out, "-s", "lead-2", "--update-baseline").exit_code == 0
    other = regress(corpus, out, "-s", "lead-1")
    assert other.exit_code == 2
    assert "summarizer.id: lead-2 -> lead-1" in " ".join(other.output.split())
    assert (out / "art00" / "summary.en.txt").read_text(encoding="utf-8").count(".") == 2
    replaced = regress(corpus, out, "-s", "lead-1", "--refresh", "--allow-signature-change")
    assert replaced.exit_code == 1, replaced.output  # lead-1 is worse than the lead-2 baseline
    assert (out / "art00" / "summary.en.txt").read_text(encoding="utf-8").count(".") == 1


def test_significant_gate_refuses_an_old_baseline_without_translations() -> None:
    signature = Signature({"chrf": MetricSignature.parse("nrefs:1|version:2.6.0")}, {})
    old = ScoreReport(
        [ArticleScores("a", {"chrf": Score(50.0)}, "")], {"chrf": Score(50.0)}, signature, []
    )
    new = ScoreReport(
        [ArticleScores("a", {"chrf": Score(40.0)}, "", ("hyp", "ref"))],
        {"chrf": Score(40.0)},
        signature,
        [],
    )
    assert judge(old, new, 0.02).exit_code == 1
    assert "chrf" in judge(old, new, 0.02).comparison.significance.untested
    with pytest.raises(UsageError, match="re-create it with --update-baseline"):
        judge(old, new, 0.02, gate="significant")


def test_compare_prints_names_and_paths_as_text(tmp_path: Path) -> None:
    """Brackets in a stem or folder are text, not Rich markup: nothing lost, no MarkupError."""
    folder = tmp_path / "articles"
    (folder / "refs").mkdir(parents=True)
    for stem in ("[update] tesla", "[bold]x"):
        sentences = [f"{stem} said on Monday that sales rose.", "Shares fell.", "Others wait."]
        (folder / f"{stem}.txt").write_text(" ".join(sentences), encoding="utf-8")
        (folder / "refs" / f"{stem}.summary.en.txt").write_text(sentences[0], encoding="utf-8")
    outs = []
    for n, name in ((1, "outA[bold]"), (2, "outB[/]x")):
        out = tmp_path / name
        result = invoke("run", str(folder), "-o", str(out), "-s", f"lead-{n}", "--no-cache")
        assert result.exit_code == 0, result.output
        outs.append(str(out))
    result = CliRunner().invoke(app, ["compare", *outs, str(folder)], terminal_width=200)
    assert result.exit_code == 0, result.output
    for text in ("[update] tesla", "[bold]x", "outA[bold]", "outB[/]x"):
        assert text in result.output


def test_regress_after_adding_an_article_compares_the_shared_ones(corpus: Path) -> None:
    out = corpus.parent / "out"
    assert regress(corpus, out, "-s", "lead-2", "--update-baseline").exit_code == 0
    (corpus / "zz-new.txt").write_text("A new article about the harbour. " * 4, encoding="utf-8")
    (corpus / "refs" / "zz-new.summary.en.txt").write_text("Unrelated words.", encoding="utf-8")

    result = regress(corpus, out, "-s", "lead-2")

    assert result.exit_code == 0, result.output
    assert "left out: zz-new (scored only in current)" in " ".join(result.output.split())
    record = json.loads((out / "regress.json").read_text(encoding="utf-8"))
    assert record["comparison"]["left_out"] == {"zz-new": "current"}
    assert record["current"]["means"]["rouge2"]["value"] < 0.99, "the unpaired mean fell"
    means = [c for c in record["comparison"]["changes"] if c["scope"] == "(mean)"]
    assert means and all(c["delta"] == pytest.approx(0.0) for c in means)


def test_compare_over_different_article_sets_names_the_unpaired_ones(corpus: Path) -> None:
    lead1 = run_lead(corpus, 1)
    few = corpus.parent / "few"
    (few / "refs").mkdir(parents=True)
    for stem in ("art00", "art01"):
        (few / f"{stem}.txt").write_text((corpus / f"{stem}.txt").read_text(), encoding="utf-8")
    lead2 = corpus.parent / "out-few"
    args = ["run", str(few), "-o", str(lead2), "-s", "lead-2", "--no-cache", "--no-report"]
    assert invoke(*args).exit_code == 0

    data = json.loads(invoke("compare", str(lead1), str(lead2), str(corpus), "--json").output)

    for metric in data["metrics"].values():
        low, high = metric["ci"]
        assert low - 1e-9 <= metric["delta"] <= high + 1e-9
        assert metric["test"]["articles"] == 2 and metric["significant"] is False
    assert len(data["only_in_a"]) == ARTICLES - 2 and data["only_in_b"] == []
    table = invoke("compare", str(lead1), str(lead2), str(corpus))
    flat = " ".join(table.output.split())
    assert "left out: art02, art03" in flat and "(scored only in A)" in flat
    assert "too few articles for a significance test" in flat


def test_the_significant_gate_does_not_fail_on_one_article(corpus: Path) -> None:
    for extra in corpus.glob("art*.txt"):
        if extra.stem != "art00":
            extra.unlink()
    out = corpus.parent / "out"
    assert regress(corpus, out, "-s", "lead-2", "--update-baseline").exit_code == 0
    (corpus / "refs" / "art00.summary.en.txt").write_text("Unrelated words.", encoding="utf-8")

    for test in ("bs", "ar"):
        result = regress(corpus, out, "-s", "lead-2", "--gate", "significant", "--test", test)
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.split())
        assert "too few articles for a significance test: 1 paired" in flat
        assert "from 6 articles on" in flat and "(0 significant at alpha 0.05)" in flat
    assert regress(corpus, out, "-s", "lead-2").exit_code == 1, "the tolerance gate still fails"
