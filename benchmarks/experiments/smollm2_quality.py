"""How good is the embedded SmolLM2 summarizer? ROUGE against hand-written reference summaries.

Inputs are five English news documents from NTREX-128 (newstest2019-src.eng.txt, grouped by
DOCUMENT_IDS.tsv: the first line is the headline). Each is summarized exactly as
`summarizer summarize FILE --summarizer smollm2` does (Pipeline, default 3 sentences / 80
words, no cache), and scored with `summarizer.scoring.metrics.Rouge("en")` (F1, rouge-score with
the Porter stemmer) against one reference summary per document, written for this benchmark by
reading the article. The lead-3 baseline (first three body sentences) is scored the same way.

Run: `python -m benchmarks.experiments.smollm2_quality [--data ../shared/data/ntrex128]`; with
`--write DIR` it only writes the documents as DIR/<doc>.txt and the references as
DIR/refs/<doc>.summary.en.txt, a folder for `summarizer run`, `score` and `compare`.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from summarizer.cache.null import NullCache
from summarizer.config import load_settings
from summarizer.pipeline.core import Pipeline
from summarizer.scoring.metrics import ROUGE_TYPES, MetricResult, Rouge

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "ntrex128"
REFERENCES = {
    "bbc.381790": (
        "Some members of the Welsh assembly fear that a proposed new title, MWP (Member of the "
        "Welsh Parliament), could invite ridicule because it rhymes with Welsh words for daft and "
        "poo and is close to 'Muppet'. The change follows plans to rename the assembly the Welsh "
        "Parliament, which a public consultation broadly supported. Members will have the final "
        "vote on their title when they debate the legislation."
    ),
    "upi.176266": (
        "A shark attacked a 13-year-old boy who was diving for lobster near Beacon's Beach in "
        "Encinitas, California, on the opening day of lobster season. Divers nearby helped pull "
        "him from the water, and he was airlifted to Rady Children's Hospital in San Diego in "
        "critical condition with traumatic injuries to his upper torso. Officials closed nearby "
        "beaches for 48 hours; the species of shark is unknown."
    ),
    "bbc.381735": (
        "Six prison officers were injured in a disturbance involving eight inmates at the "
        "high-security HMP Long Lartin in Worcestershire on Sunday. Specialist 'Tornado' officers "
        "were brought in to deal with the disorder, which was contained to one wing, and the staff "
        "were treated for minor facial injuries. The prison, which holds more than 500 inmates, "
        "has seen earlier attacks on staff."
    ),
    "euronews-en.153800": (
        "Turkish President Erdogan ended a controversial visit to Germany, meant to repair "
        "strained relations, by opening a giant new mosque in Cologne. Police blocked a large "
        "crowd from gathering outside the mosque for security reasons, while supporters and "
        "hundreds of mostly Kurdish protesters turned out nearby. The rival demonstrations showed "
        "how divisive he is among German Turks."
    ),
    "cnn.304489": (
        "At a rally in Wheeling, West Virginia, President Trump urged support for Supreme Court "
        "nominee Brett Kavanaugh, saying he had suffered the 'meanness' and 'anger' of the "
        "Democratic Party. Kavanaugh had testified on Thursday, denying Christine Blasey Ford's "
        "allegation of sexual assault. The first key procedural Senate vote on his nomination is "
        "expected by Friday."
    ),
}


def documents(data: Path) -> dict[str, list[str]]:
    """The lines (headline first) of each benchmark document."""
    ids = (data / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = (data / "newstest2019-src.eng.txt").read_text(encoding="utf-8").splitlines()
    found: dict[str, list[str]] = {doc: [] for doc in REFERENCES}
    for doc, line in zip(ids, lines, strict=True):
        if doc.split("\t")[0] in found:
            found[doc.split("\t")[0]].append(line.strip())
    return found


def summarize(docs: dict[str, list[str]]) -> tuple[dict[str, str], float]:
    """SmolLM2 summaries through the same pipeline as the CLI; also the mean seconds per doc."""
    settings = load_settings().with_overrides(summarizer="smollm2")
    pipeline = Pipeline(settings, NullCache())
    summaries: dict[str, str] = {}
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for doc, lines in docs.items():
            path = write_article(Path(folder), doc, lines)
            result = pipeline.summarize_file(path)
            assert result.summary is not None
            summaries[doc] = result.summary.text
    return summaries, (time.perf_counter() - began) / len(docs)


def write_article(folder: Path, doc: str, lines: list[str]) -> Path:
    """The headline, a blank line, then the body as one paragraph."""
    path = folder / f"{doc}.txt"
    path.write_text(lines[0] + "\n\n" + " ".join(lines[1:]) + "\n", encoding="utf-8")
    return path


def write_folder(folder: Path, docs: dict[str, list[str]]) -> None:
    (folder / "refs").mkdir(parents=True, exist_ok=True)
    for doc, lines in docs.items():
        write_article(folder, doc, lines)
        reference = folder / "refs" / f"{doc}.summary.en.txt"
        reference.write_text(REFERENCES[doc] + "\n", encoding="utf-8")


def table(rows: dict[str, MetricResult]) -> str:
    header = "| system | " + " | ".join(ROUGE_TYPES) + " |"
    lines = [header, "|" + "---|" * (len(ROUGE_TYPES) + 1)]
    for name, result in rows.items():
        values = " | ".join(f"{100 * result.scores[t].value:.1f}" for t in ROUGE_TYPES)
        lines.append(f"| {name} | {values} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NTREX-128 folder")
    parser.add_argument("--write", type=Path, help="only write the articles and references here")
    args = parser.parse_args(argv)
    docs = documents(args.data)
    if args.write:
        write_folder(args.write, docs)
        return
    rouge = Rouge("en")
    summaries, seconds = summarize(docs)
    lead3 = {doc: " ".join(lines[1:4]) for doc, lines in docs.items()}
    refs = [[REFERENCES[doc]] for doc in docs]
    for doc, summary in summaries.items():
        r1 = rouge.sentence_score(summary, [REFERENCES[doc]]).scores["rouge1"].value
        print(f"## {doc} (ROUGE-1 {100 * r1:.1f})\n{summary}\n")
    rows = {
        "smollm2 (SmolLM2-135M-Instruct Q4_1)": rouge.corpus_score(list(summaries.values()), refs),
        "lead-3 baseline": rouge.corpus_score(list(lead3.values()), refs),
    }
    print(table(rows))
    print(f"\nF1 x 100, mean over {len(docs)} documents, one reference each; ", end="")
    print(f"{rows['lead-3 baseline'].signature}; smollm2 {seconds:.1f} s per document")


if __name__ == "__main__":
    main()
