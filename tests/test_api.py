"""The public Python API and the command list: what users reach keeps working."""

from __future__ import annotations

import os
import subprocess
import sys
from types import FunctionType, ModuleType

import pytest
import typer

import summarizer
import summarizer.scoring
from summarizer.cli import app


@pytest.mark.parametrize("name", summarizer.__all__)
def test_every_public_name_imports(name: str) -> None:
    value = getattr(summarizer, name)
    assert value is not None
    assert not isinstance(value, ModuleType)
    namespace: dict[str, object] = {}
    exec(f"from summarizer import {name}", namespace)
    assert namespace[name] is value


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Pipelin'"):
        summarizer.Pipelin  # noqa: B018
    with pytest.raises(ImportError):
        exec("from summarizer import Pipelin", {})


def test_scoring_offers_its_names_lazily_and_compare_stays_a_function() -> None:
    import summarizer.scoring.comparison  # the submodule does not shadow the function

    for name in summarizer.scoring.__all__:
        assert getattr(summarizer.scoring, name) is not None, name
    assert isinstance(summarizer.scoring.compare, FunctionType)


def commands() -> dict[str, list[str]]:
    """Each top-level command, with its subcommands for a group (models, cache)."""
    group = typer.main.get_command(app)
    found = {}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found[name] = sorted(getattr(command, "commands", {}))
    return found


def first_words(*args: str) -> set[str]:
    """The first word of each line of `summarizer ARGS --help`, table borders stripped: the
    command names its Commands table lists, among others."""
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    lines = (line.strip().lstrip("│|").split() for line in done.stdout.splitlines())
    return {words[0] for words in lines if words}


def test_the_help_lists_every_command() -> None:
    found = commands()
    expected = {"run", "translate", "summarize", "score", "regress", "compare", "eval-mt"}
    assert expected | {"models", "cache", "check", "report"} <= set(found)
    listed = first_words()
    for name, subs in found.items():
        assert name in listed, name
        if subs:
            assert set(subs) <= first_words(name), name
