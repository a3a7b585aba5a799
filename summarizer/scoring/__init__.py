"""Scoring: ROUGE for summaries, chrF and BLEU for translations, signatures and regressions.

`metrics` computes the scores, `references` finds reference summaries and translations, `report`
scores an outputs folder (`score_outputs`), `signature` records what produced the scores,
`comparison` compares two reports metric by metric, `significance` and `paired` test whether a
change is real, `baseline` is the regression gate's verdict, `reuse` tells whether a folder's
outputs were made with the settings asked for, `runs` compares two outputs folders and
`evaluate` scores translation on a line-aligned test set (eval-mt). The names below are
imported on first use: `import summarizer.scoring` loads nothing.
"""

from __future__ import annotations

from summarizer.lazy import exports

__getattr__ = exports(
    __name__,
    {
        "summarizer.scoring.comparison": (
            "DEFAULT_TOLERANCE",
            "MEAN",
            "Change",
            "Comparison",
            "compare",
        ),
        "summarizer.scoring.metrics": (
            "ROUGE_TYPES",
            "KiwiTokenizer",
            "MetricResult",
            "Rouge",
            "Score",
            "TranslationMetric",
            "metric_scale",
            "split_sentences_en",
            "split_sentences_ko",
        ),
        "summarizer.scoring.references": ("References", "find_references"),
        "summarizer.scoring.report": (
            "METRIC_KEYS",
            "ArticleScores",
            "ScoreReport",
            "Unscored",
            "score_outputs",
        ),
        "summarizer.scoring.signature": (
            "FieldDiff",
            "MetricSignature",
            "Signature",
            "model_fields",
            "models_signature",
        ),
    },
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
