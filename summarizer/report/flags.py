"""The report's flags section: every flagged sentence and summary of a run, filterable by check.

Flags come from result.json (`segments[i]["flags"]`, `summary_flags`); a result written before
the checks existed is checked afresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Protocol

from summarizer.checks import CHECKS, check_summary, check_translation


class FlaggedEntry(Protocol):
    """What the section needs of a report entry."""

    number: int
    stem: str
    result: dict[str, Any] | None

    @property
    def anchor(self) -> str: ...


def recorded_flags(result: Mapping[str, Any]) -> list[tuple[str, list[dict[str, str]]]]:
    """(place, flags) for each flagged segment ('sentence 3') and for the summary."""
    segments = [s if isinstance(s, Mapping) else {} for s in result.get("segments") or []]
    recorded = "summary_flags" in result or any("flags" in s for s in segments)
    korean = (result.get("article") or {}).get("language") == "ko"
    found = []
    for number, segment in enumerate(segments, start=1):
        if recorded:
            flags = list(segment.get("flags") or [])
        elif korean:
            source, target = str(segment.get("source", "")), str(segment.get("translation", ""))
            flags = [f.to_json() for f in check_translation(source, target)]
        else:
            flags = []
        if flags:
            found.append((f"sentence {number}", flags))
    if recorded:
        summary = list(result.get("summary_flags") or [])
    else:
        text, translation = str(result.get("summary", "")), str(result.get("translation", ""))
        summary = [f.to_json() for f in check_summary(text, translation)]
    if summary:
        found.append(("summary", summary))
    return found


def flags_section(entries: Sequence[FlaggedEntry]) -> str:
    """A table of every flag with a filter by check; says so when nothing was flagged."""
    rows, counts = [], Counter[str]()
    for entry in entries:
        if entry.result is None:
            continue
        for place, flags in recorded_flags(entry.result):
            for flag in flags:
                check = str(flag.get("check", ""))
                counts[check] += 1
                rows.append(
                    f'<tr data-check="{escape(check)}"><td><a href="#{entry.anchor}">'
                    f"{entry.number} {escape(entry.stem)}</a></td><td>{escape(place)}</td>"
                    f"<td>{escape(check)}</td><td>{escape(str(flag.get('detail', '')))}</td></tr>"
                )
    if not rows:
        return (
            '<section id="flags"><h2>Flags</h2><p>No sentence or summary was flagged.</p></section>'
        )
    names = [c for c in CHECKS if c in counts] + sorted(set(counts) - set(CHECKS))
    options = "".join(
        f'<option value="{escape(c)}">{escape(c)} ({counts[c]})</option>' for c in names
    )
    return (
        f'<section id="flags"><h2>Flags ({len(rows)})</h2>'
        '<p class="meta">Checks without a reference: see <code>summarizer check --help</code>.</p>'
        f'<label hidden id="flag-controls">Check <select id="flag-check">'
        f'<option value="">all</option>{options}</select></label>'
        '<table id="flag-table"><thead><tr><th>article</th><th>where</th><th>check</th>'
        f"<th>detail</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


FLAGS_CSS = "#flag-table td:nth-child(3){white-space:nowrap}"
FLAGS_JS = """
(() => {
  const select = document.getElementById("flag-check");
  if (!select) return;
  const rows = document.querySelectorAll("#flag-table tbody tr");
  select.addEventListener("input", () => {
    for (const row of rows) row.hidden = select.value !== "" && row.dataset.check !== select.value;
  });
  document.getElementById("flag-controls").hidden = false;
})();
"""
