"""An article as units for the boilerplate rules: lines of plain text, or the paragraphs,
headings and list items of Markdown (images and their captions removed on the way)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from summarizer.text.boilerplate_rules import BROKEN_ENTITY, BULLET, ENTITY_CHARS, HEADING

if TYPE_CHECKING:
    from markdown_it.token import Token


@dataclass(frozen=True)
class RemovedLine:
    """A removed unit (or line prefix): 1-based source line, its text, a reason from REASONS."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Unit:
    """A paragraph, heading, list item or line of an article, as the rules judge it."""

    line: int
    text: str  # tidied text that the rules judge and that is kept
    source: str  # the stripped source text, reported when the unit is removed
    bullet: str = ""  # the bullet or list marker it stood under; "#" for a heading
    links_only: bool = False  # markdown: all of its text is link text


def _tidy(text: str) -> str:
    """Collapse whitespace and repair HTML entities, including ones that lost their '&'."""
    if "&" in text:
        text = html.unescape(text)
    text = BROKEN_ENTITY.sub(lambda m: ENTITY_CHARS[m.group(1)], text)
    return " ".join(text.split())


def text_units(text: str) -> list[Unit]:
    """One unit per non-empty line of plain text, its bullet or heading marker noted."""
    units = []
    for number, raw in enumerate(text.splitlines(), start=1):
        bullet = BULLET.match(raw.strip()) or HEADING.match(raw.strip())
        line = _tidy(HEADING.sub("", BULLET.sub("", raw.strip())))
        if line:
            mark = bullet.group(0).strip()[:1] if bullet else ""
            units.append(Unit(number, line, raw.strip(), bullet=mark))
    return units


def markdown_units(text: str, removed: list[RemovedLine]) -> list[Unit]:
    """One unit per paragraph, heading or list item, with hard-wrapped lines joined.

    Images go, and with them a caption beside an image or in italics right under one.
    """
    from markdown_it import MarkdownIt

    units = []
    lists: list[str] = []  # markers of the open lists, innermost last
    heading = after_image = False
    for token in MarkdownIt("commonmark").parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.markup[-1:] if token.type == "bullet_list_open" else "1")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type in ("heading_open", "heading_close"):
            heading = token.type == "heading_open"
        if token.map is None:
            continue
        first = token.map[0] + 1
        source = token.content.strip()
        if token.type == "inline":
            inline = _Inline(token.children or [])
            line = _tidy(BULLET.sub("", inline.text.strip()))
            caption = len(line) <= CAPTION_MAX_CHARS and (
                inline.image or (after_image and inline.emphasised)
            )
            after_image = inline.image and not line
            if line and not caption:
                bullet = "#" if heading else (lists[-1] if lists else "")
                units.append(Unit(first, line, source, bullet, inline.links_only))
            elif source:
                removed.append(RemovedLine(first, source, "image-caption"))
        elif token.type in ("fence", "code_block"):
            start = first + 1 if token.type == "fence" else first
            for offset, raw in enumerate(token.content.splitlines()):
                if raw.strip():
                    units.append(Unit(start + offset, _tidy(raw), raw.strip()))
        elif token.type == "html_block":
            removed.append(RemovedLine(first, source, "site-chrome"))
    return units


CAPTION_MAX_CHARS = 200
"""Longest text beside or under a Markdown image still read as its caption."""


class _Inline:
    """A Markdown paragraph's text, and whether it holds an image, is all link text or all
    emphasis."""

    def __init__(self, children: list[Token]) -> None:
        parts, outside_links, outside_emphasis = [], [], []
        links = emphasis = 0
        self.image = has_link = False
        for child in children:
            kind = child.type
            if kind in ("text", "code_inline"):
                parts.append(child.content)
                outside_links.append(child.content if links == 0 else "")
                outside_emphasis.append(child.content if emphasis == 0 else "")
            elif kind in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif kind == "image":
                self.image = True
            elif kind in ("link_open", "link_close"):
                has_link = True
                links += 1 if kind == "link_open" else -1
            elif kind in ("em_open", "strong_open", "em_close", "strong_close"):
                emphasis += 1 if kind.endswith("_open") else -1
        self.text = "".join(parts)
        self.links_only = has_link and not "".join(outside_links).strip()
        self.emphasised = bool(self.text.strip()) and not "".join(outside_emphasis).strip()
