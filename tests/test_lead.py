"""Lead-N: the first N English sentences, no model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cache.null import NullCache
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.errors import UsageError
from summarizer.models.presets import lead_count
from summarizer.pipeline.core import Pipeline
from summarizer.tasks.lead import LeadSummarizer

TEXT = (
    "The council approved the budget on Tuesday. It adds 3 schools.\n\n"
    'Critics said "taxes rise too much." The U.S. Army was not involved! Work starts in May.'
)


def test_lead_count_parses_only_lead_n() -> None:
    assert lead_count("lead-3") == 3 and lead_count("lead-12") == 12
    with pytest.raises(UsageError, match="N must be ≥ 1"):
        lead_count("lead-0")
    for other in ("lead-", "lead3", "Lead-3", "smollm2", "lead-3x", "models/lead-3"):
        assert lead_count(other) is None


def test_lead_takes_the_first_sentences_by_the_english_rule() -> None:
    done: list[int] = []
    summaries = LeadSummarizer(3).summarize(
        [TEXT, "One sentence only."], lambda i, _s: done.append(i)
    )
    assert summaries[0].text == (
        "The council approved the budget on Tuesday. It adds 3 schools. "
        'Critics said "taxes rise too much."'
    )
    assert summaries[1].text == "One sentence only."
    assert done == [0, 1] and not summaries[0].cached and summaries[0].rounds == 0
    # "U.S. Army" is split by the rule, as the model summaries' trimming splits it.
    assert LeadSummarizer(4).summarize([TEXT])[0].text.endswith("The U.S.")


def test_lead_signature_records_what_it_is() -> None:
    lead = LeadSummarizer(3)
    assert lead.fingerprint == "lead-3/punct-capnum"
    assert lead.describe() == {
        "id": "lead-3",
        "task": "summarization",
        "kind": "lead",
        "sentence_splitter": "punct-capnum",
        "fingerprint": "lead-3/punct-capnum",
    }
    assert LeadSummarizer(2).fingerprint != lead.fingerprint
    with pytest.raises(ValueError):
        LeadSummarizer(0)


def test_pipeline_uses_lead_without_a_model(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    settings = Settings(summarizer="lead-2", models_dir=tmp_path / "no-models")
    result = Pipeline(settings, NullCache()).summarize_file(article)
    assert result.summary is not None
    assert result.summary.text == "The council approved the budget on Tuesday. It adds 3 schools."
    assert result.models["summarizer"]["id"] == "lead-2"


def test_run_with_lead_writes_its_signature(tmp_path: Path) -> None:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "-s", "lead-1", "--no-cache", "--no-report"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (out / "a" / "summary.en.txt").read_text(encoding="utf-8").strip() == (
        "The council approved the budget on Tuesday."
    )
    models = json.loads((out / "a" / "result.json").read_text(encoding="utf-8"))["models"]
    assert models["summarizer"]["fingerprint"] == "lead-1/punct-capnum"
    assert models["translator"] is None


def test_with_no_summarizer_named_the_pipeline_summarizes_with_lead_3(tmp_path: Path) -> None:
    """Lead-3 is the default summarizer when no summarizer model is present: the pipeline must
    build it without looking for a model (it once raised KeyError 'summarization')."""
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    pipeline = Pipeline(Settings(models_dir=tmp_path / "no-models"), NullCache())
    assert pipeline.settings.summarizer == "lead-3"
    result = pipeline.summarize_file(article)
    assert result.summary is not None
    assert result.summary.text == (
        "The council approved the budget on Tuesday. It adds 3 schools. "
        'Critics said "taxes rise too much."'
    )


def test_run_with_no_summarizer_named_uses_lead_3_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(folder), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "summarizer lead-3 (the translation's first 3 checked sentences, no model)" in (
        result.output
    )
    assert (
        (out / "a" / "summary.en.txt")
        .read_text(encoding="utf-8")
        .startswith("The council approved the budget on Tuesday. It adds 3 schools.")
    )
    models = json.loads((out / "a" / "result.json").read_text(encoding="utf-8"))["models"]
    assert models["summarizer"]["id"] == "lead-3"
