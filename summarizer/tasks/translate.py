"""Translate source segments through an engine: cache first, then length-sorted batches.

Segments that are too long for the model are split into pieces (`translate_prompts`, which also
prompts chat and base models) and their translations joined; nothing is ever truncated. Each
translation is checked; with several candidates per segment the checks, then the candidates'
consensus, choose one (`summarizer.tasks.candidates`); a flagged one is asked again once.
`Translator.translate` writes finished segments to the cache after every batch, so an
interrupted run loses at most one batch; `compute` does the model work alone, for an executor
whose driver owns the cache.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from summarizer.checks import Flag, check_translations
from summarizer.checks.adequacy import similarities
from summarizer.checks.amounts import RULE as AMOUNTS_RULE
from summarizer.engines import Sampling
from summarizer.tasks import candidates, fewshot, hints, translate_prompts
from summarizer.tasks.scores import checked
from summarizer.tasks.translate_prompts import Piece, Prompts
from summarizer.tasks.translated import Computed, Translated
from summarizer.text.markup import plain_text

if TYPE_CHECKING:
    from summarizer.cache.null import NullCache
    from summarizer.cache.store import Cache
    from summarizer.engines import Model
    from summarizer.names import Glossary

RETRY_BEAMS = 4


class Translator:
    """Korean → English for many segments at once, shared by every command."""

    def __init__(
        self,
        model: Model,
        cache: Cache | NullCache,
        *,
        batch_size: int = 32,
        refresh: bool = False,
        candidates: int = 1,
        glossary: Glossary | None = None,
    ) -> None:
        """`candidates` above 1: each segment's greedy translation and `candidates - 1`
        sampled ones are checked and one is kept (`summarizer.tasks.candidates`). `glossary`:
        the terms `requests` gives each sentence (a worker that only computes needs none)."""
        self.glossary = glossary
        self.model = model
        self.cache = cache
        self.batch_size = batch_size
        self.refresh = refresh
        self.prompts = Prompts(model)
        self.sampling = Sampling(candidates - 1) if candidates > 1 else None

    @property
    def fingerprint(self) -> str:
        """The model's fingerprint, the prompt's for prompted LMs, the retry rule's (qe: the
        adequacy score breaks ties between attempts) and, when candidates are drawn, how."""
        drawn = f"/mbr-chrf-{self.sampling.describe()}" if self.sampling else ""
        if self.prompts.completion:
            how = f"retry-examples-qe/fewshot-{fewshot.fingerprint()}"
        elif not self.prompts.chat:
            how = f"retry-b{RETRY_BEAMS}-qe"
        else:
            prompt = (
                f"{translate_prompts.TRANSLATE_SYSTEM}\n{{segment}}/first-line/"
                f"retry:{translate_prompts.FINDINGS}/hints:{hints.HINTS}/{AMOUNTS_RULE}"
            )
            digest = hashlib.sha256(prompt.encode()).hexdigest()[:8]
            how = f"retry-findings-qe/prompt-{digest}"
        return f"{self.model.fingerprint}/{how}{drawn}"

    def describe(self) -> dict[str, object]:
        drawn = self.sampling.count if self.sampling else 0
        described = {**self.model.describe(), "fingerprint": self.fingerprint}
        if self.glossary:
            described["glossary"] = self.glossary.describe()
        return {**described, "candidates": 1 + drawn}

    def requests(self, sentences: Sequence[str]) -> list[str]:
        """One article's sentences as what `translate` takes: each with the glossary's terms it
        holds and the names its article glosses elsewhere (`summarizer.tasks.hints`)."""
        return hints.requests(sentences, self.glossary)

    def translate(
        self, sources: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> Translated:
        """One translation per source (a sentence, or a request `requests` made), in order;
        `progress(n)` after every n finished."""
        advance = progress or (lambda _n: None)
        counts = Counter(sources)
        unique = list(counts)
        found = self.lookup(unique)
        advance(sum(counts[s] for s in found))

        def finished_batch(batch: Computed) -> None:
            self.store(batch)
            advance(sum(counts[s] for s in batch.texts))

        computed = self.compute([s for s in unique if s not in found], finished_batch)
        return self.assemble(sources, found, computed)

    def lookup(self, sources: Sequence[str]) -> dict[str, str]:
        """Cached translations of the sources that have one (none with `refresh`)."""
        return {} if self.refresh else self.cache.get_many("translation", self.fingerprint, sources)

    def store(self, computed: Computed) -> None:
        """Write computed translations (and their retry records) to the cache."""
        model_id, fingerprint = self.model.spec.id, self.fingerprint
        self.cache.put_many("translation-retry", fingerprint, model_id, computed.retries)
        self.cache.put_many("translation", fingerprint, model_id, computed.texts)

    def assemble(
        self, sources: Sequence[str], found: dict[str, str], computed: Computed
    ) -> Translated:
        """Cached and computed translations aligned with `sources`, with their flags."""
        counts = Counter(sources)
        texts = {**{s: plain_text(t) for s, t in found.items()}, **computed.texts}
        records = {**self._retries(list(found)), **computed.retries}
        targets = [texts[s] for s in sources]
        parsed = [hints.parse(s) for s in sources]
        terms = [pairs for _, pairs in parsed]
        return Translated(
            texts=targets,
            cached=[s not in computed.texts for s in sources],
            seconds=[computed.seconds.get(s, 0.0) / counts[s] for s in sources],
            flags=checked(self.cache, [source for source, _ in parsed], targets, terms),
            retries=[json.loads(records[s]) if s in records else None for s in sources],
            terms=terms,
        )

    def _retries(self, sources: Sequence[str]) -> dict[str, str]:
        return self.cache.get_many("translation-retry", self.fingerprint, sources)

    def compute(
        self, todo: Sequence[str], finished_batch: Callable[[Computed], None] | None = None
    ) -> Computed:
        """Translate unique sources without the cache; `finished_batch` after every batch
        with the sources it finished."""
        seconds = dict.fromkeys(todo, 0.0)
        done = Computed({}, {}, seconds)
        if not todo:
            return done
        pieces = self.prompts.pieces([hints.parse(unit) for unit in todo])
        remaining = [0] * len(todo)
        for piece in pieces:
            remaining[piece.source] += 1
        pieces.sort(key=lambda p: p.tokens, reverse=True)
        for start in range(0, len(pieces), self.batch_size):
            batch = pieces[start : start + self.batch_size]
            began = time.perf_counter()
            for piece, output in zip(batch, self._generate(batch), strict=True):
                piece.output = output
            checked = self._choose(batch, self.sampling) if self.sampling else None
            self._retry_flagged(batch, checked)
            share = (time.perf_counter() - began) / len(batch)
            finished = Computed({}, {}, {})
            for piece in batch:
                seconds[todo[piece.source]] += share
                remaining[piece.source] -= 1
                if remaining[piece.source] == 0:
                    parts = sorted((p for p in pieces if p.source == piece.source), key=_order)
                    source = todo[piece.source]
                    finished.texts[source] = " ".join(p.output or "" for p in parts).strip()
                    attempts = [p.retry for p in parts if p.retry]
                    if attempts:
                        finished.retries[source] = json.dumps(
                            attempts[0] if len(attempts) == 1 else {"pieces": attempts},
                            ensure_ascii=False,
                        )
            done.texts.update(finished.texts)
            done.retries.update(finished.retries)
            if finished_batch:
                finished_batch(finished)
        return done

    def _generate(
        self, batch: Sequence[Piece], findings: Sequence[list[Flag]] | None = None
    ) -> list[str]:
        """Translations of the pieces, as plain text (markup a model wrote removed); asked
        again when the checks' `findings` on a first attempt are given. A seq2seq model is
        asked again with beam search; a chat model greedily, told what the checks found
        (`translate_prompts.with_findings`); a few-shot base model greedily with other
        examples. Beam search over a language model's 151,936-word vocabulary on a CPU cost
        3 to 5 times a greedy pass (benchmarks/HISTORY.md)."""
        texts = [p.text for p in batch]
        pairs = [p.pairs for p in batch]
        if findings is None:
            replies = self.prompts.replies(texts, pairs)
        elif self.prompts.chat:
            asked = [
                translate_prompts.with_findings(self.prompts.hinted(p.text, p.pairs), f)
                for p, f in zip(batch, findings, strict=True)
            ]
            replies = self.prompts.replies(asked, retry=True)
        else:
            beams = RETRY_BEAMS if self.prompts.seq2seq else None
            replies = self.prompts.replies(texts, pairs, retry=True, num_beams=beams)
        return [plain_text(reply) for reply in replies]

    def _choose(self, batch: Sequence[Piece], sampling: Sampling) -> list[list[Flag]]:
        """Draw more translations of every piece and keep the candidate the checks flag least
        and, among as many flags, the one the others agree with most; the kept ones' flags."""
        drawn = self.prompts.samples([p.text for p in batch], [p.pairs for p in batch], sampling)
        options = [
            [piece.output or "", *(plain_text(text) for text in more)]
            for piece, more in zip(batch, drawn, strict=True)
        ]
        sources = [p.text for p, group in zip(batch, options, strict=True) for _ in group]
        terms = [p.pairs for p, group in zip(batch, options, strict=True) for _ in group]
        outputs = [text for group in options for text in group]
        flags = iter(check_translations(sources, outputs, terms))
        kept = []
        for piece, group in zip(batch, options, strict=True):
            found = [next(flags) for _ in group]
            index = candidates.choose(group, [len(f) for f in found])
            piece.output = group[index]
            kept.append(found[index])
        return kept

    def _retry_flagged(
        self, batch: Sequence[Piece], checked: list[list[Flag]] | None = None
    ) -> None:
        """Ask again for flagged pieces; keep the attempt with fewer flags and, as many, the one
        the adequacy check scores higher (ties: the first); record the other one with both
        attempts' flags and scores. `checked`: the outputs' flags when already known."""
        texts = [p.text for p in batch]
        if checked is None:
            outputs = [p.output or "" for p in batch]
            checked = check_translations(texts, outputs, [p.pairs for p in batch])
        flagged = [(p, flags) for p, flags in zip(batch, checked, strict=True) if flags]
        if not flagged:
            return
        again = self._generate([p for p, _ in flagged], [flags for _, flags in flagged])
        sources = [p.text for p, _ in flagged]
        firsts = [p.output or "" for p, _ in flagged]
        rechecked = check_translations(sources, again, [p.pairs for p, _ in flagged])
        first_scores = similarities(sources, firsts)
        retry_scores = similarities(sources, again)
        how = (
            "other examples, greedy"
            if self.prompts.completion
            else "the checks' findings in the prompt, greedy"
            if self.prompts.chat
            else f"beam {RETRY_BEAMS}"
        )
        for (piece, flags), output, new_flags, first_score, retry_score in zip(
            flagged, again, rechecked, first_scores, retry_scores, strict=True
        ):
            better = (len(new_flags), -retry_score) < (len(flags), -first_score)
            first = piece.output or ""
            piece.output = output if better else first
            other, other_flags = (first, flags) if better else (output, new_flags)
            piece.retry = {
                "how": how,
                "kept": "retry" if better else "first",
                "other": other,
                "other_flags": [f.to_json() for f in other_flags],
                "scores": {"first": round(first_score, 4), "retry": round(retry_score, 4)},
            }


def _order(piece: Piece) -> int:
    return piece.index
