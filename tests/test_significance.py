"""Paired significance tests against sacrebleu's PairedTest and independent numpy versions of
the bootstrap and of approximate randomization."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.significance import PairedTest

from summarizer.errors import UsageError
from summarizer.scoring.paired import paired_bootstrap, paired_mean_test, paired_translation_test
from summarizer.scoring.significance import bootstrap_seed, check_test, min_articles

REFERENCES = [
    "The president met the prime minister in Seoul on Monday.",
    "Exports of semiconductors rose by ten percent last year.",
    "Heavy rain flooded several roads in the southern city.",
    "The central bank kept its interest rate unchanged.",
    "A new subway line will open in the capital next spring.",
    "The team won the championship after a long final.",
    "Officials said the fire was caused by a gas leak.",
    "Prices of fresh vegetables have doubled since June.",
]
BASELINE = [
    "The president met prime minister in Seoul Monday.",
    "Semiconductor exports went up ten percent in the last year.",
    "Rain flooded roads in a southern city.",
    "The bank kept the rate.",
    "A subway line opens next spring.",
    "The team won a championship.",
    "Officials said a gas leak caused the fire.",
    "Vegetable prices doubled.",
]
CURRENT = [
    "The president met the prime minister in Seoul on Monday.",
    "Exports of semiconductors rose ten percent last year.",
    "Heavy rain flooded several roads in the southern city.",
    "The central bank kept its rate unchanged.",
    "A new subway line will open in the capital next spring.",
    "The team won the championship after the final.",
    "Officials said the fire was caused by gas.",
    "Prices of vegetables have doubled since June.",
]


def numpy_bootstrap(old: np.ndarray, new: np.ndarray, samples: int, seed: int) -> tuple:
    """The paired bootstrap written out independently: same indices for both systems."""
    rng = np.random.default_rng(seed)
    n = len(old)
    indices = rng.choice(n, size=(samples, n), replace=True)
    diffs = np.array([new[row].mean() - old[row].mean() for row in indices])
    ordered = sorted(diffs)
    ci = (ordered[samples // 40], ordered[samples - samples // 40 - 1])
    absolute = np.abs(diffs)
    count = sum(1 for d in absolute - absolute.mean() if d > abs(new.mean() - old.mean()))
    return ci, (count + 1) / (samples + 1)


def test_rouge_bootstrap_equals_an_independent_numpy_computation() -> None:
    rng = np.random.default_rng(3)
    old = rng.uniform(0.2, 0.6, size=40)
    new = old + rng.normal(0.01, 0.05, size=40)
    result = paired_bootstrap("rougeL", old.tolist(), new.tolist(), samples=500, seed=12345)
    ci, p_value = numpy_bootstrap(old, new, 500, 12345)
    assert result.ci == pytest.approx(ci, abs=1e-12)
    assert result.p_value == pytest.approx(p_value)
    assert result.delta == pytest.approx(new.mean() - old.mean())
    assert result.articles == 40 and result.samples == 500 and result.seed == 12345
    assert result.ci[0] < result.delta < result.ci[1]


def numpy_randomization(old: np.ndarray, new: np.ndarray, trials: int, seed: int) -> float:
    """Approximate randomization written out trial by trial: swap each pair with chance 1/2,
    count the trials at least as far apart as the observed systems."""
    swaps = np.random.default_rng(seed).integers(2, size=(trials, len(old)), dtype=bool)
    observed = abs(new.mean() - old.mean())
    count = 0
    for swap in swaps:
        first = [o if s else n for o, n, s in zip(old, new, swap, strict=True)]
        second = [n if s else o for o, n, s in zip(old, new, swap, strict=True)]
        count += abs(np.mean(first) - np.mean(second)) >= observed - 1e-12
    return (count + 1) / (trials + 1)


def test_rouge_randomization_equals_an_independent_numpy_computation() -> None:
    rng = np.random.default_rng(5)
    old = rng.uniform(0.2, 0.6, size=30)
    new = old + rng.normal(0.01, 0.05, size=30)
    result = paired_mean_test("rouge1", old.tolist(), new.tolist(), "ar", 2000, 12345)
    assert result.p_value == pytest.approx(numpy_randomization(old, new, 2000, 12345))
    assert result.test == "ar" and result.samples == 2000
    assert result.ci == paired_bootstrap("rouge1", old.tolist(), new.tolist(), seed=12345).ci
    assert result.to_dict()["test"] == "ar" and result.to_dict()["ci_resamples"] == 1000


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_identical_systems_give_p_one_and_a_zero_interval(test: str) -> None:
    scores = [0.3, 0.5, 0.41, 0.2, 0.33]
    result = paired_mean_test("rouge1", scores, scores, check_test(test))
    assert result.p_value == 1.0
    assert result.ci == (0.0, 0.0)
    translation = paired_translation_test("bleu", CURRENT, CURRENT, REFERENCES, check_test(test))
    assert translation.p_value == 1.0
    assert translation.ci == (0.0, 0.0) and translation.delta == 0.0


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_better_on_70_of_100_articles_is_significant(test: str) -> None:
    rng = np.random.default_rng(0)
    old = rng.uniform(0.2, 0.5, size=100)
    new = old.copy()
    new[:70] += 0.05
    result = paired_mean_test("rouge2", old.tolist(), new.tolist(), check_test(test))
    assert result.p_value < 0.05 and result.significant(0.05)
    assert result.ci[0] > 0


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_a_single_differing_article_is_not_significant(test: str) -> None:
    rng = np.random.default_rng(0)
    old = rng.uniform(0.2, 0.5, size=100)
    new = old.copy()
    new[17] -= 0.3
    result = paired_mean_test("rouge2", old.tolist(), new.tolist(), check_test(test))
    assert result.delta == pytest.approx(-0.003)
    assert result.p_value >= 0.05 and not result.significant(0.05)
    assert result.ci[0] < 0 <= result.ci[1]


@pytest.mark.parametrize(("name", "metric"), [("chrf", CHRF), ("bleu", BLEU)])
def test_translation_metrics_equal_sacrebleus_paired_test(name: str, metric: type) -> None:
    ours = paired_translation_test(name, BASELINE, CURRENT, REFERENCES, samples=300)
    _, results = PairedTest(
        [("baseline", BASELINE), ("current", CURRENT)],
        {name: metric()},
        [REFERENCES],
        test_type="bs",
        n_samples=300,
    )()
    baseline, current = next(v for k, v in results.items() if k != "System")
    assert ours.p_value == current.p_value
    assert ours.current_mean == pytest.approx(current.mean)
    assert ours.current_ci == pytest.approx(current.ci)
    assert (ours.baseline, ours.current) == (baseline.score, current.score)
    assert ours.delta > 0 and ours.ci[0] <= ours.delta <= ours.ci[1]


def noisy_corpus(segments: int) -> tuple[list[str], list[str], list[str]]:
    """References of random words, and two systems that keep 60% and 70% of their words."""
    rng = np.random.default_rng(11)
    words = " ".join(REFERENCES).lower().split()
    refs = [" ".join(rng.choice(words, 12)) for _ in range(segments)]

    def noisy(keep: float) -> list[str]:
        return [
            " ".join(w if rng.random() < keep else str(rng.choice(words)) for w in r.split())
            for r in refs
        ]

    return noisy(0.6), noisy(0.7), refs


def sacrebleu_ar(name: str, baseline: list[str], current: list[str], refs: list[str]) -> Any:
    _, results = PairedTest(
        [("baseline", baseline), ("current", current)],
        {name: CHRF() if name == "chrf" else BLEU()},
        [refs],
        test_type="ar",
        n_samples=500,
        n_ar_confidence=1000,
    )()
    return next(v for k, v in results.items() if k != "System")


@pytest.mark.parametrize("name", ["chrf", "bleu"])
def test_randomization_of_translation_metrics_equals_sacrebleus(name: str) -> None:
    baseline, current, refs = noisy_corpus(60)
    ours = paired_translation_test(name, baseline, current, refs, "ar", samples=500)
    old, new = sacrebleu_ar(name, baseline, current, refs)
    assert ours.test == "ar" and ours.samples == 500
    assert ours.p_value == new.p_value
    assert ours.current_mean == pytest.approx(new.mean)
    assert ours.current_ci == pytest.approx(new.ci)
    assert (ours.baseline, ours.current) == (old.score, new.score)
    booted = paired_translation_test(name, baseline, current, refs)
    assert ours.ci == booted.ci


@pytest.mark.parametrize("name", ["chrf", "bleu"])
def test_randomization_p_is_at_least_the_chance_of_the_observed_split(name: str) -> None:
    """Eight differing segments: the observed split and its mirror have chance 2 / 2**8."""
    ours = paired_translation_test(name, BASELINE, CURRENT, REFERENCES, "ar", samples=500)
    raw = sacrebleu_ar(name, BASELINE, CURRENT, REFERENCES)[1].p_value
    assert raw < 2**-7 and ours.p_value == 2**-7


@pytest.mark.parametrize("name", ["chrf", "bleu"])
def test_one_differing_segment_is_not_significant_under_randomization(name: str) -> None:
    """sacrebleu alone would say p = 1/(trials + 1): every trial ties with the observed split."""
    current = list(BASELINE)
    current[3] = CURRENT[3]
    raw = PairedTest(
        [("b", BASELINE), ("c", current)],
        {name: CHRF() if name == "chrf" else BLEU()},
        [REFERENCES],
        test_type="ar",
        n_samples=500,
    )()[1]
    assert next(v for k, v in raw.items() if k != "System")[1].p_value == 1 / 501
    assert paired_translation_test(name, BASELINE, current, REFERENCES, "ar", 500).p_value == 1.0


def test_an_unknown_test_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"--test must be bs .* or ar"):
        check_test("t-test")


def test_the_seed_is_sacrebleus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)
    assert bootstrap_seed() == 12345
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    assert bootstrap_seed() == 7
    ours = paired_translation_test("chrf", BASELINE, CURRENT, REFERENCES, samples=200)
    _, results = PairedTest(
        [("b", BASELINE), ("c", CURRENT)], {"chrf": CHRF()}, [REFERENCES], "bs", 200
    )()
    assert ours.seed == 7 and ours.p_value == results["chrF2"][1].p_value
    monkeypatch.setenv("SACREBLEU_SEED", "none")
    assert bootstrap_seed() is None


def test_unpaired_inputs_are_refused() -> None:
    with pytest.raises(ValueError, match="same, non-zero number"):
        paired_bootstrap("rouge1", [0.1, 0.2], [0.1])
    with pytest.raises(ValueError, match="same, non-zero number"):
        paired_translation_test("bleu", BASELINE, CURRENT[:3], REFERENCES)


@pytest.mark.parametrize(("alpha", "fewest"), [(0.05, 6), (0.01, 8), (0.0625, 6), (0.5, 3)])
def test_fewest_articles_a_test_can_resolve(alpha: float, fewest: int) -> None:
    assert min_articles(alpha) == fewest
    assert 2.0 ** (1 - fewest) < alpha <= 2.0 ** (2 - fewest)


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_too_few_articles_are_never_significant(test: str) -> None:
    one = paired_mean_test("rouge2", [0.5], [0.1], check_test(test))
    assert one.articles == 1 and not one.resolvable(0.05) and not one.significant(0.05)
    five = paired_mean_test("rouge2", [0.5] * 5, [0.1] * 5, check_test(test))
    assert not five.significant(0.05)
    six = paired_mean_test("rouge2", [0.5, 0.6, 0.5, 0.7, 0.5, 0.6], [0.1] * 6, check_test(test))
    assert six.resolvable(0.05) and six.significant(0.05)
