"""Which models a run uses when none is named, and the one line that says so.

A model named anywhere (command line, environment, settings file) is used as named, and a
missing one is an error, never silently swapped. Otherwise the strongest preset for the task
that is present in the models folder is chosen, else the embedded one that ships as a Python
package (`gemma3-270m` translates, `smollm2` summarizes).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.errors import ModelUnavailableError
from summarizer.lead import lead_count
from summarizer.models import ModelSpec, is_installed, local_name, resolve
from summarizer.presets import PRESETS, Preset, preferred

if TYPE_CHECKING:
    from summarizer.config import Settings
    from summarizer.engines import Task

ROLE = {"translation": "translator", "summarization": "summarizer"}
STRONGER = {"translation": "opus-mt-tc-big-ko-en", "summarization": "distilbart-cnn-12-6"}


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
    """The configured model, else the best preset present, else the embedded preset."""
    if configured:
        return Choice(task, configured, explicit=True)
    candidates = preferred(task)
    for preset in candidates:
        if not preset.embedded and is_installed(models_dir / local_name(preset.hub_id)):
            return Choice(task, preset.name, explicit=False)
    fallback = next(p for p in candidates if p.embedded)
    return Choice(task, fallback.name, explicit=False)


def announcement(choices: list[Choice]) -> str | None:
    """One line naming the models chosen for the user, with how to get stronger ones."""
    automatic = [c for c in choices if not c.explicit]
    if not automatic:
        return None
    names = ", ".join(
        f"{ROLE[c.task]} {c.ref}" + (" (embedded)" if c.embedded else "") for c in automatic
    )
    hints = [f"summarizer models pull {STRONGER[c.task]}" for c in automatic if c.embedded]
    if not hints:
        return f"models: {names}"
    return f"models: {names}; for better results: {' and '.join(hints)}"


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
