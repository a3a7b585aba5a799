"""How alike two texts are, in time near-linear in their length.

difflib's ratio, 2 * matched / (len(a) + len(b)), costs time quadratic in the length: seconds
for a 20,000-character line, minutes for a few hundred thousand. Texts up to `EXACT_CELLS`
(length times length) are measured by difflib itself, so sentences get exactly its figure.
Longer ones lose their common start and end first (matched as they are), then are cut at
anchors, as patience diff does: stretches of `ANCHOR` characters that occur exactly once in
each text, taken in an order both texts share (the longest increasing run of their
positions); the pieces between anchors are measured the same way, down to difflib. A long
stretch without any anchor counts as unmatched: text that shares no unique 16-character
string with the other is not a copy of it. Far below the copy threshold the figure can
differ from difflib's either way (shuffled sentences: 0.25 against 0.18); on copies with up
to 20% of the characters edited the two figures agree to the fourth digit
(tests/test_similarity.py, benchmarks/copy_check.py).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from difflib import SequenceMatcher

EXACT_CELLS = 1_000_000
ANCHOR = 16


def similarity(a: str, b: str) -> float:
    """difflib's ratio of `a` and `b` (1.0 for two empty texts), near-linear for long texts."""
    total = len(a) + len(b)
    return 2 * _matched(a, b) / total if total else 1.0


def _matched(a: str, b: str) -> int:
    """Characters of `a` matched in `b`."""
    if not a or not b:
        return 0
    if len(a) * len(b) <= EXACT_CELLS:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        return sum(block.size for block in matcher.get_matching_blocks())
    head = _common_prefix(a, b)
    tail = _common_prefix(a[head:][::-1], b[head:][::-1])
    if head or tail:
        return head + tail + _matched(a[head : len(a) - tail], b[head : len(b) - tail])
    anchors = _anchors(a, b)
    if not anchors:
        return 0
    matched = start_a = start_b = 0
    for i, j in anchors:
        matched += _matched(a[start_a:i], b[start_b:j]) + ANCHOR
        start_a, start_b = i + ANCHOR, j + ANCHOR
    return matched + _matched(a[start_a:], b[start_b:])


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common start of `a` and `b` (by halving: slices compare in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _anchors(a: str, b: str) -> list[tuple[int, int]]:
    """Non-overlapping (position in a, position in b) of unique shared strings, in both orders."""
    once_a = _unique_grams(a)
    once_b = _unique_grams(b)
    pairs = sorted((i, once_b[gram]) for gram, i in once_a.items() if gram in once_b)
    chain: list[tuple[int, int]] = []
    for i, j in _increasing(pairs):
        if not chain or (i >= chain[-1][0] + ANCHOR and j >= chain[-1][1] + ANCHOR):
            chain.append((i, j))
    return chain


def _unique_grams(text: str) -> dict[str, int]:
    """Each `ANCHOR`-character string that occurs once in `text`, with its position."""
    grams = [text[i : i + ANCHOR] for i in range(len(text) - ANCHOR + 1)]
    counts = Counter(grams)
    return {gram: i for i, gram in enumerate(grams) if counts[gram] == 1}


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by first item) whose second items increase."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        place = bisect_left(tails, j)
        if place:
            previous[index] = tail_index[place - 1]
        if place == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[place] = j
            tail_index[place] = index
    run = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]
