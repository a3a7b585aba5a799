"""Timings of the run that computed an article, kept through re-runs answered from the cache.

A re-run whose translations and summary all come from the cache does almost no work; writing
its fraction of a second over result.json's timings would lose what the work cost. When the
article's folder already holds a result.json with the same sentences, translation and summary,
its timings are kept, and this run's own seconds are added as `this_run_s`; the `cache` block
still says the work came from the cache.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.pipeline.result_file import read_result


def keep_computed_timings(data: dict[str, Any], earlier: Path) -> dict[str, Any]:
    """`data` (a result.json about to be written), with the timings of `earlier` (the article's
    result.json on disk) when this run computed nothing for the article and the outputs are
    the same."""
    cache = data["cache"]
    if not cache["summary_hit"] or cache["translation_misses"]:
        return data
    previous = _read(earlier)
    timings = previous.get("timings")
    if not isinstance(timings, dict) or _work(previous) != _work(data):
        return data
    kept = {k: v for k, v in timings.items() if k != "this_run_s"}
    return data | {"timings": kept | {"this_run_s": data["timings"]["total_s"]}}


def _work(data: dict[str, Any]) -> tuple[Any, ...]:
    segments = data.get("segments")
    sources = [s.get("source") for s in segments if isinstance(s, dict)] if segments else None
    return sources, data.get("translation"), data.get("summary")


def _read(path: Path) -> dict[str, Any]:
    """The earlier result.json; {} when there is none that this version reads (its timings are
    then this run's)."""
    try:
        return read_result(path)
    except InputError:
        return {}
