"""`python -m benchmarks.stream`: memory, first article and throughput at growing folder sizes.

Writes folders of tiny Korean articles (one short NTREX-128 sentence each, numbered so that
every sentence is new to the cache) and, per size, runs in a fresh process what `summarizer run`
does: `Pipeline.run`, the end-of-run summary and the HTML report. The models are as cheap as
models get, so that the figures show the pipeline: a 1+1-layer Marian with opus-mt-ko-en's
tokenizer on the ct2 backend, forced to NEW_TOKENS tokens (retries greedy too), and the
`lead-1` summarizer. Prints per size the peak RSS (VmHWM) after the pipeline and after the
end-of-run summary, seconds to the first finished article, articles per second, and beside them
the same run with the checks off (no flags, so no retries: what the checks cost); then, in
another fresh process, the seconds to write the report and how much that grows the RSS, and
(with chromium and selenium) seconds until the report shows its index in a headless browser;
then the sizes side by side.

`--phases pipeline` and `--phases report` run one half; the other half's figures are read from
the last run's files in the work folder (the report phase needs the pipeline's outputs).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks import models, workload
from benchmarks.browser import open_seconds

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "summarizer-benchmarks-stream"
DEFAULT_SIZES = (2000, 20000, 100000)
# The negligible BART's layers and widths, with opus-mt-ko-en's vocabulary and positions.
TINY_MARIAN = {
    k: v
    for k, v in models.NEGLIGIBLE_BART.items()
    if k not in ("vocab_size", "max_position_embeddings")
}
NEW_TOKENS = 2
SHORT_LINE = 60
"""Articles are NTREX lines up to this long: one segment each, which needs no sentence split."""
COLUMNS = (
    ("articles", "articles", "{:,}"),
    ("peak_rss_mb", "peak RSS MB (pipeline)", "{:.0f}"),
    ("peak_rss_summary_mb", "peak RSS MB (+ summary)", "{:.0f}"),
    ("report_growth_mb", "report's own RSS growth MB", "{:.0f}"),
    ("first_article_s", "first article s", "{:.2f}"),
    ("articles_per_s", "articles/s", "{:.1f}"),
    ("seconds", "pipeline s", "{:.0f}"),
    ("unchecked_s", "pipeline s, checks off", "{:.0f}"),
    ("checks_cost", "checks on / off", "{:.2f}×"),
    ("unchecked_peak_rss_mb", "peak RSS MB, checks off", "{:.0f}"),
    ("summary_s", "summary s", "{:.1f}"),
    ("report_s", "report s", "{:.1f}"),
    ("browser_s", "report in browser s", "{:.2f}"),
    ("load_avg", "load avg", "{:.1f}"),
)


def write_folder(folder: Path, count: int, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    for number in range(count):
        text = f"{lines[number % len(lines)]} ({number}번)\n"
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def run_pipeline(job: dict[str, Any]) -> dict[str, Any]:
    """The pipeline and the end-of-run summary in this (fresh) process."""
    import contextlib
    import io

    import summarizer.tasks.translate
    from benchmarks.contenders import _peak_rss_mb, checks_off
    from summarizer.cache.store import Cache
    from summarizer.cli.run_summary import print_run_summary
    from summarizer.config import Settings
    from summarizer.pipeline.core import Pipeline

    summarizer.tasks.translate.RETRY_BEAMS = 1
    if not job.get("checks", True):
        checks_off()
    forced = {"num_beams": 1, "max_new_tokens": NEW_TOKENS, "min_new_tokens": NEW_TOKENS}
    settings = Settings(
        translator=job["translator"],
        summarizer="lead-1",
        models_dir=Path(job["models_dir"]),
        backend="ct2",
        translator_decoding=forced,
    )
    first: list[float] = []
    with Cache(Path(job["out"]) / "cache.sqlite") as cache:
        pipeline = Pipeline(settings, cache)
        assert pipeline.translator.model.engine
        before = _peak_rss_mb()
        began = time.perf_counter()

        def written(_result: object) -> None:
            if not first:
                first.append(time.perf_counter() - began)

        report = pipeline.run(Path(job["articles"]), Path(job["out"]), written=written)
        seconds = time.perf_counter() - began
    assert not report.failed, f"{report.failed} articles failed"
    peak = _peak_rss_mb()
    began = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()) as shown:
        print_run_summary(report, "report.html")
    return {
        "articles": report.articles,
        "peak_rss_mb": peak,
        "rss_after_load_mb": before,
        "first_article_s": first[0],
        "seconds": seconds,
        "articles_per_s": report.articles / seconds,
        "summary_s": time.perf_counter() - began,
        "summary_lines": len(shown.getvalue().splitlines()),
        "peak_rss_summary_mb": _peak_rss_mb(),
        "load_avg": os.getloadavg()[0],
    }


def run_report(job: dict[str, Any]) -> dict[str, Any]:
    """The HTML report of the pipeline's outputs in this (fresh) process."""
    import contextlib
    import io

    from benchmarks.contenders import _peak_rss_mb
    from summarizer.cli.report_commands import save_report

    before = _rss_mb()
    began = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        save_report(Path(job["out"]))
    return {"report_s": time.perf_counter() - began, "report_growth_mb": _peak_rss_mb() - before}


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_child(phase: str, job: dict[str, Any], job_file: Path) -> dict[str, Any]:
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.stream", "--child", phase, str(job_file)],
        capture_output=True,
        text=True,
        cwd=workload.REPO,
        env={**os.environ, "PYTHONPATH": str(workload.REPO), "TOKENIZERS_PARALLELISM": "false"},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(figures: dict[int, dict[str, Any]]) -> str:
    sizes = list(figures)
    rows = [["", *(f"{size:,}" for size in sizes)]]
    for key, name, form in COLUMNS[1:]:
        rows.append([name, *(_cell(figures[s].get(key), form) for s in sizes)])
    width = max(len(r[0]) for r in rows)
    return "\n".join(r[0].ljust(width) + "".join(c.rjust(12) for c in r[1:]) for r in rows)


def _cell(value: Any, form: str) -> str:
    return "–" if value is None else form.format(value)


def prepare(root: Path) -> dict[str, str]:
    """The tiny translator, converted for ct2."""
    from summarizer.engines import convert
    from summarizer.models.spec import resolve

    translator = models.build_marian(workload.SKELETON, root / "tiny-marian", **TINY_MARIAN)
    convert.convert(resolve(str(translator), root / "models"), root / "models", "int8")
    return {"translator": str(translator), "models_dir": str(root / "models")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stream", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--phases", nargs="+", choices=("pipeline", "report"))
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument(
        "--data", type=Path, help="folder for the articles and outputs [default: --workdir]"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        phase, job_file = args.child
        job = json.loads(Path(job_file).read_text(encoding="utf-8"))
        print(json.dumps(run_pipeline(job) if phase == "pipeline" else run_report(job)))
        return 0
    if not workload.available():
        print(f"skipped: NTREX-128 or the opus-mt skeleton is missing under {workload.SHARED}")
        return 0
    phases = args.phases or ["pipeline", "report"]
    root: Path = args.workdir
    data: Path = args.data or root
    job = prepare(root)
    lines = (line for doc in workload.documents("ko") for line in doc.lines)
    korean = [line for line in lines if 0 < len(line) <= SHORT_LINE]
    figures: dict[int, dict[str, Any]] = {}
    for size in args.sizes:
        saved = root / f"figures-{size}.json"
        found = json.loads(saved.read_text(encoding="utf-8")) if saved.is_file() else {}
        sized = {
            **job,
            "articles": str(data / f"articles-{size}"),
            "out": str(data / f"out-{size}"),
        }
        if "pipeline" in phases:
            write_folder(Path(sized["articles"]), size, korean)
            unchecked = {**sized, "checks": False, "out": f"{sized['out']}-unchecked"}
            subprocess.run(["rm", "-rf", sized["out"], unchecked["out"]], check=True)
            found = run_child("pipeline", sized, root / f"job-{size}.json")
            off = run_child("pipeline", unchecked, root / f"job-{size}-unchecked.json")
            found["unchecked_s"] = off["seconds"]
            found["unchecked_peak_rss_mb"] = off["peak_rss_mb"]
            found["checks_cost"] = found["seconds"] / off["seconds"]
        if "report" in phases:
            found |= run_child("report", sized, root / f"job-{size}.json")
            found["browser_s"] = open_seconds(Path(sized["out"]) / "report.html")
        saved.write_text(json.dumps(found), encoding="utf-8")
        figures[size] = found
        print(f"{size} articles: {json.dumps(found)}", flush=True)
    print(table(figures))
    small, large = figures[args.sizes[0]], figures[args.sizes[-1]]
    print(
        f"{args.sizes[-1]:,} against {args.sizes[0]:,} articles: peak RSS "
        f"{large['peak_rss_summary_mb'] / small['peak_rss_summary_mb']:.3f}×, first article "
        f"{large['first_article_s']:.2f} s vs {small['first_article_s']:.2f} s; checks on / off "
        + ", ".join(
            f"{f['checks_cost']:.2f}× at {n:,}" for n, f in figures.items() if f.get("checks_cost")
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
