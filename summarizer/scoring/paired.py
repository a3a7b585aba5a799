"""The paired tests behind `summarizer.scoring.significance` (see there for how they work): means
of per-article scores, sacrebleu's tests of chrF and BLEU, and every metric two reports share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from summarizer.scoring.metrics import TRANSLATION_METRICS
from summarizer.scoring.significance import (
    CI_SAMPLES,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    PairedResult,
    Test,
    bootstrap_seed,
)

if TYPE_CHECKING:
    import numpy as np

    from summarizer.scoring.report import ArticleScores, ScoreReport

_TIE = 1e-12
"""Differences of means closer than this to the observed one are ties (float rounding)."""


def paired_mean_test(
    metric: str,
    baseline: Sequence[float],
    current: Sequence[float],
    test: Test = "bs",
    samples: int | None = None,
    seed: int | None = DEFAULT_SEED,
) -> PairedResult:
    """The paired test of a mean of per-article scores; the interval is always the bootstrap's."""
    booted = paired_bootstrap(metric, baseline, current, CI_SAMPLES, seed)
    if test == "bs" and samples in (None, CI_SAMPLES):
        return booted
    trials = samples or DEFAULT_SAMPLES[test]
    if test == "bs":
        p_value = paired_bootstrap(metric, baseline, current, trials, seed).p_value
    else:
        p_value = _randomization_p(*_checked(baseline, current), trials, seed)
    return replace(booted, p_value=p_value, samples=trials, test=test)


def _randomization_p(old: np.ndarray, new: np.ndarray, trials: int, seed: int | None) -> float:
    """Approximate randomization of the difference of means, swaps drawn as sacrebleu draws
    them; ties with the observed difference count (Noreen 1989), so one differing article
    gives p = 1.0."""
    import numpy as np

    swap = np.random.default_rng(seed).integers(2, size=(trials, len(old)), dtype=bool)
    shuffled = np.abs(np.where(swap, old, new).mean(axis=1) - np.where(swap, new, old).mean(axis=1))
    observed = abs(float(new.mean() - old.mean()))
    count = int(np.sum(shuffled >= observed - _TIE))
    return (count + 1) / (trials + 1)


def paired_bootstrap(
    metric: str,
    baseline: Sequence[float],
    current: Sequence[float],
    samples: int = CI_SAMPLES,
    seed: int | None = DEFAULT_SEED,
) -> PairedResult:
    """Paired bootstrap of the mean of per-article scores (`baseline[i]` pairs `current[i]`)."""
    import numpy as np
    from sacrebleu.significance import estimate_ci

    old, new = _checked(baseline, current)
    indices = np.random.default_rng(seed).choice(len(old), size=(samples, len(old)))
    old_means, new_means = old[indices].mean(axis=1), new[indices].mean(axis=1)
    differences = new_means - old_means
    observed = float(new.mean() - old.mean())
    identical = bool(np.array_equal(old, new))
    mean, half_width = estimate_ci(new_means)
    return PairedResult(
        metric,
        float(old.mean()),
        float(new.mean()),
        _interval(differences),
        1.0 if identical else _p_value(differences, observed),
        float(mean),
        float(half_width),
        len(old),
        samples,
        seed,
    )


def paired_translation_test(
    metric: str,
    baseline: Sequence[str],
    current: Sequence[str],
    references: Sequence[str],
    test: Test = "bs",
    samples: int | None = None,
) -> PairedResult:
    """sacrebleu's `PairedTest` of either type for a corpus metric, one segment per article.

    The seed is sacrebleu's own (`bootstrap_seed()`)."""
    import numpy as np
    from sacrebleu.significance import PairedTest, _bootstrap_resample

    if metric not in TRANSLATION_METRICS:
        raise ValueError(f"a translation metric is one of {TRANSLATION_METRICS}, not {metric!r}")
    if not len(baseline) == len(current) == len(references) or not references:
        raise ValueError("a paired test needs the same, non-zero number of segments per system")
    refs = [list(references)]
    trials = samples or DEFAULT_SAMPLES[test]
    _, results = PairedTest(
        [("baseline", list(baseline)), ("current", list(current))],
        {metric: _sacrebleu_metric(metric)},
        refs,
        test_type=test,
        n_samples=trials,
        n_ar_confidence=CI_SAMPLES if test == "ar" else -1,
    )()
    old_result, new_result = next(v for k, v in results.items() if k != "System")
    resampled = []
    for hypotheses in (baseline, current):
        scorer = _sacrebleu_metric(metric)
        stats = scorer._extract_corpus_statistics(list(hypotheses), refs)
        _, scores = _bootstrap_resample(stats, scorer, CI_SAMPLES)
        resampled.append(np.array([score.score for score in scores]))
    differing = sum(old != new for old, new in zip(baseline, current, strict=True))
    if test == "ar":
        p_value = min(1.0, max(float(new_result.p_value), 2.0 ** (1 - differing)))
    else:
        p_value = 1.0 if not differing else float(new_result.p_value)
    ci = _interval(resampled[1] - resampled[0])
    return PairedResult(
        metric,
        float(old_result.score),
        float(new_result.score),
        ci,
        p_value,
        float(new_result.mean),
        float(new_result.ci),
        len(references),
        trials,
        bootstrap_seed(),
        test,
    )


def _sacrebleu_metric(name: str) -> Any:
    from sacrebleu.metrics import BLEU, CHRF

    return CHRF() if name == "chrf" else BLEU()


def _checked(baseline: Sequence[float], current: Sequence[float]) -> tuple[np.ndarray, ...]:
    import numpy as np

    old, new = np.asarray(baseline, dtype=float), np.asarray(current, dtype=float)
    if old.shape != new.shape or old.ndim != 1 or not len(old):
        raise ValueError("a paired test needs the same, non-zero number of scores per system")
    return old, new


def _interval(differences: np.ndarray) -> tuple[float, float]:
    import numpy as np

    ordered = np.sort(differences)
    low = len(ordered) // 40
    return float(ordered[low]), float(ordered[len(ordered) - low - 1])


def _p_value(differences: np.ndarray, observed: float) -> float:
    """sacrebleu's bootstrap p-value: shifted absolute differences beyond the observed one."""
    import numpy as np

    shifted = np.abs(differences) - np.abs(differences).mean()
    count = int(np.sum(shifted > abs(observed)))
    return (count + 1) / (len(differences) + 1)


@dataclass(frozen=True)
class Significance:
    """Paired tests of every metric two score reports share, and why any was not tested."""

    results: dict[str, PairedResult]
    untested: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "results": {name: result.to_dict() for name, result in self.results.items()},
            "untested": dict(self.untested),
        }


def paired_reports(
    baseline: ScoreReport, current: ScoreReport, test: Test = "bs", samples: int | None = None
) -> Significance:
    """Test each shared metric over the articles both reports scored with it."""
    old = {article.stem: article for article in baseline.articles}
    new = {article.stem: article for article in current.articles}
    stems = sorted(old.keys() & new.keys())
    results: dict[str, PairedResult] = {}
    untested: dict[str, str] = {}
    for metric in (key for key in current.metrics if key in baseline.means):
        scored = [s for s in stems if metric in old[s].scores and metric in new[s].scores]
        if not scored:
            untested[metric] = "no article is scored in both"
        elif metric not in TRANSLATION_METRICS:
            results[metric] = paired_mean_test(
                metric,
                [old[s].scores[metric].value for s in scored],
                [new[s].scores[metric].value for s in scored],
                test,
                samples,
                bootstrap_seed(),
            )
        elif segments := _translations([old[s] for s in scored], [new[s] for s in scored]):
            results[metric] = paired_translation_test(metric, *segments, test, samples)
        else:
            untested[metric] = (
                "the baseline keeps no per-article translations (written by an older "
                "summarizer); re-create it with --update-baseline"
            )
    return Significance(results, untested)


def _translations(
    baseline: list[ArticleScores], current: list[ArticleScores]
) -> tuple[list[str], list[str], list[str]] | None:
    """Baseline and current translations with the current references; None if any is missing."""
    old = [a.translation for a in baseline]
    new = [a.translation for a in current]
    if any(pair is None for pair in old + new):
        return None
    return (
        [pair[0] for pair in old if pair],
        [pair[0] for pair in new if pair],
        [pair[1] for pair in new if pair],
    )
