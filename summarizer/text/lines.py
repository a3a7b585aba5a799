"""Lines of a line-aligned file, split as `wc -l` counts them: at "\n" only.

str.splitlines also breaks at U+2028, U+2029, NEL, form feed, vertical tab and lone carriage
returns, which a sentence may carry; a 20-line file would read as 21 lines and lose its
alignment. A "\r" before the "\n" (Windows line ends) is dropped with it.
"""

from __future__ import annotations


def split_lines(text: str) -> list[str]:
    """`text`'s lines, without their ends; a last line without "\n" counts too."""
    if not text:
        return []
    lines = text.removesuffix("\n").split("\n")
    return [line.removesuffix("\r") for line in lines]
