"""The published quality of each translation preset: right model, right test set, README agrees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.models.presets import PRESETS

README = Path(__file__).resolve().parents[1] / "README.md"
# preset -> (test set, BLEU, chrF) as the OPUS-MT and External-MT leaderboards publish them
PUBLISHED = {
    "opus-mt-tc-big-ko-en": [("NTREX-128", "26.1", "54.6"), ("FLORES-200 devtest", "27.7", "56.6")],
    "opus-mt-ko-en": [("FLORES-101 devtest", "19.8", "49.5")],
    "nllb-200-distilled-600M": [
        ("NTREX-128", "24.6", "52.8"),
        ("FLORES-200 devtest", "25.1", "54.1"),
    ],
    "m2m100_418M": [("FLORES-200 devtest", "20.6", "50.6")],
}


def readme_row(preset: str) -> str:
    [row] = [
        line for line in README.read_text(encoding="utf-8").splitlines()
        if line.startswith(f"| `{preset}` |")
    ]  # fmt: skip
    return row


@pytest.mark.parametrize("preset", sorted(PUBLISHED))
def test_each_figure_stands_with_its_test_set(preset: str) -> None:
    quality = PRESETS[preset].quality
    row = readme_row(preset)
    for test_set, bleu, chrf in PUBLISHED[preset]:
        assert f"{test_set} {bleu}/{chrf}" in quality, quality
        assert f"{test_set} {bleu} / {chrf}" in row, row
    figures = {f for _, *pair in PUBLISHED[preset] for f in pair}
    assert set(re.findall(r"\d+\.\d", quality)) == figures, quality


def test_opus_mt_ko_en_is_not_credited_with_tatoeba_mts_ntrex_figures() -> None:
    for text in (PRESETS["opus-mt-ko-en"].quality, readme_row("opus-mt-ko-en")):
        assert "19.4" not in text and "48.0" not in text
        assert "no published NTREX-128" in text
