"""Korean names of countries, regions and languages, from CLDR through Babel: 북한 for North
Korea, 독일 for Germany and (less its 어) for German, and for a demonym its country's (Chilean ~
칠레, Italian ~ 이탈리아)."""

from __future__ import annotations

from functools import lru_cache

_ALIASES = {
    "america": ("미국",),
    "american": ("미국", "미 "),
    "britain": ("영국",),
    "british": ("영국",),
    "england": ("영국",),
    "korea": ("한국",),
    "korean": ("한국",),
    "turkey": ("터키",),
    "turkish": ("터키",),
    "united nations": ("유엔",),
    "australia": ("호주",),
    "pacific": ("태평양",),
    "atlantic": ("대서양",),
    "washington": ("미국", "미 "),
    "beijing": ("중국",),
    "moscow": ("러시아",),
    "seoul": ("한국",),
    "pyongyang": ("북한",),
    "tokyo": ("일본",),
}
"""Names that news writes otherwise than CLDR (미국 for America, 한국 for South Korea's
대한민국, 터키 for 튀르키예, 유엔 for 국제연합, 호주 for 오스트레일리아), and capitals that stand
for their countries' governments (Washington, Beijing)."""
_WORLD = "001"
"""CLDR's region 'World': a common word, not a place a name check should insist on."""
PREFIX = 4
"""Letters a demonym shares with its country at least: Chilean ~ Chile, Italian ~ Italy."""


def is_place(name: str) -> bool:
    """CLDR (or the aliases) knows this name of a country, region or language."""
    return name.casefold() in _places()


def place_in(source: str, name: str) -> bool:
    """The Korean name of this place, language, or demonym's country is in the source."""
    key = name.casefold()
    found = set(_places().get(key, ()))
    if " " not in key:
        stems = _stems()
        for end in range(len(key), PREFIX - 1, -1):
            found.update(stems.get(key[:end], ()))
    return any(korean in source for korean in found)


def korean_place(word: str) -> bool:
    """The Korean word is CLDR's (or an alias's) name of a country, region or language."""
    return word in _korean_places()


@lru_cache(maxsize=1)
def _korean_places() -> frozenset[str]:
    return frozenset(k for names in _places().values() for k in names)


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, ...]]:
    from babel import Locale

    english, korean = Locale("en"), Locale("ko")
    table: dict[str, set[str]] = {}
    for code, name in english.territories.items():
        if code in korean.territories and code != _WORLD:
            table.setdefault(name.casefold(), set()).add(korean.territories[code])
    for alias, places in _ALIASES.items():
        table.setdefault(alias, set()).update(places)
    for code, name in english.languages.items():
        ko = korean.languages.get(code, "")
        if ko.endswith("어") and len(ko) > 2:
            table.setdefault(name.casefold(), set()).update({ko, ko[:-1]})
    return {name: tuple(sorted(found)) for name, found in table.items()}


@lru_cache(maxsize=1)
def _stems() -> dict[str, tuple[str, ...]]:
    """A country's last word and its shortenings to two letters less (chile, chil; italy,
    ital), for demonyms."""
    table: dict[str, set[str]] = {}
    for name, korean in _places().items():
        last = name.split()[-1]
        for end in range(max(PREFIX, len(last) - 2), len(last) + 1):
            table.setdefault(last[:end], set()).update(korean)
    return {stem: tuple(sorted(found)) for stem, found in table.items()}
