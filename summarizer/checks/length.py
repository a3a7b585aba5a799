"""The length check: an English translation far shorter or longer than its Korean source.

Bounds from NTREX-128's human translations (benchmarks/RESULTS.md): English runs 1.8 times
the Korean in characters (median; all 1,997 lines lie within 0.69–3.3), and a constant added
to both sides keeps short titles from swinging the ratio.
"""

from __future__ import annotations

from summarizer.checks.flag import Flag

SHORTEST = 0.6
LONGEST = 4.0
SMOOTHING = 10


def length_ratio(source: str, target: str) -> float:
    """Characters of the target per character of the source, spaces left out, smoothed."""
    return (_letters(target) + SMOOTHING) / (_letters(source) + SMOOTHING)


def check_length(source: str, target: str) -> list[Flag]:
    ratio = length_ratio(source, target)
    if ratio < SHORTEST:
        return [Flag("length", f"{ratio:.1f}× the source's length, expected ≥ {SHORTEST}×")]
    if ratio > LONGEST:
        return [Flag("length", f"{ratio:.1f}× the source's length, expected ≤ {LONGEST}×")]
    return []


def _letters(text: str) -> int:
    return sum(1 for c in text if not c.isspace())
