"""Names: which names a Korean text holds, and whether an English text carries them. The one
home of what the glossary, the article's name memory, the checks and `glossary suggest` share.

- `latin`: Latin-script terms of the Korean (H100, AWS) and whether the English has them.
- `foreign`: names the Korean spells out in Hangul (모건스탠리) and whether the English sounds
  like them (`sounds`: consonant skeletons of both scripts).
- `english`: proper names of the English and whether the Korean grounds them; `places`: CLDR's
  countries, regions and languages in both.
- `glossary`: the user's Korean → English terms (`glossary_files`, `glossary_xml` read them,
  `korean_terms` finds them through particles and spacing); `memory`: the names an article
  glosses in Latin script, as terms for its other sentences.
"""

from summarizer.names.foreign import dropped_names, foreign_names
from summarizer.names.glossary import Glossary, Pair
from summarizer.names.latin import contains_term

__all__ = ["Glossary", "Pair", "carries", "dropped_names", "foreign_names"]


def carries(english: str, term: str) -> bool:
    """The English has the term: whole word, case-blind, plural and possessive allowed."""
    return contains_term(english, term)
