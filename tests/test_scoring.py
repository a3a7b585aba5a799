"""Scoring: references, ROUGE/chrF/BLEU against direct library calls, signatures, compare."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sacrebleu
from rouge_score.rouge_scorer import RougeScorer

from summarizer.errors import InputError, UsageError
from summarizer.scoring import (
    MEAN,
    ROUGE_TYPES,
    ArticleScores,
    KiwiTokenizer,
    MetricSignature,
    Rouge,
    Score,
    ScoreReport,
    Signature,
    TranslationMetric,
    compare,
    find_references,
    model_fields,
    models_signature,
    score_outputs,
    split_sentences_en,
    split_sentences_ko,
)
from summarizer.scoring.baseline import judge

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

REF_A = "The cat sat on the mat. It was happy there.\nDogs barked outside."
HYP_A = "A cat was sitting on the mat. The dogs were barking!"
REF_A2 = "A cat sat on a mat while dogs barked."
KO_REF = "엔비디아 주가는 27일 16.97% 급락했다. 메타는 AI 투자를 줄이지 않겠다고 밝혔다."
KO_HYP = "엔비디아 주가가 급락했다. 메타는 투자를 유지한다."

MODELS: dict[str, Any] = {
    "translator": {
        "id": "Helsinki-NLP/opus-mt-ko-en",
        "revision": "abc123",
        "weights_sha256": "f" * 64,
        "backend": "hf",
        "decoding": {"num_beams": 4, "max_new_tokens": 512},
        "fingerprint": "1234567890abcdef",
        "path": "/home/someone/models/opus-mt-ko-en",
    },
    "summarizer": {
        "id": "sshleifer/distilbart-cnn-12-6",
        "revision": None,
        "weights_sha256": "0" * 64,
        "backend": "ct2",
        "decoding": {"num_beams": 2, "length_penalty": 1.0, "early_stopping": True},
        "fingerprint": "fedcba0987654321",
        "task": "summarization",
        "summary_words": 80,
    },
    "segmenter": "kiwipiepy-0.24.1/rules-1",
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- references -------------------------------------------------------------------------------


def test_references_by_convention_numbered_in_numeric_order(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "본문")
    refs = tmp_path / "refs"
    write(refs / "a.summary.en.txt", "zero")
    write(refs / "a.summary.en.10.txt", "ten")
    write(refs / "a.summary.en.2.txt", "two")
    write(refs / "a.summary.en.1.txt", "one\n")
    write(refs / "a.summary.en.x.txt", "not a reference")
    write(refs / "a.summary.ko.1.txt", "하나")
    write(refs / "a.translation.en.txt", "Body.\nSecond paragraph.\n")
    write(refs / "ab.summary.en.txt", "another article")

    found = find_references(article)

    assert found.summaries_en == ["zero", "one", "two", "ten"]
    assert found.summaries_ko == ["하나"]
    assert found.translation_en == "Body.\nSecond paragraph."
    assert not found.empty


def test_references_refs_dir_override_and_absent(tmp_path: Path) -> None:
    article = write(tmp_path / "news" / "a.txt", "본문")
    write(tmp_path / "news" / "refs" / "a.summary.en.txt", "beside the article")
    write(tmp_path / "elsewhere" / "a.summary.en.txt", "elsewhere")

    assert find_references(article, tmp_path / "elsewhere").summaries_en == ["elsewhere"]
    nothing = find_references(article, tmp_path / "missing")
    assert nothing.empty
    assert (nothing.summaries_en, nothing.summaries_ko, nothing.translation_en) == ([], [], None)


def test_empty_reference_is_an_input_error(tmp_path: Path) -> None:
    article = write(tmp_path / "a.txt", "본문")
    write(tmp_path / "refs" / "a.summary.en.txt", "  \n")
    with pytest.raises(InputError, match="empty"):
        find_references(article)


def test_seed_references_exist_and_follow_the_brief() -> None:
    articles = sorted(SEEDS.glob("*.txt"))
    assert len(articles) == 5
    translations = 0
    for article in articles:
        refs = find_references(article)
        assert len(refs.summaries_en) == 1, article.name
        assert 2 <= len(split_sentences_en(refs.summaries_en[0])) <= 4, article.name
        if refs.translation_en:
            translations += 1
            assert not any("\uac00" <= ch <= "\ud7a3" for ch in refs.translation_en)
    assert translations >= 2
    assert sum(bool(find_references(a).summaries_ko) for a in articles) >= 1


# --- sentence splitting and tokenization ------------------------------------------------------


def test_english_splitter_rule() -> None:
    text = 'He said "stop." Then he left! Was it 4.5% or 6%? Yes.\nNew line here e.g. this'
    assert split_sentences_en(text) == [
        'He said "stop."',
        "Then he left!",
        "Was it 4.5% or 6%?",
        "Yes.",
        "New line here e.g. this",
    ]


def test_korean_splitter_and_tokenizer() -> None:
    assert split_sentences_ko(KO_REF) == [
        "엔비디아 주가는 27일 16.97% 급락했다.",
        "메타는 AI 투자를 줄이지 않겠다고 밝혔다.",
    ]
    tokens = KiwiTokenizer().tokenize("메타는 AI 투자를 5% 늘린다!")
    assert tokens[:2] == ["메타", "는"]
    assert "ai" in tokens and "5" in tokens
    assert "%" not in tokens and "!" not in tokens


# --- ROUGE equals rouge-score -----------------------------------------------------------------


def test_rouge_en_equals_rouge_score_exactly() -> None:
    direct = RougeScorer(list(ROUGE_TYPES), use_stemmer=True).score(
        "The cat sat on the mat.\nIt was happy there.\nDogs barked outside.",
        "A cat was sitting on the mat.\nThe dogs were barking!",
    )
    raw = RougeScorer(list(ROUGE_TYPES), use_stemmer=True).score(REF_A, HYP_A)

    result = Rouge("en").sentence_score(HYP_A, [REF_A])

    for name in ROUGE_TYPES:
        got = result.scores[name]
        want = direct[name]
        assert (got.precision, got.recall, got.value) == (
            want.precision,
            want.recall,
            want.fmeasure,
        )
    for name in ("rouge1", "rouge2", "rougeL"):  # splitting only matters to ROUGE-Lsum
        assert result.scores[name].value == raw[name].fmeasure
    assert 0 < result.scores["rouge2"].value < result.scores["rouge1"].value < 1
    assert str(result.signature) == (
        "nrefs:1|lang:en|tok:default|stem:porter|split:punct-capnum|multi:max-f1|version:0.1.2"
    )


def test_rouge_best_of_references_keeps_precision_recall_of_the_best() -> None:
    scorer = RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
    rouge = Rouge("en")
    refs = [REF_A, REF_A2]
    per_ref = [scorer.score(rouge.prepare(r), rouge.prepare(HYP_A)) for r in refs]

    result = rouge.sentence_score(HYP_A, refs)

    assert result.signature.info["nrefs"] == "2"
    for name in ROUGE_TYPES:
        best = max(per_ref, key=lambda s: s[name].fmeasure)[name]
        got = result.scores[name]
        assert (got.value, got.precision, got.recall) == (
            best.fmeasure,
            best.precision,
            best.recall,
        )
    assert per_ref[0]["rouge1"].fmeasure != per_ref[1]["rouge1"].fmeasure


def test_rouge_korean_identical_is_one_and_different_is_less() -> None:
    rouge = Rouge("ko")
    same = rouge.sentence_score(KO_REF, [KO_REF])
    other = rouge.sentence_score(KO_HYP, [KO_REF])

    assert all(same.scores[name].value == 1.0 for name in ROUGE_TYPES)
    assert all(0 < other.scores[name].value < 1 for name in ROUGE_TYPES)
    # Why a Korean tokenizer: rouge-score's default deletes Hangul and scores this 0, not 1.
    default = RougeScorer(["rouge1"]).score("엔비디아 주가 급락", "엔비디아 주가 급락")
    assert default["rouge1"].fmeasure == 0
    assert same.signature.info["stem"] == "none"
    assert same.signature.info["tok"].startswith("kiwi-")


def test_rouge_korean_equals_rouge_score_with_kiwi_tokenizer() -> None:
    direct = RougeScorer(list(ROUGE_TYPES), tokenizer=KiwiTokenizer()).score(
        "엔비디아 주가는 27일 16.97% 급락했다.\n메타는 AI 투자를 줄이지 않겠다고 밝혔다.",
        "엔비디아 주가가 급락했다.\n메타는 투자를 유지한다.",
    )
    result = Rouge("ko").sentence_score(KO_HYP, [KO_REF])
    assert {n: result.scores[n].value for n in ROUGE_TYPES} == {
        n: direct[n].fmeasure for n in ROUGE_TYPES
    }


def test_rouge_corpus_is_mean_and_variable_nrefs() -> None:
    rouge = Rouge("en")
    one = rouge.sentence_score(HYP_A, [REF_A])
    two = rouge.sentence_score("Dogs barked.", [REF_A, REF_A2])

    total = rouge.corpus_score([HYP_A, "Dogs barked."], [[REF_A], [REF_A, REF_A2]])

    for name in ROUGE_TYPES:
        assert total.scores[name].value == (one.scores[name].value + two.scores[name].value) / 2
    assert total.signature.info["nrefs"] == "var"
    assert rouge.corpus_score([HYP_A], [[REF_A]]).signature.info["nrefs"] == "1"


# --- chrF and BLEU equal sacrebleu ------------------------------------------------------------

HYPS = ["The cat sat on the mat today.", "Nvidia shares fell 16.97% on Monday."]
REFS = ["The cat was sitting on the mat today.", "Nvidia's shares plunged 16.97% on Monday."]


def test_chrf_bleu_sentence_equal_sacrebleu() -> None:
    chrf = TranslationMetric("chrf").sentence_score(HYPS[0], [REFS[0]])
    bleu = TranslationMetric("bleu").sentence_score(HYPS[0], [REFS[0]])

    assert chrf.scores["chrf"].value == sacrebleu.sentence_chrf(HYPS[0], [REFS[0]]).score
    assert bleu.scores["bleu"].value == sacrebleu.sentence_bleu(HYPS[0], [REFS[0]]).score
    assert 0 < bleu.scores["bleu"].value < 100
    assert str(bleu.signature) == "nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:" + (
        sacrebleu.__version__
    )


def test_chrf_bleu_corpus_equal_sacrebleu_and_keep_its_signature() -> None:
    from sacrebleu.metrics import BLEU, CHRF

    bleu, chrf = BLEU(), CHRF()
    want_bleu = bleu.corpus_score(HYPS, [REFS])
    want_chrf = chrf.corpus_score(HYPS, [REFS])

    got_bleu = TranslationMetric("bleu").corpus_score(HYPS, [REFS])
    got_chrf = TranslationMetric("chrf").corpus_score(HYPS, [REFS])

    assert got_bleu.scores["bleu"].value == want_bleu.score
    assert got_chrf.scores["chrf"].value == want_chrf.score
    assert str(got_bleu.signature) == str(bleu.get_signature())
    assert str(got_chrf.signature) == str(chrf.get_signature())
    assert got_bleu.signature.info["eff"] == "no"


# --- signatures -------------------------------------------------------------------------------


def test_models_signature_is_compact_and_stable() -> None:
    text = models_signature(MODELS)
    assert text == (
        "segmenter=kiwipiepy-0.24.1/rules-1"
        "|summarizer=sshleifer/distilbart-cnn-12-6@-|sha256:000000000000|backend:ct2"
        "|early_stopping:true|length_penalty:1.0|num_beams:2|summary_words:80"
        "|task:summarization|fp:fedcba098765"
        "|translator=Helsinki-NLP/opus-mt-ko-en@abc123|sha256:ffffffffffff|backend:hf"
        "|max_new_tokens:512|num_beams:4|fp:1234567890ab"
    )
    reordered = {
        role: dict(reversed(list(entry.items()))) if isinstance(entry, dict) else entry
        for role, entry in reversed(MODELS.items())
    }
    assert models_signature(reordered) == text


def test_model_fields_keep_full_values_and_skip_paths() -> None:
    fields = model_fields(MODELS)
    assert fields["translator.weights_sha256"] == "f" * 64
    assert fields["translator.decoding.num_beams"] == "4"
    assert fields["summarizer.decoding.early_stopping"] == "true"
    assert fields["segmenter"] == "kiwipiepy-0.24.1/rules-1"
    assert fields["summarizer.summary_words"] == "80"
    assert "summarizer.revision" not in fields
    assert not any("path" in key for key in fields)


def test_signature_diff_lists_exactly_the_changed_fields() -> None:
    changed = json.loads(json.dumps(MODELS))
    changed["translator"]["decoding"]["num_beams"] = 5
    changed["summarizer"]["revision"] = "def456"
    rouge_sig = MetricSignature.parse("nrefs:1|lang:en|version:0.1.2")
    before = Signature({"rouge": rouge_sig}, model_fields(MODELS))
    after = Signature(
        {"rouge": MetricSignature.parse("nrefs:2|lang:en|version:0.1.2")}, model_fields(changed)
    )

    diffs = before.diff(after)

    assert [(d.field, d.baseline, d.current) for d in diffs] == [
        ("rouge.nrefs", "1", "2"),
        ("summarizer.revision", None, "def456"),
        ("translator.decoding.num_beams", "4", "5"),
    ]
    assert str(diffs[1]) == "summarizer.revision: (absent) -> def456"
    assert before.diff(before) == []


def test_signature_round_trips_through_json() -> None:
    sig = Signature(
        {"bleu": MetricSignature.parse("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2")},
        model_fields(MODELS),
    )
    back = Signature.from_dict(json.loads(json.dumps(sig.to_dict())))
    assert back == sig
    assert (
        back.format().splitlines()[0]
        == "bleu: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2"
    )
    with pytest.raises(InputError):
        MetricSignature.parse("no-colon-here")
    with pytest.raises(InputError):
        Signature.from_dict({"metrics": {}})


# --- score_outputs ----------------------------------------------------------------------------

TRANSLATION_MD = "# The cat\n\nThe cat sat on the mat today.\n\nIt was happy.\n"
TRANSLATION_REF = "# The cat\nThe cat was sitting on the mat today.\nIt was very happy."


def make_outputs(
    root: Path,
    stem: str,
    summary: str | None = None,
    translation: str | None = None,
    summary_ko: str | None = None,
    models: dict[str, Any] | None = MODELS,
) -> None:
    out = root / "outputs" / stem
    out.mkdir(parents=True)
    if summary is not None:
        write(out / "summary.en.txt", summary)
    if summary_ko is not None:
        write(out / "summary.ko.txt", summary_ko)
    if translation is not None:
        write(out / "translation.en.md", translation)
    if models is not None:
        write(out / "result.json", json.dumps({"models": models, "summary": summary or ""}))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Articles a (two summary refs + translation), b (no refs), c (no outputs), d (Korean)."""
    for stem in "abcd":
        write(tmp_path / "articles" / f"{stem}.txt", "기사 본문")
    refs = tmp_path / "articles" / "refs"
    write(refs / "a.summary.en.txt", REF_A)
    write(refs / "a.summary.en.1.txt", REF_A2)
    write(refs / "a.translation.en.txt", TRANSLATION_REF)
    write(refs / "c.summary.en.txt", REF_A2)
    write(refs / "d.summary.ko.txt", KO_REF)
    write(refs / "d.translation.en.txt", REFS[1])
    make_outputs(tmp_path, "a", summary=HYP_A, translation=TRANSLATION_MD)
    make_outputs(tmp_path, "b", summary=HYP_A)
    make_outputs(tmp_path, "d", summary="English only.", summary_ko=KO_HYP, translation=HYPS[1])
    return tmp_path


def test_score_outputs_scores_match_direct_calls(corpus: Path) -> None:
    report = score_outputs(corpus / "outputs", corpus / "articles")

    assert [a.stem for a in report.articles] == ["a", "d"]
    a, d = report.articles
    rouge = Rouge("en").sentence_score(HYP_A, [REF_A, REF_A2])
    assert {k: a.scores[k] for k in ROUGE_TYPES} == rouge.scores
    hyp_a = "The cat The cat sat on the mat today. It was happy."
    ref_a = "The cat The cat was sitting on the mat today. It was very happy."
    assert a.scores["chrf"].value == sacrebleu.sentence_chrf(hyp_a, [ref_a]).score
    assert a.scores["bleu"].value == sacrebleu.sentence_bleu(hyp_a, [ref_a]).score
    assert a.models == models_signature(MODELS)

    assert set(d.scores) == {*(n + "_ko" for n in ROUGE_TYPES), "chrf", "bleu"}
    assert d.scores["rouge1_ko"] == Rouge("ko").sentence_score(KO_HYP, [KO_REF]).scores["rouge1"]

    assert report.metrics == [*ROUGE_TYPES, *(n + "_ko" for n in ROUGE_TYPES), "chrf", "bleu"]
    assert report.means["rouge1"] == a.scores["rouge1"]
    corpus_bleu = sacrebleu.corpus_bleu([hyp_a, HYPS[1]], [[ref_a, REFS[1]]]).score
    assert report.means["bleu"].value == corpus_bleu
    assert (
        report.means["chrf"].value
        == sacrebleu.corpus_chrf([hyp_a, HYPS[1]], [[ref_a, REFS[1]]]).score
    )

    assert [(u.stem, u.reason.split(" in ")[0]) for u in report.unscored] == [
        ("b", "no references"),
        ("c", "no outputs"),
    ]


def test_score_outputs_signature(corpus: Path) -> None:
    sig = score_outputs(corpus / "outputs", corpus / "articles").signature
    fields = sig.fields()

    assert fields["rouge.nrefs"] == "2"
    assert fields["rouge.stem"] == "porter"
    assert fields["rouge_ko.stem"] == "none"
    assert fields["bleu.eff"] == "no"
    assert fields["bleu_article.eff"] == "yes"
    assert "chrf_article.eff" not in fields
    assert fields["translator.id"] == "Helsinki-NLP/opus-mt-ko-en"
    assert fields["summarizer.decoding.num_beams"] == "2"


def test_score_report_round_trips_through_json(corpus: Path) -> None:
    report = score_outputs(corpus / "outputs", corpus / "articles")
    data = json.loads(json.dumps(report.to_dict()))
    assert data["means"]["rouge1"].keys() == {"value", "precision", "recall"}
    assert data["means"]["bleu"].keys() == {"value"}
    assert ScoreReport.from_dict(data) == report


def test_score_outputs_refs_dir_and_mixed_models(tmp_path: Path) -> None:
    for stem in ("x", "y"):
        write(tmp_path / "articles" / f"{stem}.txt", "본문")
        write(tmp_path / "myrefs" / f"{stem}.summary.en.txt", REF_A)
    other = json.loads(json.dumps(MODELS))
    other["translator"]["revision"] = "zzz999"
    make_outputs(tmp_path, "x", summary=HYP_A)
    make_outputs(tmp_path, "y", summary=HYP_A, models=other)

    report = score_outputs(tmp_path / "outputs", tmp_path / "articles", tmp_path / "myrefs")

    assert [a.stem for a in report.articles] == ["x", "y"]
    assert report.signature.models["translator.revision"] == "abc123; zzz999"
    with pytest.raises(UsageError, match="no reference matches"):
        score_outputs(tmp_path / "outputs", tmp_path / "articles")


def test_score_outputs_user_errors(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        score_outputs(tmp_path / "nope", corpus / "articles")
    with pytest.raises(UsageError, match="no articles"):
        score_outputs(corpus / "outputs", corpus / "outputs")
    write(corpus / "outputs" / "a" / "result.json", "{not json")
    left = score_outputs(corpus / "outputs", corpus / "articles")
    assert [a.stem for a in left.articles] == ["d"], "an unreadable result is left unscored"
    with pytest.raises(InputError, match="not a score report"):
        ScoreReport.from_dict({"articles": []})


# --- compare ----------------------------------------------------------------------------------


def report_with(
    values: dict[str, dict[str, float]], models: dict[str, Any] = MODELS
) -> ScoreReport:
    """A hand-made report: per stem, metric -> value; means average the articles having a metric."""
    articles = [
        ArticleScores(stem, {k: Score(v) for k, v in s.items()}, "") for stem, s in values.items()
    ]
    keys = {k for scores in values.values() for k in scores}
    means = {}
    for key in keys:
        have = [scores[key] for scores in values.values() if key in scores]
        means[key] = Score(sum(have) / len(have))
    rouge = MetricSignature.parse("nrefs:1|version:0.1.2")
    return ScoreReport(articles, means, Signature({"rouge": rouge}, model_fields(models)), [])


def test_compare_classifies_drops_rises_and_boundary() -> None:
    baseline = report_with(
        {
            "a": {"rouge1": 0.50, "rougeL": 0.40, "bleu": 20.0},
            "b": {"rouge1": 0.30, "rougeL": 0.30, "bleu": 30.0},
        }
    )
    current = report_with(
        {
            "a": {"rouge1": 0.45, "rougeL": 0.38, "bleu": 18.5},
            "b": {"rouge1": 0.36, "rougeL": 0.30, "bleu": 27.0},
        }
    )

    result = compare(baseline.to_dict(), current)

    statuses = {(c.scope, c.metric): c.status for c in result.changes}
    assert statuses[("a", "rouge1")] == "regression"  # -0.05
    assert statuses[("a", "rougeL")] == "unchanged"  # exactly -0.02 is within tolerance
    assert statuses[("a", "bleu")] == "unchanged"  # -1.5 BLEU points < 2 points
    assert statuses[("b", "bleu")] == "regression"  # -3 points
    assert statuses[("b", "rouge1")] == "improvement"  # +0.06
    assert statuses[(MEAN, "rouge1")] == "unchanged"  # 0.40 -> 0.405
    assert statuses[(MEAN, "bleu")] == "regression"  # 25 -> 22.75
    assert [(c.scope, c.metric) for c in result.regressions] == [
        (MEAN, "bleu"),
        ("a", "rouge1"),
        ("b", "bleu"),
    ]
    assert result.changes[0].scope == MEAN
    mean_bleu, rouge1 = result.regressions[:2]
    assert rouge1.delta == pytest.approx(-0.05)
    assert rouge1.threshold == 0.02
    assert mean_bleu.threshold == pytest.approx(2.0)  # 0.02 of BLEU's 0-100 scale
    assert result.signature_diffs == []


def test_compare_per_metric_tolerance_and_errors() -> None:
    baseline = report_with({"a": {"rouge1": 0.50, "bleu": 20.0}})
    current = report_with({"a": {"rouge1": 0.45, "bleu": 18.5}})

    loose = compare(baseline, current, {"rouge1": 0.1})
    assert not loose.regressions
    strict = compare(baseline, current, 0.01)
    assert {(c.scope, c.metric) for c in strict.regressions} == {
        ("a", "rouge1"),
        ("a", "bleu"),
        (MEAN, "rouge1"),
        (MEAN, "bleu"),
    }
    with pytest.raises(UsageError, match="unknown metric"):
        compare(baseline, current, {"rouge3": 0.1})
    with pytest.raises(UsageError, match="negative"):
        compare(baseline, current, -0.1)


def test_compare_reports_signature_and_coverage_differences() -> None:
    changed = json.loads(json.dumps(MODELS))
    changed["summarizer"]["decoding"]["num_beams"] = 6
    baseline = report_with({"a": {"rouge1": 0.5}, "b": {"rouge1": 0.5, "chrf": 50.0}})
    current = report_with({"a": {"rouge1": 0.5}, "c": {"rouge1": 0.5}}, changed)

    result = compare(baseline, current)

    assert [str(d) for d in result.signature_diffs] == ["summarizer.decoding.num_beams: 2 -> 6"]
    assert result.only_in_baseline == [(MEAN, "chrf"), ("b", "rouge1"), ("b", "chrf")]
    assert result.only_in_current == [("c", "rouge1")]
    assert json.loads(json.dumps(result.to_dict()))["signature_diffs"] == [
        {"field": "summarizer.decoding.num_beams", "baseline": "2", "current": "6"}
    ]


def test_compare_end_to_end_detects_a_worse_summary(corpus: Path) -> None:
    baseline = score_outputs(corpus / "outputs", corpus / "articles").to_dict()
    write(corpus / "outputs" / "a" / "summary.en.txt", "Something unrelated entirely.")

    result = compare(baseline, score_outputs(corpus / "outputs", corpus / "articles"))

    assert {c.metric for c in result.regressions if c.scope == "a"} == set(ROUGE_TYPES)
    assert {c.metric for c in result.unchanged if c.scope == "d"} >= {"chrf", "bleu", "rouge1_ko"}
    assert result.signature_diffs == []


def test_means_are_compared_over_the_articles_both_reports_scored() -> None:
    baseline = report_with({"a": {"rouge1": 0.5}, "b": {"rouge1": 0.3}})
    current = report_with({"a": {"rouge1": 0.5}, "b": {"rouge1": 0.3}, "new": {"rouge1": 0.0}})

    result = compare(baseline, current)

    assert current.means["rouge1"].value == pytest.approx(0.8 / 3), "the unpaired mean drops"
    mean = next(c for c in result.changes if c.scope == MEAN)
    assert (mean.baseline, mean.current) == (pytest.approx(0.4), pytest.approx(0.4))
    assert not result.regressions and result.left_out == {"new": "current"}
    assert judge(baseline, current, 0.02).exit_code == 0
    assert result.to_dict()["left_out"] == {"new": "current"}


def test_a_mean_change_lies_within_its_own_interval_when_the_article_sets_differ() -> None:
    values = [0.61, 0.42, 0.55, 0.38, 0.47]
    baseline = report_with({f"s{i}": {"rouge2": v} for i, v in enumerate(values)})
    current = report_with({"s0": {"rouge2": 0.40}, "s1": {"rouge2": 0.30}})

    result = compare(baseline, current)

    mean = next(c for c in result.changes if c.scope == MEAN)
    paired = result.significance.results["rouge2"]
    assert mean.delta == pytest.approx(paired.delta) == pytest.approx((0.70 - 1.03) / 2)
    assert paired.ci[0] - 1e-9 <= mean.delta <= paired.ci[1] + 1e-9
    assert result.left_out == {"s2": "baseline", "s3": "baseline", "s4": "baseline"}
