"""Scoring: ROUGE for summaries, chrF and BLEU for translations, signatures and regressions."""

from __future__ import annotations

from summarizer.scoring.compare import DEFAULT_TOLERANCE, MEAN, Change, Comparison, compare
from summarizer.scoring.metrics import (
    ROUGE_TYPES,
    KiwiTokenizer,
    MetricResult,
    Rouge,
    Score,
    TranslationMetric,
    metric_scale,
    split_sentences_en,
    split_sentences_ko,
)
from summarizer.scoring.references import References, find_references
from summarizer.scoring.report import (
    METRIC_KEYS,
    ArticleScores,
    ScoreReport,
    Unscored,
    score_outputs,
)
from summarizer.scoring.signature import (
    FieldDiff,
    MetricSignature,
    Signature,
    model_fields,
    models_signature,
)

__all__ = [
    "DEFAULT_TOLERANCE",
    "MEAN",
    "METRIC_KEYS",
    "ROUGE_TYPES",
    "ArticleScores",
    "Change",
    "Comparison",
    "FieldDiff",
    "KiwiTokenizer",
    "MetricResult",
    "MetricSignature",
    "References",
    "Rouge",
    "Score",
    "ScoreReport",
    "Signature",
    "TranslationMetric",
    "Unscored",
    "compare",
    "find_references",
    "metric_scale",
    "model_fields",
    "models_signature",
    "score_outputs",
    "split_sentences_en",
    "split_sentences_ko",
]
