"""The report's flags section: every flagged sentence and summary of a run, filterable by check,
with what the retry of each gave.

Flags come from result.json (`segments[i]["flags"]`, `summary_flags`), retries from
`segments[i]["retried"]` and `summary_retried`; a result written before the checks existed is
checked afresh.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, NamedTuple, Protocol

from summarizer.checks import CHECKS, Flag, check_translations
from summarizer.checks.trusted import check_result_summary
from summarizer.names.suggest import Suggestion, dropped
from summarizer.wording import count


class FlaggedEntry(Protocol):
    """What the section needs of a report entry."""

    number: int
    stem: str
    result: dict[str, Any] | None

    @property
    def anchor(self) -> str: ...


class Flagged(NamedTuple):
    """A flagged place ('sentence 3', 'summary'), its flags, and its retry record if retried."""

    place: str
    flags: list[dict[str, str]]
    retried: Mapping[str, Any] | None = None


def recorded_flags(result: Mapping[str, Any]) -> list[Flagged]:
    """Each flagged segment's and the summary's flags, with their retry records."""
    segments = [s if isinstance(s, Mapping) else {} for s in result.get("segments") or []]
    recorded = "summary_flags" in result or any("flags" in s for s in segments)
    korean = (result.get("article") or {}).get("language") == "ko"
    found = []
    checked: list[list[Flag]] = [[] for _ in segments]
    if korean and not recorded:
        sources = [str(segment.get("source", "")) for segment in segments]
        checked = check_translations(sources, [str(s.get("translation", "")) for s in segments])
    for number, segment in enumerate(segments, start=1):
        if recorded:
            flags = list(segment.get("flags") or [])
        else:
            flags = [f.to_json() for f in checked[number - 1]]
        if flags:
            found.append(Flagged(f"sentence {number}", flags, _record(segment.get("retried"))))
    if recorded:
        summary = list(result.get("summary_flags") or [])
    else:
        summary = [f.to_json() for f in check_result_summary(result, [bool(f) for f in checked])]
    if summary:
        found.append(Flagged("summary", summary, _record(result.get("summary_retried"))))
    return found


def retry_counts(result: Mapping[str, Any]) -> Counter[str]:
    """How many sentences and summaries were retried, and how many of them kept the retry."""
    counts = Counter[str]()
    segments = [s for s in result.get("segments") or [] if isinstance(s, Mapping)]
    records = [("sentence", _record(s.get("retried"))) for s in segments]
    records.append(("summary", _record(result.get("summary_retried"))))
    for what, record in records:
        if record is not None:
            counts[what] += 1
            counts[f"{what} kept"] += record.get("kept") == "retry"
    return counts


def _record(value: Any) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def _retry_cell(record: Mapping[str, Any] | None) -> str:
    if record is None:
        return "<td></td>"
    other = escape(str(record.get("other", "")))
    return (
        f"<td>{escape(str(record.get('how', '')))}, kept the {escape(str(record.get('kept', '')))}"
        f'<br><span class="meta">other attempt: {other}</span></td>'
    )


def _retries_line(counts: Counter[str]) -> str:
    parts = [
        f"{count(counts[what], what, plural)} ({counts[f'{what} kept']} kept the retry)"
        for what, plural in (("sentence", "sentences"), ("summary", "summaries"))
        if counts[what]
    ]
    if not parts:
        return ""
    return (
        f'<p class="meta">Asked again because the first attempt was flagged: {", ".join(parts)}; '
        "the attempt with fewer flags is kept.</p>"
    )


def _places_line(places: Counter[str]) -> str:
    """Like "97 sentences and 1 summary": places flagged, as the command line counts them (a
    sentence with two flags is one sentence, and two rows of the table)."""
    parts = [
        count(places[what], what, plural)
        for what, plural in (("sentence", "sentences"), ("summary", "summaries"))
        if places[what]
    ]
    return " and ".join(parts)


def flags_section(entries: Sequence[FlaggedEntry]) -> str:
    """A table of every flag with a filter by check; says so when nothing was flagged."""
    rows, counts, retried, places = [], Counter[str](), Counter[str](), Counter[str]()
    for entry in entries:
        if entry.result is None:
            continue
        retried.update(retry_counts(entry.result))
        for place, flags, record in recorded_flags(entry.result):
            places["summary" if place == "summary" else "sentence"] += 1
            for flag in flags:
                check = str(flag.get("check", ""))
                counts[check] += 1
                rows.append(
                    f'<tr data-check="{escape(check)}"><td><a href="#{entry.anchor}">'
                    f"{entry.number} {escape(entry.stem)}</a></td><td>{escape(place)}</td>"
                    f"<td>{escape(check)}</td><td>{escape(str(flag.get('detail', '')))}</td>"
                    f"{_retry_cell(record)}</tr>"
                )
    if not rows:
        return (
            '<section id="flags"><h2>Flags</h2><p>No sentence or summary was flagged.</p>'
            f"{_retries_line(retried)}</section>"
        )
    lost = dropped((e.stem, e.result) for e in entries if e.result is not None)
    names = [c for c in CHECKS if c in counts] + sorted(set(counts) - set(CHECKS))
    options = "".join(
        f'<option value="{escape(c)}">{escape(c)} ({counts[c]})</option>' for c in names
    )
    return (
        f'<section id="flags"><h2>Flags ({_places_line(places)})</h2>'
        '<p class="meta">Checks without a reference: see <code>summarizer check --help</code>.</p>'
        f"{_retries_line(retried)}{_dropped_line(lost)}"
        f'<label hidden id="flag-controls">Check <select id="flag-check">'
        f'<option value="">all</option>{options}</select></label>'
        '<table id="flag-table"><thead><tr><th>article</th><th>where</th><th>check</th>'
        "<th>detail</th><th>retry</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _dropped_line(lost: Sequence[Suggestion]) -> str:
    """The names the run dropped, most often first, and how to make a glossary of them."""
    if not lost:
        return ""
    shown = ", ".join(
        f"{escape(s.name)} ({count(s.sentences, 'sentence')}, {count(len(s.articles), 'article')})"
        for s in lost[:DROPPED_SHOWN]
    )
    more = f" and {len(lost) - DROPPED_SHOWN} more" if len(lost) > DROPPED_SHOWN else ""
    return (
        f'<p class="meta" id="dropped-names">Names dropped: {shown}{more}. '
        "<code>summarizer glossary suggest OUTPUTS -o names.tsv</code> writes them as a glossary "
        "to complete; run again with <code>--glossary names.tsv</code>.</p>"
    )


DROPPED_SHOWN = 12
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
