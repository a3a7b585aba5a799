"""Metrics in sacrebleu's style: small classes whose results carry their signature.

ROUGE goes through `rouge_score.rouge_scorer.RougeScorer`; chrF and BLEU through sacrebleu.
The scoring libraries are imported when a metric is built, so importing this module is cheap.

Sentence splitting for ROUGE-Lsum (which rouge-score expects as newline-separated sentences):
- English, `punct-capnum` (`summarizer.text.segment.split_english`, the rule the summarizer trims
  by): existing line breaks, plus a break after `.`, `!` or `?` (optionally followed by a closing
  quote or bracket) and whitespace, when the next word starts with a capital letter or a digit
  (or an opening quote/bracket before one). Abbreviations such as "U.S. Army" are split.
- Korean, `kiwi-<version>`: existing line breaks, plus kiwipiepy's `Kiwi.split_into_sents`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from summarizer.scoring.signature import MetricSignature
from summarizer.text.segment import ENGLISH_RULE, split_english

if TYPE_CHECKING:
    from kiwipiepy import Kiwi

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
TRANSLATION_METRICS = ("chrf", "bleu")

# Kiwi tags starting with S are punctuation and symbols, except Latin letters, Hanja and numbers.
_KEPT_SYMBOL_TAGS = frozenset({"SL", "SH", "SN"})


@dataclass(frozen=True)
class Score:
    """One number; ROUGE also has the precision and recall behind its F1 `value`."""

    value: float
    precision: float | None = None
    recall: float | None = None

    def to_dict(self) -> dict[str, float]:
        data = {"value": self.value}
        if self.precision is not None and self.recall is not None:
            data.update(precision=self.precision, recall=self.recall)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Score:
        return cls(float(data["value"]), data.get("precision"), data.get("recall"))


@dataclass(frozen=True)
class MetricResult:
    """Scores from one metric (ROUGE gives four) with the signature that produced them."""

    scores: dict[str, Score]
    signature: MetricSignature


def metric_scale(key: str) -> float:
    """Full scale of a metric key: ROUGE is 0-1, sacrebleu's chrF and BLEU are 0-100."""
    return 100.0 if key in TRANSLATION_METRICS else 1.0


def split_sentences_en(text: str) -> list[str]:
    """English sentences by the documented `punct-capnum` rule."""
    return split_english(text)


@functools.cache
def _kiwi() -> Kiwi:
    from kiwipiepy import Kiwi

    return Kiwi()


def split_sentences_ko(text: str) -> list[str]:
    """Korean sentences: line breaks, then kiwipiepy's sentence splitter."""
    return [
        sent.text.strip()
        for line in text.splitlines()
        if line.strip()
        for sent in _kiwi().split_into_sents(line.strip())
        if sent.text.strip()
    ]


class KiwiTokenizer:
    """A rouge-score tokenizer for Korean: kiwipiepy morphemes, lowercased, punctuation dropped.

    rouge-score's default tokenizer keeps only [a-z0-9], which deletes Hangul entirely.
    """

    def tokenize(self, text: str) -> list[str]:
        return [
            token.form.lower()
            for token in _kiwi().tokenize(text)
            if not token.tag.startswith("S") or token.tag in _KEPT_SYMBOL_TAGS
        ]


class Rouge:
    """ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum, best-of over references (max F1 per type).

    English uses rouge-score's default tokenizer with the Porter stemmer; Korean uses
    `KiwiTokenizer` without stemming. Texts are sentence-split and newline-joined before scoring.
    """

    def __init__(self, lang: Literal["en", "ko"] = "en") -> None:
        from rouge_score.rouge_scorer import RougeScorer

        if lang not in ("en", "ko"):
            raise ValueError(f"ROUGE language must be 'en' or 'ko', not {lang!r}")
        self.lang = lang
        if lang == "en":
            self._scorer = RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
        else:
            self._scorer = RougeScorer(list(ROUGE_TYPES), tokenizer=KiwiTokenizer())

    def prepare(self, text: str) -> str:
        """The text as rouge-score receives it: one sentence per line."""
        split = split_sentences_en if self.lang == "en" else split_sentences_ko
        return "\n".join(split(text))

    def sentence_score(self, hypothesis: str, references: Sequence[str]) -> MetricResult:
        """Score one summary against its references (rouge-score's `score_multi`)."""
        if not references:
            raise ValueError("ROUGE needs at least one reference")
        best = self._scorer.score_multi(
            [self.prepare(ref) for ref in references], self.prepare(hypothesis)
        )
        scores = {
            name: Score(best[name].fmeasure, best[name].precision, best[name].recall)
            for name in ROUGE_TYPES
        }
        return MetricResult(scores, self.signature(len(references)))

    def corpus_score(
        self, hypotheses: Sequence[str], references: Sequence[Sequence[str]]
    ) -> MetricResult:
        """Mean precision, recall and F1 over summaries; `references[i]` belongs to hypothesis i."""
        pairs = zip(hypotheses, references, strict=True)
        return self.aggregate([self.sentence_score(h, refs) for h, refs in pairs])

    def aggregate(self, results: Sequence[MetricResult]) -> MetricResult:
        """Mean of article results; nrefs is their common count, or `var` as in sacrebleu."""
        if not results:
            raise ValueError("ROUGE needs at least one scored summary")
        scores = {name: mean_score([r.scores[name] for r in results]) for name in ROUGE_TYPES}
        counts = {r.signature.info["nrefs"] for r in results}
        return MetricResult(scores, self.signature(counts.pop() if len(counts) == 1 else "var"))

    def signature(self, nrefs: int | str) -> MetricSignature:
        import importlib.metadata

        version = importlib.metadata.version("rouge-score")
        if self.lang == "en":
            tok, stem, split = "default", "porter", ENGLISH_RULE
        else:
            kiwi = f"kiwi-{importlib.metadata.version('kiwipiepy')}"
            tok, stem, split = f"{kiwi}-morph", "none", kiwi
        return MetricSignature(
            {
                "nrefs": str(nrefs),
                "lang": self.lang,
                "tok": tok,
                "stem": stem,
                "split": split,
                "multi": "max-f1",
                "version": version,
            }
        )


class TranslationMetric:
    """chrF or BLEU through sacrebleu, keeping sacrebleu's own signature string.

    Article-level BLEU uses effective order, as sacrebleu recommends for single segments.
    """

    def __init__(self, name: Literal["chrf", "bleu"]) -> None:
        from sacrebleu.metrics import BLEU, CHRF

        if name == "chrf":
            self._corpus, self._sentence = CHRF(), CHRF()
        elif name == "bleu":
            self._corpus, self._sentence = BLEU(), BLEU(effective_order=True)
        else:
            raise ValueError(f"translation metric must be 'chrf' or 'bleu', not {name!r}")
        self.name = name

    def sentence_score(self, hypothesis: str, references: Sequence[str]) -> MetricResult:
        """One segment (a whole article joined into one line) against its references."""
        score = self._sentence.sentence_score(hypothesis, list(references))
        return self._result(score.score, self._sentence)

    def corpus_score(
        self, hypotheses: Sequence[str], references: Sequence[Sequence[str]]
    ) -> MetricResult:
        """sacrebleu's corpus score; `references` are reference streams, as in sacrebleu."""
        score = self._corpus.corpus_score(list(hypotheses), [list(s) for s in references])
        return self._result(score.score, self._corpus)

    def _result(self, value: float, metric: Any) -> MetricResult:
        signature = MetricSignature.parse(str(metric.get_signature()))
        return MetricResult({self.name: Score(value)}, signature)


def mean_score(scores: Sequence[Score]) -> Score:
    """Arithmetic mean of values (and of precision and recall where every score has them)."""
    value = sum(s.value for s in scores) / len(scores)
    if any(s.precision is None or s.recall is None for s in scores):
        return Score(value)
    precision = sum(s.precision for s in scores) / len(scores)  # type: ignore[misc]
    recall = sum(s.recall for s in scores) / len(scores)  # type: ignore[misc]
    return Score(value, precision, recall)
