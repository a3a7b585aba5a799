"""A made-up finished run with one clean and one flagged article, for check and report tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SOURCES = ["그는 5000억달러를 투자했다.", "회사는 성장할 것이라고 말했다.", ""]
CLEAN = ["He invested $500 billion.", "The company said it would grow.", ""]
BAD = ["He invested $5 trillion.", CLEAN[1]]


def result_json(stem: str, translations: list[str], summary: str) -> dict[str, Any]:
    segments = [
        {"paragraph": 0, "source": s, "translation": t, "cached": False}
        for s, t in zip(SOURCES[:2], translations, strict=True)
    ]
    return {
        "article": {"stem": stem, "language": "ko", "title": stem},
        "segments": segments,
        "translation": " ".join(translations),
        "summary": summary,
    }


def write_run(out: Path) -> Path:
    """OUT/clean and OUT/bad (a changed figure, a summary naming Reuters), with index.jsonl."""
    results = [
        result_json("clean", CLEAN[:2], "The company will grow."),
        result_json("bad", BAD, "It grew, Reuters said."),
    ]
    for result in results:
        stem = result["article"]["stem"]
        (out / stem).mkdir(parents=True)
        (out / stem / "result.json").write_text(json.dumps(result), encoding="utf-8")
    index = [
        {"stem": r["article"]["stem"], "ok": True, "dir": r["article"]["stem"]} for r in results
    ]
    (out / "index.jsonl").write_text("".join(json.dumps(e) + "\n" for e in index), encoding="utf-8")
    return out
