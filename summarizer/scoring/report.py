"""Score a pipeline's outputs folder against the references of an articles folder.

For each article `ARTICLES/<stem>.txt` the outputs are read from `OUTPUTS/<stem>/`:
`summary.en.txt` (ROUGE against the English reference summaries), `summary.ko.txt` if present
(ROUGE against Korean references, metric keys suffixed `_ko`; the pipeline writes English
summaries only, so this is for Korean summaries made elsewhere and put there),
`translation.en.md` (chrF and BLEU against the reference translation) and `result.json` (the
models behind the outputs).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from summarizer.errors import InputError, UsageError
from summarizer.pipeline.marked import plain_translation
from summarizer.pipeline.outputs import result_dirs
from summarizer.pipeline.result_file import read_result
from summarizer.scoring.metrics import (
    ROUGE_TYPES,
    TRANSLATION_METRICS,
    MetricResult,
    Rouge,
    Score,
    TranslationMetric,
)
from summarizer.scoring.references import find_references, no_match, refs_folder
from summarizer.scoring.signature import (
    MetricSignature,
    Signature,
    merge_model_fields,
    model_fields,
    models_signature,
)

KO_SUFFIX = "_ko"
METRIC_KEYS = (*ROUGE_TYPES, *(t + KO_SUFFIX for t in ROUGE_TYPES), *TRANSLATION_METRICS)
"""Every metric key a report can hold, in display order."""

_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class ArticleScores:
    """One article's scores and the compact signature of the models that produced its outputs.

    `translation` keeps the scored translation and its reference, each as one segment, so that
    chrF and BLEU can be tested for significance against a later run (reports written before
    it existed have None).
    """

    stem: str
    scores: dict[str, Score]
    models: str
    translation: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "stem": self.stem,
            "models": self.models,
            "scores": {key: score.to_dict() for key, score in self.scores.items()},
        }
        if self.translation is not None:
            hypothesis, reference = self.translation
            data["translation"] = {"hypothesis": hypothesis, "reference": reference}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleScores:
        scores = {key: Score.from_dict(value) for key, value in data["scores"].items()}
        segment = data.get("translation")
        translation = None
        if segment is not None:
            translation = (str(segment["hypothesis"]), str(segment["reference"]))
        return cls(str(data["stem"]), scores, str(data.get("models", "")), translation)


@dataclass(frozen=True)
class Unscored:
    """An article that got no score, and why (not an error)."""

    stem: str
    reason: str


@dataclass(frozen=True)
class ScoreReport:
    """Per-article scores, their aggregate and the signature.

    `means` holds, per metric key, the mean over articles for ROUGE and sacrebleu's corpus-level
    score for chrF and BLEU.
    """

    articles: list[ArticleScores]
    means: dict[str, Score]
    signature: Signature
    unscored: list[Unscored]
    korean_refs_ignored: list[str] = field(default_factory=list)
    """Stems with Korean reference summaries but no `summary.ko.txt` output to score them on."""

    @property
    def metrics(self) -> list[str]:
        """The metric keys present, in display order."""
        return [key for key in METRIC_KEYS if key in self.means]

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature.to_dict(),
            "means": {key: self.means[key].to_dict() for key in self.metrics},
            "articles": [article.to_dict() for article in self.articles],
            "unscored": [{"stem": u.stem, "reason": u.reason} for u in self.unscored],
            "korean_refs_ignored": self.korean_refs_ignored,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreReport:
        """Read a report back (e.g. a regress baseline); malformed data is an InputError."""
        try:
            report = cls(
                articles=[ArticleScores.from_dict(a) for a in data["articles"]],
                means={key: Score.from_dict(value) for key, value in data["means"].items()},
                signature=Signature.from_dict(data["signature"]),
                unscored=[Unscored(str(u["stem"]), str(u["reason"])) for u in data["unscored"]],
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(f"not a score report: missing or invalid {exc}") from exc
        keys = set(report.means).union(*(a.scores for a in report.articles))
        unknown = sorted(keys - set(METRIC_KEYS))
        if unknown:
            raise InputError(f"not a score report: unknown metric(s) {', '.join(unknown)}")
        return report


def score_outputs(
    outputs_dir: Path, articles_dir: Path, refs_dir: Path | None = None
) -> ScoreReport:
    """Score every article of `articles_dir` that has both outputs and matching references."""
    for folder, what in ((outputs_dir, "outputs"), (articles_dir, "articles")):
        if not folder.is_dir():
            raise UsageError(f"{what} folder {folder} does not exist")
    from summarizer.pipeline.core import run_inputs

    articles = run_inputs(articles_dir, outputs_dir)
    if not articles:
        raise UsageError(f"no articles (.txt, .md, .html) in {articles_dir}")

    scorer = _Scorer()
    rows: list[ArticleScores] = []
    unscored: list[Unscored] = []
    model_sets: list[dict[str, str]] = []
    ignored_ko: list[str] = []
    referenced = 0
    for article, folder in result_dirs(outputs_dir, articles).items():
        stem, out = article.stem, outputs_dir / folder
        refs = find_references(article, refs_dir)
        if refs.empty:
            unscored.append(Unscored(stem, f"no references in {refs_folder(article, refs_dir)}"))
            continue
        referenced += 1
        if not out.is_dir():
            unscored.append(Unscored(stem, f"no outputs in {out}"))
            continue
        scores: dict[str, Score] = {}
        pair: tuple[str, str] | None = None
        summary_en, summary_ko = out / "summary.en.txt", out / "summary.ko.txt"
        translation = out / "translation.en.md"
        if refs.summaries_en and summary_en.is_file():
            scores |= scorer.rouge("en", _read(summary_en), refs.summaries_en)
        if refs.summaries_ko and summary_ko.is_file():
            scores |= scorer.rouge("ko", _read(summary_ko), refs.summaries_ko)
        elif refs.summaries_ko:
            ignored_ko.append(stem)
        if refs.translation_en and translation.is_file():
            pair = (
                _one_line(plain_translation(_read(translation))),
                _one_line(refs.translation_en),
            )
            scores |= scorer.translation(*pair)
        if not scores:
            unscored.append(Unscored(stem, f"no outputs in {out} match its references"))
            continue
        try:
            models = _read_models(out / "result.json")
        except InputError as exc:
            unscored.append(Unscored(stem, str(exc)))
            continue
        model_sets.append(model_fields(models))
        signature = models_signature(models) if models else ""
        rows.append(ArticleScores(stem, scores, signature, pair))

    if not referenced:
        raise no_match(refs_folder(articles_dir / "article", refs_dir), articles_dir)
    means, metric_signatures = scorer.aggregate()
    signature = Signature(metric_signatures, merge_model_fields(model_sets))
    return ScoreReport(rows, means, signature, unscored, ignored_ko)


class _Scorer:
    """Builds metrics on first use and keeps each article's results for the aggregate."""

    def __init__(self) -> None:
        self._rouge: dict[str, Rouge] = {}
        self._rouge_results: dict[str, list[MetricResult]] = {}
        self._translation = {name: TranslationMetric(name) for name in TRANSLATION_METRICS}
        self._pairs: list[tuple[str, str]] = []
        self._article_signatures: dict[str, MetricSignature] = {}

    def rouge(
        self, lang: Literal["en", "ko"], hypothesis: str, references: list[str]
    ) -> dict[str, Score]:
        if lang not in self._rouge:
            self._rouge[lang] = Rouge(lang)
        result = self._rouge[lang].sentence_score(hypothesis, references)
        self._rouge_results.setdefault(lang, []).append(result)
        suffix = "" if lang == "en" else KO_SUFFIX
        return {name + suffix: score for name, score in result.scores.items()}

    def translation(self, hypothesis: str, reference: str) -> dict[str, Score]:
        """Scores of one translation; both texts are single segments (see `_one_line`)."""
        self._pairs.append((hypothesis, reference))
        scores: dict[str, Score] = {}
        for name, metric in self._translation.items():
            result = metric.sentence_score(hypothesis, [reference])
            self._article_signatures[name] = result.signature
            scores |= result.scores
        return scores

    def aggregate(self) -> tuple[dict[str, Score], dict[str, MetricSignature]]:
        means: dict[str, Score] = {}
        signatures: dict[str, MetricSignature] = {}
        for lang, results in self._rouge_results.items():
            suffix = "" if lang == "en" else KO_SUFFIX
            total = self._rouge[lang].aggregate(results)
            means |= {name + suffix: score for name, score in total.scores.items()}
            signatures["rouge" + suffix] = total.signature
        if self._pairs:
            hypotheses = [h for h, _ in self._pairs]
            references = [[r for _, r in self._pairs]]
            for name, metric in self._translation.items():
                total = metric.corpus_score(hypotheses, references)
                means |= total.scores
                signatures[name] = total.signature
                if self._article_signatures[name] != total.signature:
                    signatures[f"{name}_article"] = self._article_signatures[name]
        return means, signatures


def _one_line(text: str) -> str:
    """A translation as one segment: Markdown heading marks dropped, lines joined by spaces."""
    lines = (_HEADING.sub("", line).strip() for line in text.splitlines())
    return " ".join(line for line in lines if line)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig").strip()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc


def _read_models(path: Path) -> dict[str, Any]:
    """The `models` of a result.json; {} when the file is absent."""
    if not path.is_file():
        return {}
    models = read_result(path).get("models")
    if not isinstance(models, dict) or not models:
        raise InputError(f"{path} has no 'models' object; re-run the pipeline")
    return models
