"""Translations and summaries are plain text: markup a model wrote is removed, not written.

Small models trained on web text sometimes answer in HTML (`<em>Deepcreek</em>`) or Markdown
(`**Tesla**`, `[link](url)`, `# Title`). The text is read as CommonMark by markdown-it-py, with
only the rules for what models write enabled (headings, emphasis, links, images, code spans,
strikethrough, inline HTML, entities, escapes), and its words are kept. Inline HTML is dropped
only when it is a tag of a known HTML element, so `x<y>z` or `a < b` stay as written; `*`
between digits (`2*3*4`) is kept as a sign, and a number before a full stop at the start of a
line (`1999. The year`) is not read as a list.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_MARKUP = re.compile(r"[<*_`\[#&~\\]")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_SPACES = re.compile(r"[ \t]{2,}")
_SIGN = re.compile(r"(?<=\d)\*(?=\d)")
HTML_ELEMENTS = frozenset((
    "a", "abbr", "b", "big", "blockquote", "br", "cite", "code", "del", "dfn", "div", "em",
    "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "table",
    "td", "th", "tr", "tt", "u", "ul", "var",
))  # fmt: skip


def plain_text(text: str) -> str:
    """`text` without the HTML or Markdown markup a model wrote; text without markup is
    returned as it is."""
    if not _MARKUP.search(text):
        return text
    blocks = []
    for token in _parser().parse(_SIGN.sub(r"\\*", text)):
        if token.type == "inline":
            blocks.append("".join(_words(token.children or [])))
    blocks = [_SPACES.sub(" ", block).strip() for block in blocks]
    return "\n\n".join(block for block in blocks if block)


def _words(children: list[Token]) -> list[str]:
    words = []
    for child in children:
        if child.type in ("text", "code_inline", "image"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append("\n")
        elif child.type == "html_inline" and not _is_element(child.content):
            words.append(child.content)
    return words


def _is_element(tag: str) -> bool:
    match = _TAG.fullmatch(tag.strip())
    return match is not None and match.group(1).lower() in HTML_ELEMENTS


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    rules = ["heading", "emphasis", "link", "image", "backticks", "html_inline", "entity"]
    rules += ["escape", "autolink", "strikethrough", "newline"]
    return MarkdownIt("zero", {"html": True}).enable(rules)
