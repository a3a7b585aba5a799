"""A name memory per article: a name the article glosses in Latin script once (엔비디아(NVIDIA),
젠슨 황(Jensen Huang), 도조(Dojo)) becomes a term for its other sentences, where it stands
bare and a model that does not know its Korean spelling loses it.

Only glosses of a name are kept: the Hangul word before the bracket must spell a foreign name
(`foreign.spelled_out`) or the gloss must be capitalised like a name, and a gloss that is an
acronym of a Korean phrase (최고경영자(CEO), 자율주행(FSD)) is left out, since its words are
ordinary Korean the model translates anyway.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.names.foreign import spelled_out
from summarizer.names.glossary import Glossary, Pair

_GLOSS = re.compile(
    r"(?P<korean>[가-힣]+(?:\s[가-힣]+){0,2})\s?[(（]\s?"
    r"(?P<latin>[A-Z][A-Za-z0-9.&'’-]*(?:\s[A-Za-z0-9][A-Za-z0-9.&'’-]*){0,3})\s?[)）]"
)
_PARTICLE = re.compile(r"[의은는을를와과에]$")


def article_memory(sentences: Sequence[str]) -> Glossary:
    """The article's Latin-glossed names as a glossary (the first gloss of a name wins)."""
    return Glossary.of(pair for sentence in sentences for pair in glossed_names(sentence))


def glossed_names(text: str) -> list[Pair]:
    """(Korean name, its Latin gloss) for each name glossed in the text: as many Hangul words
    as the gloss has words (or one that spells a foreign name), none ending in a particle,
    and a gloss whose every word is capitalised."""
    found = []
    for match in _GLOSS.finditer(text):
        latin = match.group("latin").strip()
        size = len(latin.split())
        words = match.group("korean").split()[-size:]
        name = " ".join(words)
        if not all(w[0].isupper() or w[0].isdigit() for w in latin.split()):
            continue
        if len(words) < size and not spelled_out(name):
            continue
        if any(_PARTICLE.search(w) for w in words[:-1]) or (
            _acronym(latin) and not spelled_out(name)
        ):
            continue
        found.append((name, latin))
    return found


def _acronym(latin: str) -> bool:
    """CEO, FSD, AWS: letters in capitals with at most one lower-case letter (NNaaS aside)."""
    return " " not in latin and sum(c.isupper() for c in latin) >= 2
