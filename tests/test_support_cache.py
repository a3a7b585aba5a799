"""The unsupported check's scores are kept in the cache: a re-run encodes nothing it scored
before, and a sentence the article says word for word is never encoded."""

from __future__ import annotations

import json
from collections import OrderedDict
from pathlib import Path

import pytest
from test_adequacy_cache import fresh_process

from summarizer.cache.store import Cache
from summarizer.checks import adequacy, check_summary
from summarizer.checks.unsupported import support_keys
from summarizer.config import Settings
from summarizer.pipeline.core import Pipeline
from summarizer.tasks.scores import SUPPORT_KIND, kept_supports

ARTICLE = (
    "The council approved the city budget on Tuesday. It adds three new schools in the north. "
    "Work on the first school starts in May."
)
SUMMARY = "The city council passed its budget this week. Penguins sing opera in the desert."


def forget(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A new process: no encodings, adequacy scores or supports; the texts encoded."""
    monkeypatch.setattr(adequacy, "_supports", OrderedDict())
    return fresh_process(monkeypatch)


def test_a_rerun_reads_the_supports_and_flags_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoded = forget(monkeypatch)
    with Cache(tmp_path / "c.sqlite") as cache:
        with kept_supports(cache, [(SUMMARY, ARTICLE)]):
            first = check_summary(SUMMARY, ARTICLE)
        keys = [json.dumps(k, ensure_ascii=False) for k in support_keys(SUMMARY, ARTICLE)]
        stored = cache.get_many(SUPPORT_KIND, adequacy.encoder_id(), keys)
    assert "Penguins sing opera in the desert." in encoded
    assert [f.check for f in first] == ["unsupported"] and "Penguins" in first[0].detail
    assert len(stored) == len(keys) == 2

    encoded = forget(monkeypatch)
    with Cache(tmp_path / "c.sqlite") as cache, kept_supports(cache, [(SUMMARY, ARTICLE)]):
        again = check_summary(SUMMARY, ARTICLE)
    assert encoded == [], "every support came from the cache"
    assert again == first


def test_a_run_and_its_rerun_encode_nothing_for_lead_sentences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Lead-N copies the article's sentences: they support themselves (similarity 1)."""
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    settings = Settings(summarizer="lead-2", models_dir=tmp_path / "no-models")
    for run in ("first", "again"):
        encoded = forget(monkeypatch)
        with Cache(tmp_path / "c.sqlite") as cache:
            report = Pipeline(settings, cache).run(folder, tmp_path / "out")
        assert report.articles == 1 and not report.failed
        assert encoded == [], run
