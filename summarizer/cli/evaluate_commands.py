"""`eval-mt`: corpus BLEU and chrF of the translator on a sentence-aligned test set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from summarizer.cli.common import (
    BackendOption,
    BatchOption,
    BeamsOption,
    CacheOption,
    ComputeTypeOption,
    DeviceOption,
    ModelsDirOption,
    NoCacheOption,
    RefreshOption,
    TranslatorOption,
    console,
    friendly,
    load,
    notice,
    open_cache,
    prepare_models,
    write_or_print,
)


@friendly
def eval_mt(
    source: Annotated[Path, typer.Argument(help="Source sentences (Korean), one per line.")],
    reference: Annotated[Path, typer.Argument(help="Reference translations, line-aligned.")],
    limit: Annotated[
        int | None, typer.Option(help="Use only the first N lines.", min=1, show_default=False)
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
    cache: CacheOption = None,
    no_cache: NoCacheOption = False,
    refresh: RefreshOption = False,
) -> None:
    """Translate a sentence-aligned test set and report corpus BLEU and chrF with signatures.

    Example (NTREX-128, Korean → English):
    `summarizer eval-mt newstest2019-ref.kor.txt newstest2019-src.eng.txt -t opus-mt-ko-en`
    """
    from summarizer.cli.pipeline_commands import DEFAULT_OUT, RichProgress, progress_bar
    from summarizer.evaluate import evaluate_mt, read_lines
    from summarizer.pipeline import Pipeline

    settings = load(
        translator,
        None,
        models_dir,
        backend,
        device,
        beams,
        batch_size=batch_size,
        compute_type=compute_type,
    )
    total = len(read_lines(source, limit))
    specs = prepare_models(settings, ["translation"])
    with open_cache(cache, no_cache, DEFAULT_OUT) as store, progress_bar() as bar:
        sink = RichProgress(bar)
        sink.stage("translating", total)
        pipeline = Pipeline(settings, store, refresh=refresh, specs=specs, notify=notice)
        result = evaluate_mt(pipeline.translator, source, reference, limit, sink.advance)
    if hypotheses:
        write_or_print("\n".join(result.hypotheses), hypotheses)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    model = result.translator
    console.print(
        f"{result.sentences} sentences, {model['id']} ({model['backend']}, "
        f"beams {model['decoding']['num_beams']}), {result.seconds:.1f} s",
        highlight=False,
    )
    for name, score in result.scores.items():
        value = score.scores[name].value
        console.print(f"{name.upper():5} {value:6.2f}  {score.signature.format()}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval-mt")(eval_mt)
