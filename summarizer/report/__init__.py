"""A self-contained HTML report of an outputs folder: index, charts and every article in full.

Reads what `summarizer run` wrote (index.jsonl, <stem>/result.json) and, when present,
`scores.json` from `summarizer score` and `regress.json` from `summarizer regress`
(`data`); draws the charts as inline SVG (`charts`), lists flagged sentences (`flags`) and
lays out the page (`page`) with inline CSS and JavaScript only (`assets`), pinned by a Content
Security Policy. Everything rendered is escaped; the page works without JavaScript (sorting and
filtering need it).
"""

from summarizer.pipeline.outputs import REPORT_FILE
from summarizer.report.data import (
    REGRESS_FILE,
    SCORES_FILE,
    Entry,
    Outputs,
    read_outputs,
)
from summarizer.report.page import render

__all__ = [
    "REGRESS_FILE",
    "REPORT_FILE",
    "SCORES_FILE",
    "Entry",
    "Outputs",
    "read_outputs",
    "render",
]
