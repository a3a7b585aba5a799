"""The README and docs/ hold together: every relative link lands on a file (and, with a
#fragment, on one of its headings, by GitHub's anchor rules), and every `summarizer` command and
option they show exists in the command line's help."""

from __future__ import annotations

import shlex
import unicodedata
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import typer.main
from markdown_it import MarkdownIt
from markdown_it.token import Token
from typer.core import TyperGroup

from summarizer.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_BLOCKS = {"", "bash", "sh", "shell", "console"}


def tokens(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def inline_children(text: str) -> Iterator[Token]:
    for token in tokens(text):
        yield from token.children or []


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = (c for c in heading.strip().lower() if c in " -_" or unicodedata.category(c)[0] in "LMN")
    return "".join(kept).replace(" ", "-")


@cache
def anchors(page: Path) -> frozenset[str]:
    found: set[str] = set()
    stream = tokens(page.read_text(encoding="utf-8"))
    for opening, inline in pairwise(stream):
        if opening.type == "heading_open":
            words = "".join(
                child.content
                for child in inline.children or []
                if child.type in ("text", "code_inline")
            )
            base = anchor = slug(words)
            number = 0
            while anchor in found:
                number += 1
                anchor = f"{base}-{number}"
            found.add(anchor)
    return frozenset(found)


def broken_links(page: Path) -> list[str]:
    """Each relative link of `page` that names no existing file, or no heading of it."""
    broken = []
    for child in inline_children(page.read_text(encoding="utf-8")):
        target = child.attrs.get("href") or child.attrs.get("src")
        if child.type not in ("link_open", "image") or not isinstance(target, str):
            continue
        if ":" in target.split("/")[0]:  # https:, mailto:
            continue
        path, _, fragment = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif fragment and (linked.suffix != ".md" or fragment not in anchors(linked)):
            broken.append(f"{target}: no heading #{fragment} in {linked.name}")
    return broken


def shown_commands(text: str) -> Iterator[list[str]]:
    """The words of every `summarizer` command in a shell block or an inline code span."""
    for token in tokens(text):
        if token.type == "fence" and token.info.strip() in SHELL_BLOCKS:
            for line in token.content.replace("\\\n", " ").splitlines():
                lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
                lexer.whitespace_split = True
                command: list[str] = []
                for word in [*lexer, ";"]:
                    if word in ("&&", "||", ";", "|"):
                        if command[:1] == ["summarizer"]:
                            yield command[1:]
                        command = []
                    else:
                        command.append(word)
    for child in inline_children(text):
        if child.type == "code_inline" and child.content.startswith("summarizer "):
            yield [word.strip("[]") for word in child.content.split()[1:]]


def root_command() -> TyperGroup:
    command = typer.main.get_command(app)
    assert isinstance(command, TyperGroup)
    return command


def unknown_commands(text: str) -> list[str]:
    """Each command, subcommand or option shown in `text` that `summarizer --help` lacks."""
    unknown = []
    root = root_command()
    help_options = set(root.context_settings["help_option_names"])
    for words in shown_commands(text):
        command: Any = root
        rest = list(words)
        while isinstance(command, TyperGroup) and rest and not rest[0].startswith("-"):
            name = rest.pop(0)
            found = command.commands.get(name)
            if found is None or found.hidden:
                unknown.append(f"summarizer {' '.join(words)}: no command {name!r}")
                break
            command = found
        else:
            options = help_options.union(
                *(parameter.opts + parameter.secondary_opts for parameter in command.params)
            )
            unknown.extend(
                f"summarizer {' '.join(words)}: no option {word.split('=')[0]}"
                for word in rest
                if word.startswith("-") and word.split("=")[0] not in options
            )
    return unknown


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_relative_link_lands(page: Path) -> None:
    assert broken_links(page) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(ROOT).as_posix())
def test_every_command_shown_exists(page: Path) -> None:
    assert unknown_commands(page.read_text(encoding="utf-8")) == []


def test_the_readme_shows_each_job_and_links_every_docs_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = {tuple(words[:1]) for words in shown_commands(readme)}
    assert {("run",), ("translate",), ("regress",), ("compare",), ("models",)} <= shown
    linked = {child.attrs.get("href") for child in inline_children(readme)}
    assert {f"docs/{page.name}" for page in PAGES[1:]} <= linked
    assert len(readme.encode("utf-8")) < 10_000


def test_broken_links_and_unknown_commands_are_caught(tmp_path: Path) -> None:
    (tmp_path / "other.md").write_text("# A heading: `with` code\n\n## Twice\n\n## Twice\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md#a-heading-with-code) [ok](other.md#twice-1) [ok](#here)\n"
        "[gone](missing.md) [no heading](other.md#nowhere) [web](https://example.com)\n\n"
        "# Here\n\n"
        "```bash\n"
        "pip install x && summarizer run seeds/ --words 50 | tee log  # a comment --nope\n"
        "summarizer frobnicate seeds/\n"
        "summarizer models pull x && summarizer models fetch x\n"
        "summarizer run seeds/ \\\n  --no-such-option\n"
        "```\n\n"
        "`summarizer compare A B [--test bs|ar] [--colour]` and `summarizer --version`\n",
        encoding="utf-8",
    )
    assert broken_links(page) == [
        "missing.md: no such file",
        "other.md#nowhere: no heading #nowhere in other.md",
    ]
    assert unknown_commands(page.read_text(encoding="utf-8")) == [
        "summarizer frobnicate seeds/: no command 'frobnicate'",
        "summarizer models fetch x: no command 'fetch'",
        "summarizer run seeds/ --no-such-option: no option --no-such-option",
        "summarizer compare A B --test bs|ar --colour: no option --colour",
    ]
