"""Paired significance tests: is the change between two systems on the same articles real?

This module holds their settings and results (light: the command line reads its defaults here);
`summarizer.scoring.paired` runs them.

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
from dataclasses import dataclass
from typing import Any, Literal

from summarizer.errors import UsageError

Test = Literal["bs", "ar"]
TEST_NAMES: dict[str, str] = {"bs": "paired bootstrap", "ar": "approximate randomization"}
DEFAULT_SAMPLES: dict[str, int] = {"bs": 1000, "ar": 10000}
"""Resamples (bootstrap) or trials (randomization) by default, sacrebleu's numbers."""
CI_SAMPLES = DEFAULT_SAMPLES["bs"]
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
