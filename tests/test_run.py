"""`summarizer run` end to end over the seeds with tiny models: files, schema, cache, errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.pipeline.marked import plain_translation

RESULT_KEYS = {"schema", "article", "removed", "segments", "translation", "summary", "models"}


def results(out: Path) -> dict[str, dict[str, Any]]:
    return {
        p.parent.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(out.glob("*/result.json"))
    }


def test_every_seed_gets_all_output_files(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["first"].exit_code == 0, seeds_run["first"].output
    out: Path = seeds_run["out"]
    stems = sorted(p.stem for p in seeds_run["articles"].glob("*.txt"))
    assert sorted(results(out)) == stems
    for stem in stems:
        for name in ("source.ko.txt", "translation.en.md", "summary.en.txt", "result.json"):
            assert (out / stem / name).read_text(encoding="utf-8").strip(), name
    index = [json.loads(line) for line in (out / "index.jsonl").read_text().splitlines()]
    assert [entry["stem"] for entry in index] == stems
    assert all(entry["ok"] and entry["summary"] for entry in index)
    assert not list(out.rglob("*.tmp")), "no temporary files are left behind"


def test_result_json_aligns_every_sentence(seeds_run: dict[str, Any]) -> None:
    for stem, result in results(seeds_run["out"]).items():
        assert set(result) >= RESULT_KEYS, stem
        segments = result["segments"]
        assert segments, stem
        assert all(s["source"].strip() and s["translation"].strip() for s in segments), stem
        assert result["article"]["sentences"] == len(segments)
        marked = (seeds_run["out"] / stem / "translation.en.md").read_text()
        paragraphs = plain_translation(marked).strip()
        source = (seeds_run["out"] / stem / "source.ko.txt").read_text().strip()
        assert (
            len(paragraphs.split("\n\n"))
            == len(source.split("\n\n"))
            == (result["article"]["paragraphs"])
        )
        assert {s["paragraph"] for s in segments} == set(range(result["article"]["paragraphs"]))
        translator = result["models"]["translator"]
        assert translator["backend"] in {"hf", "ct2"}
        assert len(translator["weights_sha256"]) == 64
        assert "num_beams" in translator["decoding"]
        assert result["models"]["summarizer"]["summary_sentences"] == 3
        assert set(result["timings"]) >= {"translate_s", "summarize_s", "total_s"}


def test_removed_boilerplate_is_kept_for_audit(seeds_run: dict[str, Any]) -> None:
    by_stem = results(seeds_run["out"])
    forum = next(r for stem, r in by_stem.items() if stem.startswith("004"))
    removed = " ".join(line["text"] for line in forum["removed"])
    assert "회원로그인" in removed and "사업자 등록번호" in removed
    kept = " ".join(s["source"] for s in forum["segments"])
    assert "회원로그인" not in kept and "접속자집계" not in kept
    dated = next(r for stem, r in by_stem.items() if stem.startswith("000"))
    assert any(line["reason"] == "dateline" for line in dated["removed"])


def test_second_run_is_answered_from_the_cache(seeds_run: dict[str, Any]) -> None:
    assert seeds_run["second"].exit_code == 0, seeds_run["second"].output
    for stem, result in results(seeds_run["out"]).items():
        assert result["cache"]["translation_misses"] == 0, stem
        assert result["cache"]["summary_hit"], stem
        assert all(s["cached"] for s in result["segments"])


def test_bad_files_are_reported_and_the_rest_finish(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    korean = "테슬라 주가가 이번주 급등했다.\n\n모건스탠리가 목표 주가를 올렸다.\n"
    (folder / "a_good.txt").write_text(korean, encoding="utf-8")
    (folder / "b_cp949.txt").write_bytes(korean.encode("cp949"))
    (folder / "c_empty.txt").write_text("", encoding="utf-8")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    english = "Tesla shares jumped 6% this week.\n\nMorgan Stanley raised its target.\n"
    (folder / "e_english.txt").write_text(english, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(folder), "-o", str(out), "-t", str(tiny_marian), "-s", str(tiny_bart)]
    )
    assert result.exit_code == 1
    assert "3 done, 2 failed" in result.output
    assert sorted(results(out)) == ["a_good", "b_cp949", "e_english"]
    english_result = results(out)["e_english"]
    assert english_result["article"]["language"] == "en"
    assert english_result["models"]["translator"] is None
    assert english_result["translation"] == english.strip()
    assert english_result["cache"]["translation_hits"] == 0
    assert english_result["cache"]["translation_misses"] == 0
    cp949 = results(out)["b_cp949"]
    assert cp949["article"]["encoding"] in {"cp949", "euc-kr", "euc_kr"}
    assert cp949["segments"][0]["source"] == "테슬라 주가가 이번주 급등했다."
    index = {e["stem"]: e for e in map(json.loads, (out / "index.jsonl").read_text().splitlines())}
    assert "empty" in index["c_empty"]["error"]
    assert "binary" in index["d_binary"]["error"]


def test_edited_sentence_is_the_only_one_retranslated(
    tmp_path: Path, tiny_marian: Path, tiny_bart: Path, seeds_run: dict[str, Any]
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(seeds_run["articles"], folder)
    cache = tmp_path / "cache.sqlite"
    shutil.copy(seeds_run["out"] / "cache.sqlite", cache)
    target = folder / "003_b1d73babfa129a0a.txt"
    text = target.read_text(encoding="utf-8")
    assert "목표 주가를 400달러로" in text
    target.write_text(text.replace("목표 주가를 400달러로", "목표 주가를 500달러로"), "utf-8")
    out = tmp_path / "out"
    args = ["run", str(folder), "-o", str(out), "--cache", str(cache)]
    result = CliRunner().invoke(app, [*args, "-t", str(tiny_marian), "-s", str(tiny_bart)])
    assert result.exit_code == 0, result.output
    by_stem = results(out)
    before = results(seeds_run["out"])
    for stem, data in by_stem.items():
        edited = stem.startswith("003")
        assert data["cache"]["translation_misses"] == (1 if edited else 0), stem
        # The summary is keyed by the translation: the tiny random model may translate 400달러
        # and 500달러 alike, and then the summary is rightly answered from the cache.
        changed = data["translation"] != before[stem]["translation"]
        assert changed is (edited and changed), stem
        assert data["cache"]["summary_hit"] is (not changed), stem
    missed = [s["source"] for s in by_stem["003_b1d73babfa129a0a"]["segments"] if not s["cached"]]
    assert len(missed) == 1 and "500달러" in missed[0]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "nope"), "-o", str(out)])
    assert result.exit_code == 2
    assert "folder not found" in result.output and "nope" in result.output
    assert "Traceback" not in result.output
    assert not out.exists(), "a bad input must not leave a cache or outputs behind"


def test_an_empty_folder_is_a_usage_error_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "no articles" in result.output
    assert not out.exists(), "no cache.sqlite or index.jsonl for a run that did nothing"


def test_the_warning_counts_what_result_json_flags(seeds_run: dict[str, Any]) -> None:
    """Random weights write nonsense: the warning names the flagged sentences and summaries."""
    data = results(seeds_run["out"]).values()
    sentences = sum(1 for r in data for s in r["segments"] if s["flags"])
    summaries = sum(1 for r in data if r["summary_flags"])
    assert sentences, "the tiny translator's output is flagged"
    warning = " ".join(seeds_run["first"].stderr.split())
    sentence_part = f"{sentences:,} translated sentence{'s' if sentences != 1 else ''}"
    assert f"the checks flag {sentence_part}" in warning
    if summaries:
        assert f"{summaries} summar{'ies' if summaries != 1 else 'y'} even after a retry" in warning
    assert "result.json and the report list each flag" in warning
