"""Glossaries in a run: what a chat model is told, what result.json records, `glossary
suggest`, and a second run that recomputes only the sentences holding a new term."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_llm_translate import chat_translator, segment
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.names import Glossary
from summarizer.names.suggest import as_tsv, suggestions
from summarizer.tasks import hints

ARTICLE = [
    "엔비디아는 21일 실적을 발표했다.",
    "젠슨 황 최고경영자는 수요가 폭발적이라고 말했다.",
    "모건스탠리는 목표주가를 올렸다.",
    "시장은 조용했다.",
]


def test_a_chat_model_is_told_exactly_the_terms_of_its_sentence(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, lambda text: f"EN<{segment(text)}>")
    job.glossary = Glossary.of(
        [("엔비디아", "Nvidia"), ("젠슨 황", "Jensen Huang"), ("애플", "Apple")]
    )
    job.translate(job.requests(ARTICLE))
    told = {p.split("\n\n")[0]: p for call in prompts for p in call}
    assert told[ARTICLE[0]].endswith("(Glossary for this sentence: 엔비디아 = Nvidia.)")
    assert told[ARTICLE[1]].endswith("(Glossary for this sentence: 젠슨 황 = Jensen Huang.)")
    assert told[ARTICLE[2]] == ARTICLE[2] and told[ARTICLE[3]] == ARTICLE[3]
    assert "Apple" not in "".join(told.values())


def test_amounts_by_rule_are_told_too(tiny_llama: Path) -> None:
    job, prompts, _ = chat_translator(tiny_llama, lambda text: "EN")
    job.translate(["회사는 10억 달러를 투자하고 3조 원을 모았다."])
    assert prompts[0][0].endswith(
        "(Glossary for this sentence: 10억 달러 = $1 billion; 3조 원 = 3 trillion won.)"
    )


def test_a_missed_term_is_flagged_retried_and_recorded(tiny_llama: Path) -> None:
    job, _, _ = chat_translator(tiny_llama, lambda text: "Intel announced its results.")
    job.glossary = Glossary.of([("엔비디아", "Nvidia")])
    result = job.translate(job.requests(ARTICLE[:1]))
    assert result.terms == [[("엔비디아", "Nvidia")]]
    assert any(f.check == "glossary" for f in result.flags[0])
    assert result.retries[0] is not None, "the flagged sentence was asked again"


def tiny_run(folder: Path, tiny_llama: Path, tiny_bart: Path, *extra: str) -> list[str]:
    return [
        "run",
        str(folder / "articles"),
        "-o",
        str(folder / "out"),
        "--cache",
        str(folder / "cache.sqlite"),
        "-t",
        str(tiny_llama),
        "-s",
        str(tiny_bart),
        "--no-report",
        *extra,
    ]


def test_suggest_writes_a_glossary_the_next_run_takes(
    tmp_path: Path, tiny_llama: Path, tiny_bart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    job, _, _ = chat_translator(
        tiny_llama,
        lambda text: "Morgan Stanley raised it." if "모건" in text else "The company said so.",
    )
    sources = ARTICLE[:3]
    translated = job.translate(sources)
    segments = [
        {"source": s, "translation": t, "flags": [f.to_json() for f in flags]}
        for s, t, flags in zip(sources, translated.texts, translated.flags, strict=True)
    ]
    kept = {"segments": [{"source": "모건스탠리가 말했다.", "translation": "Morgan Stanley said."}]}
    found = suggestions([("a", {"segments": segments}), ("b", kept)])
    assert [(s.name, s.sentences) for s in found] == [("엔비디아", 1)]
    suggested = tmp_path / "names.tsv"
    suggested.write_text(as_tsv(found), encoding="utf-8")
    assert "엔비디아\tEnbidia" in suggested.read_text(encoding="utf-8")
    assert "romanized guess" in suggested.read_text(encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("\n\n".join(ARTICLE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "summarizer.toml").write_text("[translator_decoding]\nmax_new_tokens = 16\n")
    run = tiny_run(tmp_path, tiny_llama, tiny_bart, "--glossary", str(suggested))
    result = CliRunner().invoke(app, run)
    assert result.exit_code in (0, 1), result.output


def test_a_new_term_recomputes_only_the_sentences_holding_it(
    tmp_path: Path, tiny_llama: Path, tiny_bart: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text("\n\n".join(ARTICLE), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "summarizer.toml").write_text("[translator_decoding]\nmax_new_tokens = 16\n")
    runner = CliRunner()
    first = runner.invoke(app, tiny_run(tmp_path, tiny_llama, tiny_bart))
    assert first.exit_code in (0, 1), first.output
    names = tmp_path / "one.tsv"
    names.write_text("엔비디아\tNvidia\n", encoding="utf-8")
    second = runner.invoke(app, tiny_run(tmp_path, tiny_llama, tiny_bart, "--glossary", str(names)))
    assert second.exit_code in (0, 1), second.output
    record = json.loads((tmp_path / "out" / "a" / "result.json").read_text(encoding="utf-8"))
    cached = [segment["cached"] for segment in record["segments"]]
    assert cached == [False, True, True, True], "only the sentence holding the term"
    assert record["segments"][0]["terms"] == [{"ko": "엔비디아", "en": "Nvidia"}]
    assert "terms" not in record["segments"][1]
    described = record["models"]["translator"]["glossary"]
    assert described == {"sha256": Glossary.read([names]).sha256, "terms": 1}


def test_a_bad_glossary_stops_the_command_before_any_work(tmp_path: Path, tiny_llama: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE[0], encoding="utf-8")
    bad = tmp_path / "bad.tsv"
    bad.write_text("엔비디아\tNvidia\n테슬라\n", encoding="utf-8")
    out = tmp_path / "a.en.md"
    result = CliRunner().invoke(
        app,
        ["translate", str(article), "-t", str(tiny_llama), "--glossary", str(bad), "-o", str(out)],
    )
    assert result.exit_code == 2
    assert "bad.tsv:2: expected two columns" in result.output
    assert not out.exists()


def test_the_request_of_a_sentence_without_terms_is_the_sentence() -> None:
    assert hints.requests(ARTICLE[3:], None) == ARTICLE[3:]


def test_the_report_lists_the_dropped_names_with_the_command_that_makes_a_glossary() -> None:
    from types import SimpleNamespace

    from summarizer.report.flags import flags_section

    flag = {"check": "dropped name", "detail": "missing: 엔비디아, 모건스탠리"}
    told = {"ko": "모건스탠리", "en": "Morgan Stanley"}
    segments = [
        {"source": ARTICLE[0], "translation": "Intel said.", "flags": [flag], "terms": [told]},
        {"source": ARTICLE[0], "translation": "Intel said.", "flags": [flag]},
    ]
    result = {"article": {"language": "ko"}, "segments": segments, "summary": ""}
    entry = SimpleNamespace(stem="a", number=1, anchor="a", result=result)
    html = flags_section([entry])
    assert "Names dropped: 엔비디아 (2 sentences, 1 article), 모건스탠리 (1 sentence" in html
    assert "summarizer glossary suggest OUTPUTS -o names.tsv" in html
