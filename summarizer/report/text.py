"""Numbers as the report prints them."""

from __future__ import annotations

from summarizer.scoring.metrics import metric_scale


def fmt(metric: str, value: float | None, sign: str = "") -> str:
    """A score as text: 0.123 for ROUGE, 12.3 for chrF and BLEU; `sign="+"` for changes."""
    if value is None:
        return ""
    return f"{value:{sign}.1f}" if metric_scale(metric) > 1 else f"{value:{sign}.3f}"
