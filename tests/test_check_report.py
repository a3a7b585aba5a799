"""Flags where a run shows them: result.json's summary_flags and the report's flags section."""

from __future__ import annotations

import json
from pathlib import Path

from flagged_runs import write_run
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.report.flags import recorded_flags


def test_report_lists_flags_with_a_filter(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="flags">') :]
    section = section[: section.index("</section>")]
    assert "Flags (1 sentence and 1 summary)" in section
    assert 'data-check="numbers"' in section and "$5 trillion is not in the source" in section
    assert 'data-check="summary support"' in section and "not in the article: Reuters" in section
    assert '<option value="numbers">numbers (1)</option>' in section
    assert "clean" not in section.split("<tbody>")[1]


def test_the_side_by_side_table_highlights_flagged_sentences(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    path = out / "bad" / "result.json"
    result = json.loads(path.read_text(encoding="utf-8"))
    result["segments"][0]["flags"] = [{"check": "numbers", "detail": "$5 trillion is new"}]
    result["segments"][1]["flags"] = []
    path.write_text(json.dumps(result), encoding="utf-8")
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    aligned = page[page.rindex("<tr", 0, page.index("He invested $5 trillion.")) :]
    rows = aligned[: aligned.index("</table>")].split("</tr>")
    assert "flagged" in rows[0] and "⚑ numbers: $5 trillion is new" in rows[0]
    assert "flagged" not in rows[1] and "⚑" not in rows[1]


def test_recorded_flags_are_shown_as_recorded(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    result = json.loads((out / "bad" / "result.json").read_text(encoding="utf-8"))
    result["segments"][0]["flags"] = [{"check": "loop", "detail": "recorded by the run"}]
    result["summary_flags"] = []
    assert recorded_flags(result) == [
        ("sentence 1", [{"check": "loop", "detail": "recorded by the run"}], None)
    ]


def test_the_report_shows_what_each_retry_gave(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    path = out / "bad" / "result.json"
    result = json.loads(path.read_text(encoding="utf-8"))
    result["segments"][0]["retried"] = {
        "how": "beam 4",
        "kept": "first",
        "other": "He invested $5 trillion dollars.",
        "other_flags": [{"check": "numbers", "detail": "$5 trillion is not in the source"}],
    }
    result["segments"][1]["retried"] = {
        "how": "beam 4",
        "kept": "retry",
        "other": "회사는 grow.",
        "other_flags": [{"check": "partly untranslated", "detail": "회사는"}],
    }
    result["summary_retried"] = {
        "how": "beam 4, no repeated 3-grams",
        "kept": "first",
        "other": "It grew, Reuters said, Reuters said.",
        "other_flags": [],
    }
    path.write_text(json.dumps(result), encoding="utf-8")
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="flags">') :]
    section = section[: section.index("</section>")]
    assert (
        "Asked again because the first attempt was flagged: 2 sentences (1 kept the retry), "
        "1 summary (0 kept the retry)"
    ) in section
    numbers = section[section.index('<tr data-check="numbers">') :].split("</tr>")[0]
    assert "<td>beam 4, kept the first<br>" in numbers
    assert "other attempt: He invested $5 trillion dollars." in numbers
    support = section[section.index('<tr data-check="summary support">') :].split("</tr>")[0]
    assert "beam 4, no repeated 3-grams, kept the first" in support
    assert "It grew, Reuters said, Reuters said." in support


def test_a_clean_run_says_so(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    for stem in ("bad",):
        path = out / stem / "result.json"
        result = json.loads(path.read_text(encoding="utf-8"))
        result["summary_flags"] = []
        path.write_text(json.dumps(result), encoding="utf-8")
    assert recorded_flags(json.loads((out / "bad" / "result.json").read_text("utf-8"))) == []
    page = CliRunner().invoke(app, ["report", str(out)])
    assert page.exit_code == 0
    page_text = (out / "report.html").read_text("utf-8")
    assert "No sentence or summary was flagged." in page_text
    assert "Asked again" not in page_text, "nothing was retried"


def test_a_run_records_summary_flags(seeds_run: dict[str, Path]) -> None:
    from summarizer.checks import check_summary

    results = [json.loads(p.read_text("utf-8")) for p in seeds_run["out"].glob("*/result.json")]
    assert results
    for result in results:
        expected = check_summary(result["summary"], result["translation"])
        assert result["summary_flags"] == [f.to_json() for f in expected]


def test_retried_summaries_are_counted_in_english() -> None:
    from collections import Counter

    from summarizer.report.flags import _retries_line

    line = _retries_line(Counter({"summary": 2, "summary kept": 1, "sentence": 1}))
    assert "1 sentence (0 kept the retry), 2 summaries (1 kept the retry)" in line
