"""Numbers as the report prints them: scores, and seconds on a time axis."""

from __future__ import annotations

from summarizer.scoring.metrics import metric_scale


def fmt(metric: str, value: float | None, sign: str = "") -> str:
    """A score as text: 0.123 for ROUGE, 12.3 for chrF and BLEU; `sign="+"` for changes."""
    if value is None:
        return ""
    return f"{value:{sign}.1f}" if metric_scale(metric) > 1 else f"{value:{sign}.3f}"


def seconds(value: float, top: float) -> str:
    """A time-axis tick for an axis that ends at `top` seconds, precise enough that the ticks of
    a short axis differ: whole seconds from 100 s, tenths from 1 s, milliseconds below."""
    if top >= 100:
        return f"{value:.0f}s"
    if top >= 1:
        return f"{value:.1f}s"
    return f"{value * 1000:.3g} ms"
