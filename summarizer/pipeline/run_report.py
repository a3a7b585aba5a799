"""What `Pipeline.run` returns: the run's totals, counted as articles finish, and its records
read back from `index.jsonl` on demand, so that no article stays in memory for the end of a run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.pipeline.index import index_entries
from summarizer.pipeline.outputs import in_folder
from summarizer.pipeline.record import ArticleRecord


@dataclass
class RunTotals:
    """Counts over the articles a run has recorded so far (finished or failed)."""

    recorded: int = 0
    failed: int = 0
    translated_sentences: int = 0
    translation_hits: int = 0
    summaries: int = 0
    summaries_cached: int = 0
    flagged_segments: int = 0
    flagged_summaries: int = 0
    flagged_articles: int = 0

    def add(self, record: ArticleRecord) -> None:
        self.recorded += 1
        if not record.ok:
            self.failed += 1
            return
        self.summaries += 1
        self.summaries_cached += record.summary_cached
        if record.translated:
            self.translated_sentences += record.sentences
            self.translation_hits += record.translation_hits
        self.flagged_segments += record.flagged_segments
        self.flagged_summaries += record.summary_flagged
        self.flagged_articles += bool(record.flagged_segments or record.summary_flagged)


@dataclass
class RunReport:
    """A finished (or interrupted) run over `articles` articles of `folder` into `out_dir`."""

    out_dir: Path
    folder: Path
    articles: int
    seconds: float
    totals: RunTotals = field(default_factory=RunTotals)

    @property
    def done(self) -> int:
        return self.totals.recorded - self.totals.failed

    @property
    def failed(self) -> int:
        """Articles that failed or that the run did not reach."""
        return self.articles - self.done

    def records(self) -> Iterator[ArticleRecord]:
        """This run's articles in index order, read one at a time from `index.jsonl` (entries
        of other input folders sharing the outputs folder are left out)."""
        yield from read_records(self.out_dir, self.folder)

    def cache_counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Cache hits and misses per kind over the articles that finished."""
        totals = self.totals
        hits = {"translation": totals.translation_hits, "summary": totals.summaries_cached}
        misses = {
            "translation": totals.translated_sentences - totals.translation_hits,
            "summary": totals.summaries - totals.summaries_cached,
        }
        return hits, misses


def read_records(out_dir: Path, folder: Path) -> Iterator[ArticleRecord]:
    """The records of `out_dir/index.jsonl` whose article lies directly in `folder`, streamed."""
    ours = in_folder(folder)
    for entry in index_entries(out_dir):
        if ours(entry):
            yield ArticleRecord.from_index(entry)
