"""Should the embedded Qwen summarize the English translation or the Korean article itself?

Twelve NTREX-128 development documents (1–60 only), with reference summaries written by hand
from their English originals before any output was read (`data/ntrex_dev_summaries.json`).

    python -m benchmarks.qwen_summary write DIR       # DIR/docNNN.txt (Korean) and DIR/refs/
    summarizer run DIR -o OUT                          # translate, then summarize the English
    python -m benchmarks.qwen_summary korean DIR OUT   # the same model reads the Korean instead

`korean` asks the same model, with the same instruction, length limits and trimming, for a
summary of each Korean article, and prints ROUGE F1 (`summarizer.scoring.metrics.Rouge("en")`)
of that, of the summary `run` wrote from the translation, and of Lead-3 of that translation.
The run's summaries and Lead-3 are compared with paired tests by `summarizer compare`.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from summarizer.cache.null import NullCache
from summarizer.engines import Model
from summarizer.models.spec import resolve
from summarizer.scoring.metrics import ROUGE_TYPES, Rouge
from summarizer.tasks.lead import LeadSummarizer
from summarizer.tasks.summarize import Summarizer

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntrex128"
REFERENCES = Path(__file__).resolve().parent / "data" / "ntrex_dev_summaries.json"
PRESET = "qwen2.5-coder-1.5b"


def write(folder: Path, data: Path = DATA) -> None:
    """The twelve documents, one Korean line per paragraph, and their reference summaries."""
    ids = [line.split("\t")[0] for line in (data / "DOCUMENT_IDS.tsv").read_text().splitlines()]
    korean = (data / "newstest2019-ref.kor.txt").read_text(encoding="utf-8").splitlines()
    documents = list(dict.fromkeys(ids))
    references = json.loads(REFERENCES.read_text(encoding="utf-8"))["documents"]
    (folder / "refs").mkdir(parents=True, exist_ok=True)
    for number, reference in references.items():
        doc = documents[int(number) - 1]
        stem = f"doc{int(number):03d}"
        lines = [k for k, i in zip(korean, ids, strict=True) if i == doc]
        (folder / f"{stem}.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        (folder / "refs" / f"{stem}.summary.en.txt").write_text(reference + "\n", "utf-8")


def korean(folder: Path, run: Path) -> None:
    models = Path(os.environ.get("SUMMARIZER_MODELS_DIR", "models"))
    spec = resolve(PRESET, models, notify=print)
    model = Model(spec, "summarization", backend="ct2", options={"models_dir": models})
    summarizer = Summarizer(model, NullCache())
    stems = sorted(p.stem for p in folder.glob("doc*.txt"))
    articles = [(folder / f"{s}.txt").read_text(encoding="utf-8") for s in stems]
    replies = model.engine.generate(articles, system=summarizer.system)
    saved = run / "summaries-from-korean.json"
    saved.write_text(json.dumps(dict(zip(stems, replies, strict=True)), ensure_ascii=False))
    systems = {
        "from Korean": [summarizer.trim(reply) for reply in replies],
        "from translation (run)": [
            (run / s / "summary.en.txt").read_text(encoding="utf-8").strip() for s in stems
        ],
        "lead-3 of translation": [
            summary.text
            for summary in LeadSummarizer(3).summarize(
                [(run / s / "translation.en.md").read_text(encoding="utf-8") for s in stems]
            )
        ],
    }
    references = [
        [(folder / "refs" / f"{s}.summary.en.txt").read_text(encoding="utf-8").strip()]
        for s in stems
    ]
    rouge = Rouge("en")
    print("| system | " + " | ".join(ROUGE_TYPES) + " |")
    print("|---|" + "---|" * len(ROUGE_TYPES))
    for name, summaries in systems.items():
        result = rouge.corpus_score(summaries, references)
        cells = " | ".join(f"{result.scores[t].value:.4f}" for t in ROUGE_TYPES)
        print(f"| {name} | {cells} |")
    for stem, summary in zip(stems, systems["from Korean"], strict=True):
        print(f"{stem} (from Korean): {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("write").add_argument("folder", type=Path)
    scoring = commands.add_parser("korean")
    scoring.add_argument("folder", type=Path)
    scoring.add_argument("run", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(args.folder)
    else:
        korean(args.folder, args.run)


if __name__ == "__main__":
    main()
