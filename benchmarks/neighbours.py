"""Does a sentence's translation depend on the other sentences in its batch?

`summarizer translate` batches one article's sentences; `summarizer run` batches a window of
several articles together, so a sentence meets other neighbours, other padding and other batch
shapes. This translates the five seeds' sentences three ways with the same model and settings,
first attempts and retries included, without the cache:

- `run`: all sentences together, as `run`'s first windows do;
- `article`: each article's sentences on their own, as `translate` does;
- `alone`: every sentence in a batch of its own (batch size 1).

It prints how many sentences differ between the ways and what each costs, as JSON.

Usage: `python -m benchmarks.neighbours --translator MODEL [--models-dir DIR] [--backend ct2]
[--seeds 003 004]`
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from summarizer.cache.null import NullCache
from summarizer.config import load_settings
from summarizer.models.spec import resolve
from summarizer.pipeline.prepare import prepare
from summarizer.pipeline.stages import build_translator

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.neighbours", description=__doc__)
    parser.add_argument("--translator", required=True)
    parser.add_argument("--models-dir", type=Path, default=Path("models"))
    parser.add_argument("--backend", default="auto", choices=("auto", "hf", "ct2"))
    parser.add_argument(
        "--seeds", nargs="*", default=[], help="Seed name prefixes (e.g. 003 004); default all."
    )
    args = parser.parse_args(argv)
    settings = load_settings().with_overrides(
        translator=args.translator, models_dir=args.models_dir, backend=args.backend
    )
    spec = resolve(args.translator, args.models_dir)
    articles = {
        path.stem: prepare(path, NullCache(), settings.max_article_chars).flat
        for path in sorted(SEEDS.glob("*.txt"))
        if not args.seeds or path.name.startswith(tuple(args.seeds))
    }
    translator = build_translator(settings, spec, NullCache())
    translator.compute(["정부는 화요일 밝혔다."])  # load (and convert) outside the timings
    everything = list(dict.fromkeys(s for sentences in articles.values() for s in sentences))
    timed: dict[str, float] = {}
    began = time.perf_counter()
    run = translator.compute(everything).texts
    timed["run"] = time.perf_counter() - began
    began = time.perf_counter()
    article = {}
    for sentences in articles.values():
        article.update(translator.compute(list(dict.fromkeys(sentences))).texts)
    timed["article"] = time.perf_counter() - began
    batch_size, translator.batch_size = translator.batch_size, 1
    began = time.perf_counter()
    alone = translator.compute(everything).texts
    timed["alone"] = time.perf_counter() - began
    translator.batch_size = batch_size

    def differ(a: dict[str, str], b: dict[str, str]) -> int:
        return sum(a[s] != b[s] for s in everything)

    print(
        json.dumps(
            {
                "translator": spec.id,
                "backend": translator.model.backend,
                "compute_type": translator.model.compute_type,
                "batch_size": batch_size,
                "sentences": len(everything),
                "per_article": {
                    stem: sum(run[s] != article[s] for s in dict.fromkeys(sentences))
                    for stem, sentences in articles.items()
                },
                "differ": {
                    "run_vs_article": differ(run, article),
                    "run_vs_alone": differ(run, alone),
                    "article_vs_alone": differ(article, alone),
                },
                "seconds": {key: round(value, 1) for key, value in timed.items()},
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
