"""`python -m benchmarks [--quick]`: transformers vs `summarizer run` vs raw CTranslate2.

Prints a table per suite as it finishes; the last line is one JSON object with every
contender's tokens/s and its ratio to (a). See benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

from benchmarks import report, workload
from benchmarks.run import CONTENDERS, plan, run_suite

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "summarizer-benchmarks"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="~200 sentences, base model, greedy")
    parser.add_argument(
        "--sentences", type=int, help="Korean sentences, whole documents [default all 1,997]"
    )
    parser.add_argument(
        "--a-limit", type=int, help="inputs for (a), the slow per-input loop [default 200]"
    )
    parser.add_argument("--documents", type=int, default=12, help="English documents to summarize")
    parser.add_argument("--new-tokens", type=int, default=32, help="forced translation length")
    parser.add_argument("--summary-tokens", type=int, default=64, help="forced summary length")
    parser.add_argument("--beams", type=int, nargs="+", help="beam sizes [default 1 4]")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=None,
        help="batch size of (b) (default 32), (c) and (d) (default: summarizer's own per backend)",
    )
    parser.add_argument(
        "--suites", nargs="+", choices=("base", "big", "summarization"), help="what to measure"
    )
    parser.add_argument(
        "--contenders", nargs="+", choices=CONTENDERS, default=CONTENDERS, help="who runs"
    )
    parser.add_argument("--translator", type=Path, help="a translation model instead of building")
    parser.add_argument("--summarizer", type=Path, help="a summarizer instead of building")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--markdown", type=Path, help="also write the tables here")
    args = parser.parse_args(argv)
    if args.quick:
        args.sentences = args.sentences or 200
        args.a_limit = args.a_limit or 16
        args.suites = args.suites or ["base"]
        args.beams = args.beams or [1]
    args.a_limit = args.a_limit or 200
    args.suites = args.suites or ["base", "big", "summarization"]
    args.beams = args.beams or [1, 4]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
    if not workload.available():
        print(f"skipped: NTREX-128 or the opus-mt skeleton is missing under {workload.SHARED}")
        return 0

    def say(line: str) -> None:
        print(line, flush=True)

    results = {}
    for suite in plan(args, say):
        say(f"{suite.name}: {len(suite.inputs)} inputs × {suite.new_tokens} tokens")
        run_suite(suite, args.workdir, say, tuple(args.contenders))
        say(report.text_table(suite.name, suite.results))
        if "d" in suite.results:
            say(report.cache_line(suite.results))
        if "e" in suite.results:
            say(report.ceiling_line(suite.results))
        results[suite.name] = suite.results
    if args.markdown:
        tables = [report.markdown_table(name, figures) for name, figures in results.items()]
        args.markdown.write_text("\n\n".join(tables) + "\n", encoding="utf-8")
    print(json.dumps(report.summary(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
