"""Glossaries in XML: TBX (TermBase eXchange, what CAT tools export: `termEntry` or
`conceptEntry`, a `langSet` per language, `term` elements) and TMX (translation memories that
Google and Amazon take as glossaries: `tu`, a `tuv` per language, `seg`). The first Korean and
the first English term of an entry make its pair; an entry without both is left out. Parsed
without entities or network access."""

from __future__ import annotations

from pathlib import Path

from summarizer.errors import UsageError

_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def xml_entries(path: Path, raw: bytes) -> list[tuple[str, str, int]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise UsageError(f"glossary {path}:{line}: not well-formed XML ({exc.msg})") from None
    entries = []
    units = [e for e in root.iter() if _local(e) in {"termEntry", "conceptEntry", "tu"}]
    if not units:
        raise UsageError(f"glossary {path}: XML without TBX term entries or TMX units")
    for unit in units:
        terms: dict[str, str] = {}
        for group in unit.iter():
            language = (group.get(_LANG) or group.get("lang") or "").lower()[:2]
            if _local(group) not in {"langSet", "langSec", "tuv"} or language not in {"ko", "en"}:
                continue
            text = next(
                (
                    "".join(e.itertext()).strip()
                    for e in group.iter()
                    if _local(e) in {"term", "seg"} and "".join(e.itertext()).strip()
                ),
                "",
            )
            if text:
                terms.setdefault(language, text)
        if "ko" in terms and "en" in terms:
            entries.append((terms["ko"], terms["en"], unit.sourceline or 1))
    return entries


def _local(element: object) -> str:
    tag = getattr(element, "tag", "")
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
