"""Figures per contender as a text table, a markdown table and the closing JSON line."""

from __future__ import annotations

from typing import Any

COLUMNS = (
    "contender",
    "inputs",
    "tokens",
    "seconds",
    "inputs/s",
    "tokens/s",
    "× (a)",
    "load s",
    "peak RSS MB",
    "load avg",
)
NAMES = {
    "a": "(a) transformers, one input per generate",
    "b": "(b) transformers, batched",
    "c": "(c) summarizer run --backend hf",
    "d": "(d) summarizer run --backend ct2",
    "e": "(e) raw CTranslate2 translate_batch",
    "f": "(f) summarizer run --backend ct2, checks off",
}


def tokens_per_second(figures: dict[str, Any]) -> float:
    return figures["tokens"] / figures["seconds"] if figures["seconds"] > 0 else 0.0


def rows(results: dict[str, dict[str, Any]]) -> list[list[str]]:
    base = tokens_per_second(results["a"]) if "a" in results else 0.0
    table = []
    for key, figures in results.items():
        rate = tokens_per_second(figures)
        table.append(
            [
                NAMES[key],
                str(figures["inputs"]),
                str(figures["tokens"]),
                f"{figures['seconds']:.1f}",
                f"{figures['inputs'] / figures['seconds']:.2f}" if figures["seconds"] else "-",
                f"{rate:.1f}",
                f"{rate / base:.2f}" if base else "-",
                f"{figures['load_s']:.1f}",
                f"{figures['peak_rss_mb']:.0f}",
                f"{figures['load_avg']:.1f}",
            ]
        )
    return table


def text_table(title: str, results: dict[str, dict[str, Any]]) -> str:
    body = [list(COLUMNS), *rows(results)]
    widths = [max(len(row[i]) for row in body) for i in range(len(COLUMNS))]
    lines = [title]
    for row in body:
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def markdown_table(title: str, results: dict[str, dict[str, Any]]) -> str:
    lines = [f"#### {title}", "", "| " + " | ".join(COLUMNS) + " |"]
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(COLUMNS) - 1)) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows(results))
    return "\n".join(lines)


def cache_ratios(results: dict[str, dict[str, Any]]) -> tuple[float, float]:
    """(d) run again over unchanged input, as a share of its first run: whole process, and
    inside the process (first run: model load + run; second: the run, which loads nothing)."""
    first, again = results["d"], results["d"]["cached_rerun"]
    inside = (again["load_s"] + again["seconds"]) / (first["load_s"] + first["seconds"])
    return again["process_s"] / first["process_s"], inside


def cache_line(results: dict[str, dict[str, Any]]) -> str:
    first, again = results["d"], results["d"]["cached_rerun"]
    process, inside = cache_ratios(results)
    return (
        f"(d) again over unchanged input (cache): {again['process_s']:.2f} s vs "
        f"{first['process_s']:.2f} s for the whole process = {process:.1%}; "
        f"in-process {inside:.1%}"
    )


def ceiling_line(results: dict[str, dict[str, Any]]) -> str:
    """(d), and (f) without the checks, as shares of (e)'s tokens/s."""
    ceiling = tokens_per_second(results["e"])
    return "; ".join(
        f"{NAMES[key]} = {tokens_per_second(results[key]) / ceiling:.1%} of (e)"
        for key in ("d", "f")
        if key in results
    )


def summary(results: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Every contender's tokens/s and ratio to (a), and (d)'s cached rerun share, per suite."""
    out: dict[str, Any] = {}
    for suite, contenders in results.items():
        base = tokens_per_second(contenders["a"]) if "a" in contenders else 0.0
        out[suite] = {
            key: {
                "tokens_per_s": round(tokens_per_second(figures), 2),
                "ratio_to_a": round(tokens_per_second(figures) / base, 2) if base else None,
                "peak_rss_mb": round(figures["peak_rss_mb"]),
            }
            for key, figures in contenders.items()
        }
        if "e" in contenders:
            ceiling = tokens_per_second(contenders["e"])
            for key in ("d", "f"):
                if key in contenders:
                    share = tokens_per_second(contenders[key]) / ceiling
                    out[suite][key]["share_of_e"] = round(share, 4)
        if "cached_rerun" in contenders.get("d", {}):
            out[suite]["d"]["cached_rerun_share"] = round(cache_ratios(contenders)[0], 4)
    return out
