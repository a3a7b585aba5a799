"""Seeded corruptions of an English translation, each a kind of error the checks should catch.

Each maker takes (Korean source, English target, random) and returns the corrupted English,
or None when the line has nothing to corrupt in that way (no figure, a single sentence).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Maker = Callable[[str, str, random.Random], str | None]

# A figure in digits, not part of a name (COVID-19, G7); its currency and scale go with it.
_FIGURE = re.compile(r"(?<![A-Za-z0-9.,-])\d+(?:,\d{3})*(?:\.\d+)?")
_WITH_UNITS = re.compile(
    r"[$£€]?(?<![A-Za-z0-9.,-])\d+(?:,\d{3})*(?:\.\d+)?"
    r"(?:\s?(?:million|billion|trillion|thousand|bn|m|per cent|percent|%))?"
)
_MILLION_BILLION = re.compile(r"(?<=\d)(bn|m)\b|\b(million|billion)\b")
_SWAP = {"million": "billion", "billion": "million", "bn": "m", "m": "bn"}
_SENTENCE_END = re.compile(r"(?<=[.?!])(?<![A-Z]\.)\s+")  # not after W. or P.
_WORD = re.compile(r"\S+")


def change_number(source: str, target: str, rng: random.Random) -> str | None:
    """One nonzero digit of one figure becomes another nonzero digit: 135 → 185."""
    figures = list(_FIGURE.finditer(target))
    if not figures:
        return None
    figure = rng.choice(figures)
    positions = [i for i, c in enumerate(figure.group()) if c in "123456789"]
    if not positions:
        return None
    at = rng.choice(positions)
    digit = rng.choice([d for d in "123456789" if d != figure.group()[at]])
    changed = figure.group()[:at] + digit + figure.group()[at + 1 :]
    return target[: figure.start()] + changed + target[figure.end() :]


def scale_by(factor: int) -> Maker:
    """One figure multiplied by `factor`: 2.8bn → 28bn, 135 → 135,000."""

    def scale(source: str, target: str, rng: random.Random) -> str | None:
        figures = [m for m in _FIGURE.finditer(target) if float(m.group().replace(",", "")) > 0]
        if not figures:
            return None
        figure = rng.choice(figures)
        value = float(figure.group().replace(",", "")) * factor
        text = f"{value:,.10g}" if "," in figure.group() or value >= 10_000 else f"{value:.10g}"
        return target[: figure.start()] + text + target[figure.end() :]

    return scale


def swap_million_billion(source: str, target: str, rng: random.Random) -> str | None:
    """million ↔ billion (and £2.8bn ↔ £2.8m) in one place."""
    scales = list(_MILLION_BILLION.finditer(target))
    if not scales:
        return None
    scale = rng.choice(scales)
    return target[: scale.start()] + _SWAP[scale.group()] + target[scale.end() :]


def drop_number(source: str, target: str, rng: random.Random) -> str | None:
    """One figure, with its currency and scale, left out: 'more than 135 species' → 'more than
    species'."""
    figures = list(_WITH_UNITS.finditer(target))
    if not figures:
        return None
    figure = rng.choice(figures)
    return " ".join((target[: figure.start()] + target[figure.end() :]).split())


def leave_sentence_in_korean(source: str, target: str, rng: random.Random) -> str | None:
    """In a line of two or more sentences, one English sentence replaced by Korean."""
    english, korean = _SENTENCE_END.split(target), _SENTENCE_END.split(source)
    if len(english) < 2 or len(korean) < 2:
        return None
    at = rng.randrange(len(english))
    english[at] = korean[min(at, len(korean) - 1)]
    return " ".join(english)


def loop_phrase(source: str, target: str, rng: random.Random) -> str | None:
    """A phrase of two to four words repeated until it stands three to six times in a row."""
    words = _WORD.findall(target)
    size = rng.randint(2, 4)
    if len(words) < size + 1:
        return None
    start = rng.randrange(len(words) - size + 1)
    phrase = words[start : start + size]
    copies = rng.randint(3, 6)
    return " ".join(words[: start + size] + phrase * (copies - 1) + words[start + size :])


def copy_source(source: str, target: str, rng: random.Random) -> str | None:
    """The Korean source given back as the translation."""
    return source


def drop_name(source: str, target: str, rng: random.Random) -> str | None:
    """A name that the Korean has (the names check grounds it; not a country) becomes
    "someone": "Morgan Stanley raised its forecast" → "someone raised its forecast"."""
    from summarizer.names.english import english_names, grounded
    from summarizer.names.places import is_place

    own = [n for n in english_names(target) if not is_place(n) and grounded(source, n)]
    if not own:
        return None
    return target.replace(rng.choice(own), "someone", 1)


CORRUPTIONS: dict[str, Maker] = {
    "one number changed": change_number,
    "scale error ×10": scale_by(10),
    "scale error ×1000": scale_by(1000),
    "scale error million↔billion": swap_million_billion,
    "number dropped": drop_number,
    "sentence left in Korean": leave_sentence_in_korean,
    "phrase looped": loop_phrase,
    "source copied": copy_source,
    "name dropped": drop_name,
}


def invented_content(
    sources: list[str], targets: list[str], documents: list[int]
) -> dict[str, Maker]:
    """Corruptions that need the corpus, each a piece of invented content: a sentence from
    another document, a name (person, company, place) from another document, another country.
    Names are those the names check finds in the English and grounds in the Korean."""
    from babel import Locale

    from summarizer.names.english import english_names, grounded

    document = {target: number for number, target in zip(documents, targets, strict=True)}
    countries = sorted(
        {n for c, n in Locale("en").territories.items() if c.isalpha() and " " not in n}
    )
    names = [
        (number, name)
        for source, target, number in zip(sources, targets, documents, strict=True)
        for name in english_names(target)
        if name not in countries and grounded(source, name)
    ]

    def other_document(target: str, rng: random.Random) -> int:
        return rng.choice([i for i, t in enumerate(targets) if documents[i] != document[target]])

    def swap_sentence(source: str, target: str, rng: random.Random) -> str | None:
        sentences = _SENTENCE_END.split(target)
        donor = _SENTENCE_END.split(targets[other_document(target, rng)])
        sentences[rng.randrange(len(sentences))] = rng.choice(donor)
        return " ".join(sentences)

    def swap_name(source: str, target: str, rng: random.Random) -> str | None:
        own = [n for n in english_names(target) if n not in countries and grounded(source, n)]
        if not own:
            return None
        name = rng.choice(own)
        strangers = [n for d, n in names if d != document[target] and n not in target]
        return target.replace(name, rng.choice(strangers), 1)

    def swap_country(source: str, target: str, rng: random.Random) -> str | None:
        found = [c for c in countries if re.search(rf"\b{re.escape(c)}\b", target)]
        if not found:
            return None
        country = rng.choice(found)
        other = rng.choice([c for c in countries if c not in target])
        return re.sub(rf"\b{re.escape(country)}\b", other, target, count=1)

    return {
        "sentence from another document": swap_sentence,
        "name from another document": swap_name,
        "country replaced": swap_country,
    }
