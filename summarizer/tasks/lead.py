"""Lead-N: the first N sentences of the English text as its summary, no model.

The floor every news summarization paper reports (Lead-3 on CNN/DailyMail), and a fast
summarizer in its own right. Sentences are split by `segment.ENGLISH_RULE`, the rule the
model summaries are trimmed by. Choose it with `--summarizer lead-3` (any `lead-N`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from summarizer.tasks.summarize import Summary
from summarizer.text.segment import ENGLISH_RULE, split_english


class LeadSummarizer:
    """The first `sentences` sentences of each text; the same interface as `Summarizer`."""

    batch_size = 64

    def __init__(self, sentences: int) -> None:
        if sentences < 1:
            raise ValueError("lead-N needs N >= 1")
        self.sentences = sentences

    def lookup(self, texts: Sequence[str]) -> dict[str, str]:
        """Nothing is cached: a lead takes microseconds to recompute."""
        return {}

    def retries(self, texts: Sequence[str]) -> dict[str, dict[str, object]]:
        """A lead is never asked for again."""
        return {}

    def store(self, summaries: dict[str, Summary]) -> None:
        """Nothing to keep (see `lookup`)."""

    @property
    def name(self) -> str:
        return f"lead-{self.sentences}"

    @property
    def fingerprint(self) -> str:
        return f"{self.name}/{ENGLISH_RULE}"

    def describe(self) -> dict[str, object]:
        return {
            "id": self.name,
            "task": "summarization",
            "kind": "lead",
            "sentence_splitter": ENGLISH_RULE,
            "fingerprint": self.fingerprint,
        }

    def summarize(
        self, texts: Sequence[str], done: Callable[[int, Summary], None] | None = None
    ) -> list[Summary]:
        """One summary per text; `done(i, summary)` as each is ready."""
        summaries: list[Summary] = []
        for index, text in enumerate(texts):
            began = time.perf_counter()
            lead = " ".join(split_english(text)[: self.sentences])
            summary = Summary(lead, cached=False, seconds=time.perf_counter() - began, rounds=0)
            summaries.append(summary)
            if done:
                done(index, summary)
        return summaries
