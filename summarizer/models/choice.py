"""Which models a run uses when none is named, and the one line that says so.

A model named anywhere (command line, environment, settings file) is used as named, and a
missing one is an error, never silently swapped. Otherwise the strongest preset for the task
that is present in the models folder is chosen, else the best embedded default whose packages
are installed, in the order measured quality puts them (`EMBEDDED_DEFAULTS`): for translation
`qwen2.5-coder-1.5b`, then `gemma3-270m`; for summaries `lead-3`. On our reference set Qwen's
summaries score below Lead-3 of the same (checked) translation and `smollm2`'s lower still, so
both are used only when named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ModelUnavailableError
from summarizer.models.folder import is_installed, local_name
from summarizer.models.presets import PRESETS, Preset, Task, lead_count, preferred
from summarizer.models.spec import ModelSpec, resolve

if TYPE_CHECKING:
    from summarizer.config import Settings

ROLE = {"translation": "translator", "summarization": "summarizer"}
STRONGER = {"translation": "opus-mt-tc-big-ko-en", "summarization": "distilbart-cnn-12-6"}
EMBEDDED_DEFAULTS = {
    "translation": ("qwen2.5-coder-1.5b", "gemma3-270m"),
    "summarization": ("lead-3",),
}
"""Defaults when no model is named or pulled, best first by our measurements (README, Models):
the first whose packages are installed is chosen; `lead-3` needs none."""


@dataclass(frozen=True)
class Choice:
    """The model for one task, and whether the user named it."""

    task: str
    ref: str
    explicit: bool

    @property
    def preset(self) -> Preset | None:
        return PRESETS.get(self.ref)

    @property
    def embedded(self) -> bool:
        return self.preset is not None and self.preset.embedded


def choose(task: str, configured: str | None, models_dir: Path) -> Choice:
    """The configured model, else the best preset present, else the best embedded default."""
    from summarizer.models.embedded import package_version

    if configured:
        return Choice(task, configured, explicit=True)
    for preset in preferred(task):
        if not preset.embedded and is_installed(models_dir / local_name(preset.hub_id)):
            return Choice(task, preset.name, explicit=False)
    defaults = EMBEDDED_DEFAULTS[task]
    for name in defaults:
        if lead_count(name) or package_version(PRESETS[name]) is not None:
            return Choice(task, name, explicit=False)
    return Choice(task, defaults[0], explicit=False)  # its error says how to install it


def announcement(choices: list[Choice]) -> str | None:
    """One line naming the models chosen for the user, with how to get stronger ones."""
    automatic = [c for c in choices if not c.explicit]
    if not automatic:
        return None
    names = ", ".join(f"{ROLE[c.task]} {c.ref}" + _kind(c) for c in automatic)
    hints = [
        f"summarizer models pull {STRONGER[c.task]}"
        for c in automatic
        if c.embedded or lead_count(c.ref)
    ]
    if not hints:
        return f"models: {names}"
    return f"models: {names}; for better results: {' and '.join(hints)}"


def _kind(choice: Choice) -> str:
    if choice.embedded:
        return " (embedded)"
    if lead := lead_count(choice.ref):
        return f" (the translation's first {lead} checked sentences, no model)"
    return ""


def with_lead_named(settings: Settings) -> Settings:
    """The settings with `lead-N` named as the summarizer when no summarizer is named and the
    choice falls on it: lead-N has no model to resolve, and workers build what settings name."""
    if settings.summarizer is not None:
        return settings
    ref = choose("summarization", None, settings.models_dir).ref
    return settings.model_copy(update={"summarizer": ref}) if lead_count(ref) else settings


def model_choices(settings: Settings, tasks: Sequence[Task]) -> dict[Task, Choice]:
    configured = {"translation": settings.translator, "summarization": settings.summarizer}
    return {task: choose(task, configured[task], settings.models_dir) for task in tasks}


def resolve_models(
    settings: Settings,
    tasks: Sequence[Task],
    notify: Callable[[str], None] | None = None,
) -> dict[Task, ModelSpec]:
    """Find (download, or prepare) the models for `tasks` before any work starts.

    Every model that cannot be had is reported together, in one error, and before an embedded
    model is prepared (a minute's work wasted if another model is missing).
    """
    choices = model_choices(settings, tasks)
    specs: dict[Task, ModelSpec] = {}
    problems: list[str] = []
    for task, choice in sorted(choices.items(), key=lambda item: item[1].embedded):
        if task == "summarization" and lead_count(choice.ref):
            continue  # lead-N uses no model
        if choice.embedded and problems:
            break
        try:
            specs[task] = resolve(choice.ref, settings.models_dir, notify=notify)
        except ModelUnavailableError as exc:
            problems.append(f"{ROLE[task]}: {exc}")
    if problems:
        raise ModelUnavailableError(" | ".join(problems))
    return specs
