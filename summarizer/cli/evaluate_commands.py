"""`eval-mt`: corpus BLEU and chrF of the translator on a sentence-aligned test set."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.common import known_caches, load, open_cache, prepare_models, write_or_print
from summarizer.cli.console import console, friendly, notice
from summarizer.cli.options import (
    BackendOption,
    BatchOption,
    BeamsOption,
    CacheOption,
    CandidatesOption,
    ComputeTypeOption,
    DeviceOption,
    GlossaryOption,
    ModelsDirOption,
    NoCacheOption,
    RefreshOption,
    TranslatorOption,
)
from summarizer.cli.targets import check_target


class EvalMode(StrEnum):
    sentence = "sentence"
    document = "document"


@friendly
def eval_mt(
    source: Annotated[Path, typer.Argument(help="Source sentences (Korean), one per line.")],
    reference: Annotated[Path, typer.Argument(help="Reference translations, line-aligned.")],
    mode: Annotated[
        EvalMode,
        typer.Option(
            help="sentence: each line on its own; document: the lines of each document (see "
            "--documents) as one article through cleaning, segmentation and batching.",
        ),
    ] = EvalMode.sentence,
    documents: Annotated[
        Path | None,
        typer.Option(
            help="Document id of each line (e.g. NTREX's DOCUMENT_IDS.tsv); needed by "
            "--mode document.",
            show_default=False,
        ),
    ] = None,
    skip: Annotated[
        int, typer.Option(help="Leave out the first N lines (e.g. a development slice).", min=0)
    ] = 0,
    limit: Annotated[
        int | None,
        typer.Option(help="Use only N lines (after --skip).", min=1, show_default=False),
    ] = None,
    hypotheses: Annotated[
        Path | None,
        typer.Option("--hypotheses", help="Also write the translations here.", show_default=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    translator: TranslatorOption = None,
    models_dir: ModelsDirOption = None,
    backend: BackendOption = None,
    device: DeviceOption = None,
    compute_type: ComputeTypeOption = None,
    beams: BeamsOption = None,
    batch_size: BatchOption = None,
    candidates: CandidatesOption = None,
    glossary: GlossaryOption = None,
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Translate a sentence-aligned test set and report corpus BLEU and chrF with signatures.

    Example (NTREX-128, Korean → English, documents 61–123):
    `summarizer eval-mt newstest2019-ref.kor.txt newstest2019-src.eng.txt --skip 956
    --mode document --documents DOCUMENT_IDS.tsv -t opus-mt-ko-en`
    """
    from summarizer.cli.pipeline_commands import DEFAULT_OUT
    from summarizer.cli.progress import count_progress
    from summarizer.errors import InputError, UsageError
    from summarizer.pipeline.core import Pipeline
    from summarizer.scoring.evaluate import (
        evaluate_documents,
        evaluate_mt,
        read_document_ids,
        read_test_set,
    )

    if mode is EvalMode.document and documents is None:
        raise UsageError("--mode document needs --documents FILE (the document id of each line)")
    if hypotheses is not None:
        hypotheses = check_target(
            hypotheses, "--hypotheses", caches=known_caches(cache, DEFAULT_OUT)
        )
    settings = load(
        translator,
        None,
        models_dir,
        backend,
        device,
        beams,
        batch_size=batch_size,
        compute_type=compute_type,
        candidates=candidates,
        glossary=glossary,
    )
    try:
        total = len(read_test_set(source, reference, limit, skip)[0])
        if mode is EvalMode.document and documents is not None:
            read_document_ids(documents, source, total, limit, skip)
    except InputError as exc:
        raise UsageError(str(exc)) from None
    specs = prepare_models(settings, ["translation"])
    # Document mode counts the sentences the documents are split into, which the pipeline
    # says once it has split them; sentence mode counts lines.
    unit = "sentences" if mode is EvalMode.document else "lines"
    with open_cache(cache, no_cache, DEFAULT_OUT) as store, count_progress(unit) as sink:
        pipeline = Pipeline(settings, store, refresh=refresh, specs=specs, notify=notice)
        if mode is EvalMode.document:
            assert documents is not None
            result = evaluate_documents(pipeline, source, reference, documents, limit, skip, sink)
        else:
            sink.stage("translating", total)
            result = evaluate_mt(pipeline.translator, source, reference, limit, skip, sink.advance)
    if hypotheses is not None:
        write_or_print("\n".join(result.hypotheses), hypotheses)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    model = result.translator
    first, last = result.lines
    console.print(
        f"{result.mode} mode, lines {first}–{last} ({result.sentences}), {model['id']} "
        f"({model['backend']}, beams {model['decoding']['num_beams']}"
        + (f", {model['candidates']} candidates" if model.get("candidates", 1) > 1 else "")
        + f"), {result.seconds:.1f} s; "
        f"{result.flagged} flagged after retries"
        + (f", {result.removed} removed as boilerplate" if result.removed else ""),
        highlight=False,
        soft_wrap=True,
    )
    for name, score in result.scores.items():
        value = score.scores[name].value
        console.print(
            f"{name.upper():5} {value:6.2f}  {score.signature.format()}",
            highlight=False,
            soft_wrap=True,
        )


def register(app: typer.Typer) -> None:
    app.command("eval-mt")(eval_mt)
