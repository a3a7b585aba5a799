"""The options several commands share: models, backend, decoding, threads and the cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from summarizer.cache.location import shown_path, user_cache_file


def folder_path(value: str) -> Path:
    """An outputs folder from the command line; an empty one (`-o ""`) is refused, not taken
    for the current folder."""
    if not value:
        raise typer.BadParameter('an empty path; name a folder ("." for this one)')
    return Path(value)


OutputsOption = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        help="Results folder written by `summarizer run`.",
        parser=folder_path,
        metavar="<path>",
    ),
]
TranslatorOption = Annotated[
    str | None,
    typer.Option(
        "--translator",
        "-t",
        help="Translation model: preset name (see `summarizer models list`), Hugging Face id or "
        "local folder [env SUMMARIZER_TRANSLATOR; default: the strongest translation preset in "
        "the models folder, else the embedded qwen2.5-coder-1.5b, else gemma3-270m].",
        show_default=False,
    ),
]
SummarizerOption = Annotated[
    str | None,
    typer.Option(
        "--summarizer",
        "-s",
        help="Summarization model: preset name, lead-N (the first N sentences), Hugging Face id "
        "or local folder [env SUMMARIZER_SUMMARIZER; default: the strongest summarization "
        "preset in the models folder, else lead-3].",
        show_default=False,
    ),
]
ModelsDirOption = Annotated[
    Path | None,
    typer.Option(
        help="Folder of local models [env SUMMARIZER_MODELS_DIR; default models/].",
        show_default=False,
    ),
]
BackendOption = Annotated[
    str | None,
    typer.Option(
        help="Inference backend: auto, hf (transformers) or ct2 (CTranslate2).", show_default=False
    ),
]
DeviceOption = Annotated[
    str | None, typer.Option(help="Device: auto, cpu or cuda.", show_default=False)
]
ComputeTypeOption = Annotated[
    str | None,
    typer.Option(
        help="CTranslate2 weights and arithmetic: int8, int8_float16, float16, float32, … "
        "[env SUMMARIZER_COMPUTE_TYPE; default auto: int8 on CPU, int8_float16 on CUDA].",
        show_default=False,
    ),
]
BeamsOption = Annotated[
    int | None,
    typer.Option(
        help="Beam size for translation (default: the model's own setting).",
        show_default=False,
        min=1,
    ),
]
SentencesOption = Annotated[
    int | None,
    typer.Option(
        help="Summary length: at most this many sentences [default 3].",
        show_default=False,
        min=1,
        max=100,
    ),
]
WordsOption = Annotated[
    int | None,
    typer.Option(
        help="Summary length: about this many words at most [default 80].",
        show_default=False,
        min=1,
    ),
]
CandidatesOption = Annotated[
    int | None,
    typer.Option(
        help=(
            "Translations drawn per sentence: the greedy one and N-1 sampled ones; the one the "
            "checks flag least and the others agree with most is kept. With 4: about 2x the "
            "time, +1 chrF and fewer flagged sentences [default 1]."
        ),
        show_default=False,
        min=1,
        max=32,
    ),
]
GlossaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--glossary",
        help=(
            "Korean → English terms the translation must keep (repeatable): a headerless "
            "two-column TSV or CSV (Korean term, English term; UTF-8; # comments), as DeepL, "
            "Google and Amazon take them, or TBX/TMX. Each sentence is told the terms it holds, "
            "and a sentence that misses one is flagged 'glossary' and retried. "
            "`summarizer glossary suggest OUT` starts one from a run's dropped names."
        ),
        show_default=False,
    ),
]
BatchOption = Annotated[
    int | None,
    typer.Option(
        help=(
            "Sentences per translation batch [default 16 for language models, else 32 with "
            "hf, 128 with ct2]."
        ),
        show_default=False,
        min=1,
    ),
]
ThreadsOption = Annotated[
    int | None,
    typer.Option(
        "--threads",
        help="CPU threads per model (torch, and CTranslate2's intra_threads) [env "
        "SUMMARIZER_THREADS; default: all cores].",
        show_default=False,
        min=1,
    ),
]
CACHE_HELP = (
    f"one per user, shared by all runs: {shown_path(user_cache_file())} (an outputs folder "
    "holding a cache.sqlite of an earlier version keeps using it)"
)
CacheOption = Annotated[
    Path | None,
    typer.Option(
        help=f"Cache database [env SUMMARIZER_CACHE; default {CACHE_HELP}].",
        show_default=False,
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Neither read nor write the cache.")
]
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Recompute everything and overwrite cached results.")
]
