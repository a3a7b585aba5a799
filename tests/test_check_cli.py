"""`summarizer check`: two line-aligned files or a finished run, human or JSON output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flagged_runs import CLEAN, SOURCES, write_run
from typer.testing import CliRunner

from summarizer.cli import app


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", *args])


def write_pair(tmp_path: Path, targets: list[str]) -> tuple[str, str]:
    source, target = tmp_path / "ko.txt", tmp_path / "en.txt"
    source.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    target.write_text("\n".join(targets) + "\n", encoding="utf-8")
    return str(source), str(target)


def json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_clean_files_exit_zero(tmp_path: Path) -> None:
    source, target = write_pair(tmp_path, CLEAN)
    result = invoke("--source", source, "--target", target, "--json")
    assert result.exit_code == 0, result.output
    assert json_lines(result.stdout) == [{"index": i, "flags": []} for i in range(3)]


def test_flagged_files_exit_one_with_reasons(tmp_path: Path) -> None:
    source, target = write_pair(tmp_path, ["He invested $5 trillion.", SOURCES[1], ""])
    result = invoke("--source", source, "--target", target, "--json")
    assert result.exit_code == 1
    rows = json_lines(result.stdout)
    assert [r["index"] for r in rows] == [0, 1, 2]
    assert rows[0]["flags"] == [
        {
            "check": "numbers",
            "detail": "5000억 (500 billion) is missing; $5 trillion is not in the source",
        }
    ]
    assert {f["check"] for f in rows[1]["flags"]} == {"copied", "untranslated"}
    assert rows[2]["flags"] == []
    human = invoke("--source", source, "--target", target)
    assert human.exit_code == 1
    assert "line 1: numbers: 5000억 (500 billion) is missing" in human.stdout
    assert "line 2: untranslated" in human.stdout
    assert "2 of 3 flagged" in human.stderr


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    source, target = write_pair(tmp_path, CLEAN)
    assert invoke().exit_code == 2
    assert invoke("--source", source).exit_code == 2
    assert invoke(str(tmp_path), "--source", source, "--target", target).exit_code == 2
    missing = invoke("--source", source, "--target", str(tmp_path / "none.txt"))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    short = tmp_path / "short.txt"
    short.write_text("one line\n", encoding="utf-8")
    uneven = invoke("--source", source, "--target", str(short))
    assert uneven.exit_code == 2 and "line-aligned" in uneven.stderr
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("caf\xe9\n\n\n".encode("latin-1"))
    assert invoke("--source", source, "--target", str(latin1)).exit_code == 2
    assert invoke(str(tmp_path / "no-run")).exit_code == 2


def test_a_finished_run_is_rechecked(tmp_path: Path) -> None:
    out = write_run(tmp_path / "outputs")
    result = invoke(str(out), "--json")
    assert result.exit_code == 1
    rows = json_lines(result.stdout)
    assert [(r["article"], r.get("index"), r.get("summary")) for r in rows] == [
        ("clean", 0, None),
        ("clean", 1, None),
        ("clean", None, True),
        ("bad", 0, None),
        ("bad", 1, None),
        ("bad", None, True),
    ]
    flagged = {(r["article"], r.get("index")): r["flags"] for r in rows if r["flags"]}
    assert list(flagged) == [("bad", 0), ("bad", None)]
    assert flagged["bad", None] == [
        {"check": "summary support", "detail": "not in the article: Reuters"}
    ]
    human = invoke(str(out))
    assert "bad segment 0: numbers:" in human.stdout
    assert "bad summary: summary support: not in the article: Reuters" in human.stdout


def test_articles_that_cannot_be_checked_are_named(tmp_path: Path) -> None:
    """A broken result.json is never skipped in silence: named, counted, exit 1."""
    out = write_run(tmp_path / "outputs")
    (out / "bad" / "result.json").write_text("{not json", encoding="utf-8")
    odd = {"article": {"language": "ko"}, "segments": ["not an object"], "summary": "It grew."}
    (out / "odd").mkdir()
    (out / "odd" / "result.json").write_text(json.dumps(odd), encoding="utf-8")
    with (out / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write(json.dumps({"stem": "odd", "ok": True, "dir": "odd"}) + "\n")
        index.write(json.dumps({"stem": "lost", "ok": False, "error": "too long"}) + "\n")
    result = invoke(str(out))
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"bad: not checked: cannot read {out / 'bad' / 'result.json'}")
    assert lines[1] == (
        f"odd: not checked: {out / 'odd' / 'result.json'}: segments[0]: should be an object; "
        "run `summarizer run` again to remake it"
    )
    assert lines[2] == "lost: not checked: too long"
    assert lines[3] == "0 of 3 flagged; 3 articles not checked"
    rows = json_lines(invoke(str(out), "--json").stdout)
    assert [(r["article"], "not_checked" in r) for r in rows] == [
        ("clean", False),
        ("clean", False),
        ("clean", False),
        ("bad", True),
        ("odd", True),
        ("lost", True),
    ]
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
