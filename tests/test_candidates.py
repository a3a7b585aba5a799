"""Several candidate translations per segment: sampling on both backends, the choice among the
candidates (fewest flags, then the consensus), and the option that asks for them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cache.null import NullCache
from summarizer.cli import app
from summarizer.config import Settings
from summarizer.engines import Model, Sampling
from summarizer.models.spec import resolve
from summarizer.scoring.reuse import differing_settings
from summarizer.tasks import candidates
from summarizer.tasks.translate import Translator

KOREAN = ["테슬라 주가가 이번주 10% 올랐다.", "정부는 화요일 지원을 확대하겠다고 밝혔다."]


def test_the_consensus_wins_among_equally_flagged_candidates() -> None:
    options = [
        "Bananas are yellow and grow in warm places.",
        "Tesla shares rose 10% this week.",
        "Tesla's shares rose 10% this week.",
        "Tesla stock rose 10% this week.",
    ]
    assert candidates.choose(options, [0, 0, 0, 0]) == 1, "the one between the other two"
    scores = candidates.agreement(options)
    assert scores[0] < min(scores[1:]), "the outlier agrees least with the others"


def test_fewer_flags_win_over_agreement_and_ties_keep_the_first() -> None:
    options = ["Tesla shares rose this week.", "Tesla shares rose this week.", "Tesla rose 10%."]
    assert candidates.choose(options, [1, 1, 0]) == 2
    assert candidates.choose(["same", "same"], [0, 0]) == 0
    assert candidates.agreement(["alone"]) == [0.0]


def test_sampling_calls_stay_small() -> None:
    assert candidates.prompts_per_call(7) == 4
    assert candidates.prompts_per_call(31) == 1
    assert candidates.prompts_per_call(1) == 32


@pytest.mark.parametrize("backend", ["hf", "ct2"])
@pytest.mark.parametrize("fixture", ["tiny_llama", "tiny_marian"])
def test_engines_draw_as_many_samples_as_asked(
    backend: str, fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if backend == "ct2":
        pytest.importorskip("ctranslate2", reason="the ct2 backend needs ctranslate2")
    folder = request.getfixturevalue(fixture)
    model = Model(
        resolve(str(folder), tmp_path),
        "translation",
        backend=backend,
        options={"models_dir": tmp_path} if backend == "ct2" else None,
        overrides={"max_new_tokens": 12},
    )  # type: ignore[arg-type]
    system = "Translate the Korean into English." if model.kind == "chat" else None
    sampling = Sampling(3, temperature=1.5, top_p=1.0, seed=5)
    drawn = model.engine.sample(KOREAN, sampling, system=system)
    assert [len(group) for group in drawn] == [3, 3]
    again = model.engine.sample(KOREAN, sampling, system=system)
    assert [len(group) for group in again] == [3, 3]
    if backend == "hf":
        assert again == drawn, "torch is seeded: the same draws"
        other = Sampling(3, temperature=1.5, top_p=1.0, seed=6)
        assert model.engine.sample(KOREAN, other, system=system) != drawn
    else:
        assert again != drawn, "random weights at temperature 1.5: CTranslate2 draws anew"
    assert model.engine.sample([], sampling, system=system) == []


def fake_translator(
    folder: Path, greedy: str, drawn: Sequence[str], count: int
) -> tuple[Translator, list[int]]:
    """A translator over the tiny Llama whose greedy reply and samples are given."""
    model = Model(
        resolve(str(folder), folder.parent), "translation", overrides={"max_new_tokens": 60}
    )
    engine = model.engine
    calls: list[int] = []

    def generate(inputs: Sequence[str], **_: object) -> list[str]:
        return [greedy for _ in inputs]

    def sample(inputs: Sequence[str], sampling: Sampling, **_: object) -> list[list[str]]:
        calls.append(len(inputs))
        assert sampling.count == count - 1
        return [list(drawn) for _ in inputs]

    engine.generate = generate  # type: ignore[method-assign]
    engine.sample = sample  # type: ignore[method-assign]
    return Translator(model, NullCache(), candidates=count), calls


def test_a_flagged_greedy_translation_gives_way_to_a_sound_sample(tiny_llama: Path) -> None:
    wrong = "Tesla shares rose 20% this week."
    right = "Tesla shares rose 10% this week."
    job, calls = fake_translator(tiny_llama, wrong, [wrong, right, "Tesla shares rose 10%."], 4)
    result = job.translate(KOREAN[:1])
    assert result.texts == [right], "10% is kept, and the samples' consensus among the sound"
    assert result.flags == [[]]
    assert calls == [1]


def test_unflagged_greedy_translations_stay_when_the_samples_agree_with_them(
    tiny_llama: Path,
) -> None:
    greedy = "Tesla shares rose 10% this week."
    job, _ = fake_translator(tiny_llama, greedy, ["Tesla shares rose 10% in a week.", greedy], 3)
    assert job.translate(KOREAN[:1]).texts == [greedy]


def test_the_fingerprint_records_the_candidates_and_is_unchanged_without(
    tiny_llama: Path,
) -> None:
    model = Model(resolve(str(tiny_llama), tiny_llama.parent), "translation")
    one = Translator(model, NullCache()).fingerprint
    eight = Translator(model, NullCache(), candidates=8).fingerprint
    assert "mbr" not in one and one.startswith(f"{model.fingerprint}/retry-findings-qe/prompt-")
    assert eight == f"{one}/mbr-chrf-sample7-t0.7-p0.9-seed0"


def test_the_option_is_checked_and_reaches_the_settings(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(KOREAN[0], encoding="utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "--candidates", "0"])
    assert result.exit_code == 2
    assert "candidates" in result.output
    assert Settings().candidates == 1
    assert Settings().with_overrides(candidates=8).candidates == 8


def test_a_run_with_candidates_records_them_and_regress_tells_them_apart(
    tiny_marian: Path, tmp_path: Path
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "a.txt").write_text(" ".join(KOREAN), encoding="utf-8")
    out = tmp_path / "out"
    args = ["run", str(articles), "-o", str(out), "-t", str(tiny_marian), "-s", "lead-2"]
    args += ["--models-dir", str(tmp_path / "models"), "--candidates", "3", "--no-cache"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "a" / "result.json").read_text(encoding="utf-8"))
    translator = data["models"]["translator"]
    assert translator["candidates"] == 3
    assert translator["fingerprint"].endswith("/mbr-chrf-sample2-t0.7-p0.9-seed0")
    assert all(segment["translation"].strip() for segment in data["segments"])
    settings = Settings(translator=str(tiny_marian), summarizer="lead-2", models_dir=tmp_path)
    found = list(articles.iterdir())
    assert differing_settings(out, found, settings.with_overrides(candidates=3)) == []
    diffs = differing_settings(out, found, settings)
    assert [(d.field, d.baseline, d.current) for d in diffs] == [
        ("translator.candidates", "3", "1")
    ]
