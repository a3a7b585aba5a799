"""`python -m benchmarks.stream`: peak memory and time to the first article, small vs large folder.

Writes two folders of small Korean articles (two NTREX-128 sentences each, numbered so that
every sentence is new to the cache) and runs `Pipeline.run` over each in a fresh process with
tiny models (a 1+1-layer Marian with opus-mt-ko-en's tokenizer, a negligible BART, both on the
ct2 backend, forced to a few tokens), so the figures show the pipeline, not the models. Prints
each run's peak RSS (VmHWM), seconds to the first finished article and in all, then the ratios.
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

DEFAULT_WORKDIR = Path(tempfile.gettempdir()) / "summarizer-benchmarks-stream"
# The negligible BART's layers and widths, with opus-mt-ko-en's vocabulary and positions.
TINY_MARIAN = {
    k: v
    for k, v in models.NEGLIGIBLE_BART.items()
    if k not in ("vocab_size", "max_position_embeddings")
}
NEW_TOKENS = 4


def write_folder(folder: Path, count: int, lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    for number in range(count):
        first, second = (lines[(2 * number + k) % len(lines)] for k in (0, 1))
        text = f"{first} ({number}번) {second} ({number}번)\n"
        (folder / f"{number:06d}.txt").write_text(text, encoding="utf-8")
    return folder


def child(job: dict[str, Any]) -> dict[str, Any]:
    """One run in this (fresh) process: peak RSS, first article, total."""
    from benchmarks.contenders import _peak_rss_mb
    from summarizer.cache import Cache
    from summarizer.config import Settings
    from summarizer.pipeline import Pipeline

    forced = {"num_beams": 1, "max_new_tokens": NEW_TOKENS, "min_new_tokens": NEW_TOKENS}
    settings = Settings(
        translator=job["translator"],
        summarizer=job["summarizer"],
        models_dir=Path(job["models_dir"]),
        backend="ct2",
        translator_decoding=forced,
        summarizer_decoding=forced,
    )
    first: list[float] = []
    with Cache(Path(job["out"]) / "cache.sqlite") as cache:
        pipeline = Pipeline(settings, cache)
        assert pipeline.translator.model.engine and pipeline.summarizer.model.engine
        before = _peak_rss_mb()
        began = time.perf_counter()

        def written(_result: object) -> None:
            if not first:
                first.append(time.perf_counter() - began)

        report = pipeline.run(Path(job["articles"]), Path(job["out"]), written=written)
        seconds = time.perf_counter() - began
    assert not report.failed, report.failed[:3]
    return {
        "articles": len(report.results),
        "peak_rss_mb": _peak_rss_mb(),
        "rss_after_load_mb": before,
        "first_article_s": first[0],
        "seconds": seconds,
        "load_avg": os.getloadavg()[0],
    }


def run_child(job: dict[str, Any], job_file: Path) -> dict[str, Any]:
    job_file.write_text(json.dumps(job), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.stream", "--child", str(job_file)],
        capture_output=True,
        text=True,
        cwd=workload.REPO,
        env={**os.environ, "PYTHONPATH": str(workload.REPO), "TOKENIZERS_PARALLELISM": "false"},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stream", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs=2, default=[2000, 20000])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument(
        "--data", type=Path, help="folder for the articles and outputs [default: --workdir]"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child.read_text(encoding="utf-8")))))
        return 0
    if not workload.available():
        print(f"skipped: NTREX-128 or the opus-mt skeleton is missing under {workload.SHARED}")
        return 0
    from summarizer import convert
    from summarizer.models import resolve

    root: Path = args.workdir
    data: Path = args.data or root
    english = [line for doc in workload.documents("en") for line in doc.lines]
    translator = models.build_marian(workload.SKELETON, root / "tiny-marian", **TINY_MARIAN)
    summarizer = models.build_bart(english, root / "negligible-bart", **models.NEGLIGIBLE_BART)
    for folder in (translator, summarizer):
        convert.convert(resolve(str(folder), root / "models"), root / "models", "int8")
    korean = [line for doc in workload.documents("ko") for line in doc.lines if line]
    figures = {}
    for size in args.sizes:
        articles = write_folder(data / f"articles-{size}", size, korean)
        out = data / f"out-{size}"
        subprocess.run(["rm", "-rf", str(out)], check=True)
        job = {
            "translator": str(translator),
            "summarizer": str(summarizer),
            "models_dir": str(root / "models"),
            "articles": str(articles),
            "out": str(out),
        }
        figures[size] = run_child(job, root / f"job-{size}.json")
        print(f"{size} articles: {json.dumps(figures[size])}", flush=True)
    small, large = (figures[size] for size in args.sizes)
    print(
        f"peak RSS {large['peak_rss_mb']:.0f} MB vs {small['peak_rss_mb']:.0f} MB = "
        f"{large['peak_rss_mb'] / small['peak_rss_mb']:.3f}; first article "
        f"{large['first_article_s']:.2f} s vs {small['first_article_s']:.2f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
