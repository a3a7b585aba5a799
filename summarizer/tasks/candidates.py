"""Choosing one translation of a segment among several candidates.

The candidates are the greedy translation and a few sampled ones (`engines.Sampling`). The checks
decide first: a candidate with fewer flags wins. Among as many flags, the candidate the others
agree with most wins: minimum Bayes risk decoding with chrF as the utility, which picks the
consensus of the samples rather than the model's single most likely path. On NTREX-128
development lines it lifted chrF by about 3 points over greedy decoding (benchmarks/HISTORY.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from sacrebleu.metrics import CHRF

MAX_SEQUENCES = 32
"""Sequences one sampling call decodes at once (prompts × samples). With Qwen's 151,936-word
output layer on CTranslate2, 64 or 128 sequences a call spent most of their time in page faults
(system time equal to user time); 32 did not (benchmarks/HISTORY.md)."""


def agreement(options: Sequence[str]) -> list[float]:
    """Each candidate's mean sentence chrF against every other candidate."""
    if len(options) < 2:
        return [0.0] * len(options)
    metric = CHRF()
    return [
        sum(metric.sentence_score(option, [other]).score for other in others) / len(others)
        for option, others in (
            (option, [o for j, o in enumerate(options) if j != i])
            for i, option in enumerate(options)
        )
    ]


def choose(options: Sequence[str], flag_counts: Sequence[int]) -> int:
    """Index of the candidate to keep: fewest flags, then most agreement, then the first."""
    scores = agreement(options)
    return min(range(len(options)), key=lambda i: (flag_counts[i], -scores[i], i))


def prompts_per_call(count: int) -> int:
    """Prompts per sampling call when each draws `count` samples."""
    return max(1, MAX_SEQUENCES // count)
