"""Paired significance tests: is the change between two systems on the same articles real?

Two tests, as in sacrebleu: paired bootstrap resampling (`bs`, 1,000 resamples by default) and
approximate randomization (`ar`, 10,000 trials by default).

- ROUGE (a mean of per-article F1): over articles. The bootstrap scores both systems on the same
  resampled article indices, drawn as sacrebleu draws them
  (`numpy.random.default_rng(seed).choice(n, (samples, n))`); randomization swaps each article's
  pair of scores with probability 1/2 (`rng.integers(2, size=(trials, n), dtype=bool)`, as
  sacrebleu draws its swaps) and counts the trials whose absolute difference of means exceeds
  the observed one.
- chrF and BLEU (corpus scores): sacrebleu's own `PairedTest` of either type gives the p-value
  and the current system's bootstrap mean and 95% interval; the interval of the change comes
  from sacrebleu's resampler on the same indices.

The bootstrap p-value follows sacrebleu (after Koehn 2004 and MultEval): the resampled absolute
differences, shifted to mean zero, are counted where they exceed the observed absolute
difference; p = (count + 1) / (samples + 1). Randomization's p-value is (count + 1) /
(trials + 1) too, counting the trials at least as far apart as the observed systems (Noreen
1989). sacrebleu counts only trials strictly further apart, which misses ties: when k segments
differ, the observed split and its mirror image alone have probability 2^(1 - k), so with one
differing segment every trial ties and sacrebleu reports p = 1 / (trials + 1), "significant".
The chrF and BLEU randomization p-value is therefore raised to at least 2^(1 - k) (1.0 for one
differing segment). Two systems with identical per-article outputs get p = 1.0 under either
test (sacrebleu's bootstrap would report 1 / (samples + 1) there, as its strict `>` never
counts a zero). Confidence intervals are 95%, from 1,000 paired bootstrap resamples whatever
the test, sorted, at positions samples // 40 and samples - samples // 40 - 1, as in
`sacrebleu.significance.estimate_ci`.

Few articles cannot show a significant change: over n articles (segments) an exact paired
test's smallest two-sided p-value is 2^(1 - n), so a test can resolve a change at `alpha` only
from `min_articles(alpha)` articles on (6 at 0.05, 8 at 0.01). The bootstrap's p-value on fewer
is no better founded (it resamples the same few articles and understates the spread; on one
article every resample is that article and p = 1/1001), so below that number no result is
called significant, whatever its p-value.

The seed is `SACREBLEU_SEED` when set (`none` for an unseeded generator), else 12345.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from summarizer.errors import UsageError
from summarizer.scoring.metrics import TRANSLATION_METRICS

if TYPE_CHECKING:
    import numpy as np

    from summarizer.scoring.report import ArticleScores, ScoreReport

Test = Literal["bs", "ar"]
TEST_NAMES: dict[str, str] = {"bs": "paired bootstrap", "ar": "approximate randomization"}
DEFAULT_SAMPLES: dict[str, int] = {"bs": 1000, "ar": 10000}
"""Resamples (bootstrap) or trials (randomization) by default, sacrebleu's numbers."""
CI_SAMPLES = DEFAULT_SAMPLES["bs"]
_TIE = 1e-12
"""Differences of means closer than this to the observed one are ties (float rounding)."""
DEFAULT_SEED = 12345
SEED_ENV = "SACREBLEU_SEED"
DEFAULT_ALPHA = 0.05


def min_articles(alpha: float = DEFAULT_ALPHA) -> int:
    """The fewest articles on which a paired test can find a change significant at `alpha`:
    the smallest n with 2^(1 - n) < alpha."""
    return max(1, math.floor(1 - math.log2(alpha)) + 1)


def bootstrap_seed() -> int | None:
    """The seed sacrebleu uses: `SACREBLEU_SEED` (`none` for no fixed seed), else 12345."""
    seed = os.environ.get(SEED_ENV, str(DEFAULT_SEED))
    return None if seed.lower() == "none" else int(seed)


@dataclass(frozen=True)
class PairedResult:
    """One metric, baseline against current system, over the same articles."""

    metric: str
    baseline: float
    current: float
    ci: tuple[float, float]
    """95% confidence interval of the change (current - baseline)."""
    p_value: float
    current_mean: float
    current_ci: float
    """The current system's bootstrap mean and the half-width of its 95% interval."""
    articles: int
    samples: int
    """Bootstrap resamples or randomization trials behind the p-value."""
    seed: int | None
    test: Test = "bs"

    @property
    def delta(self) -> float:
        return self.current - self.baseline

    def resolvable(self, alpha: float = DEFAULT_ALPHA) -> bool:
        """Enough articles for any change to be significant at `alpha` (see min_articles)."""
        return self.articles >= min_articles(alpha)

    def significant(self, alpha: float = DEFAULT_ALPHA) -> bool:
        return self.resolvable(alpha) and self.p_value < alpha

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "current": self.current,
            "delta": self.delta,
            "ci": list(self.ci),
            "p_value": self.p_value,
            "current_mean": self.current_mean,
            "current_ci": self.current_ci,
            "articles": self.articles,
            "test": self.test,
            "samples": self.samples,
            "ci_resamples": CI_SAMPLES,
            "seed": "none" if self.seed is None else self.seed,
        }


def check_test(test: str) -> Test:
    if test not in TEST_NAMES:
        raise UsageError(
            f"--test must be bs (paired bootstrap) or ar (approximate randomization), got {test!r}"
        )
    return test  # type: ignore[return-value]


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
