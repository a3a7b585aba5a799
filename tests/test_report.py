"""The HTML report: structure, escaping, no external references, scores, failures, 500 articles."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import InputError
from summarizer.report import read_outputs, render
from summarizer.scoring import compare, score_outputs

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
INJECTED_TITLE = '<script>window.__pwned=1;document.title="pwned"</script>'
INJECTED_ATTRIBUTE = '" onmouseover="window.__pwned=2" x="'
INJECTED_IMAGE = "<img src=x onerror=window.__pwned=3>"
INJECTED_URL = "https://evil.example/x.js"


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                classes = child.attrs.get("class", "").split()
                if (tag is None or child.tag == tag) and (cls is None or cls in classes):
                    found.append(child)
                found += child.all(tag, cls)
        return found

    def by_id(self, ident: str) -> Node:
        return next(n for n in self.all() if n.attrs.get("id") == ident)


class TreeBuilder(HTMLParser):
    """A small DOM from html.parser: enough to check structure and what is text."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "every element is closed"
    return builder.root


def synthetic_result(stem: str, title: str, segments: int, **extra: Any) -> dict[str, Any]:
    """A result.json in the pipeline's schema with made-up text."""
    rows = [
        {
            "paragraph": i // 3,
            "source": f"{title} 문장 {i}번입니다.",
            "translation": f"Sentence {i} of {stem}.",
            "cached": i % 2 == 0,
        }
        for i in range(segments)
    ]
    models = {
        "translator": {"id": "tiny-marian", "backend": "hf", "decoding": {"num_beams": 2}},
        "summarizer": {"id": "tiny-bart", "backend": "hf", "summary_sentences": 3},
        "segmenter": "kiwipiepy-test",
    }
    return {
        "schema": 1,
        "article": {
            "path": f"articles/{stem}.txt",
            "stem": stem,
            "encoding": "utf-8",
            "format": "text",
            "language": "ko",
            "title": title,
            "characters": 40 * segments,
            "paragraphs": (segments + 2) // 3,
            "sentences": segments,
        },
        "removed": [{"line": 1, "text": "입력 2024.01.01 09:00", "reason": "dateline"}],
        "segments": rows,
        "translation": " ".join(r["translation"] for r in rows),
        "summary": f"Summary of {stem}.",
        "models": models,
        "timings": {"read_s": 0.01, "segment_s": 0.1, "translate_s": 0.5, "summarize_s": 1.0}
        | {"total_s": 1.61 + segments / 100, "summary_rounds": 1},
        "cache": {"translation_hits": 1, "translation_misses": segments - 1, "summary_hit": False},
    } | extra


def add_article(out: Path, result: dict[str, Any]) -> None:
    """Write `result` as OUT/<stem>/result.json and append its line to OUT/index.jsonl."""
    stem = result["article"]["stem"]
    (out / stem).mkdir(parents=True)
    text = json.dumps(result, ensure_ascii=False)
    (out / stem / "result.json").write_text(text, encoding="utf-8")
    entry = {"stem": stem, "ok": True, "dir": stem, "title": result["article"]["title"]}
    with (out / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write(json.dumps(entry, ensure_ascii=False) + "\n")


def add_injected_article(out: Path) -> dict[str, Any]:
    result = synthetic_result("999_injected", INJECTED_TITLE, 3, summary=INJECTED_ATTRIBUTE)
    result["segments"][1]["source"] = INJECTED_IMAGE
    result["removed"].append({"line": 7, "text": INJECTED_URL, "reason": "link"})
    add_article(out, result)
    return result


def synthetic_outputs(out: Path, count: int, segments: int = 4) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        add_article(out, synthetic_result(f"{number:03d}_article", f"기사 {number}", segments))
    return out


@pytest.fixture
def run_copy(seeds_run: dict[str, Any], tmp_path: Path) -> Path:
    """A copy of the tiny-model run's outputs, free to change."""
    assert seeds_run["first"].exit_code == 0, seeds_run["first"].output
    return Path(shutil.copytree(seeds_run["out"], tmp_path / "outputs"))


def report_of(out: Path, *args: str) -> tuple[str, Node]:
    result = CliRunner().invoke(app, ["report", str(out), *args])
    assert result.exit_code == 0, result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    return page, parse(page)


def results_of(out: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(out.glob("*/result.json"))]


def test_run_writes_the_report(seeds_run: dict[str, Any]) -> None:
    out: Path = seeds_run["out"]
    assert f"report: {out / 'report.html'}" in seeds_run["second"].output.replace("\n", "")
    tree = parse((out / "report.html").read_text(encoding="utf-8"))
    assert len(tree.by_id("articles").all("tbody")[0].all("tr")) == 5


def test_every_article_and_sentence_of_a_run_is_shown(run_copy: Path) -> None:
    _, tree = report_of(run_copy)
    results = results_of(run_copy)
    index_rows = tree.by_id("articles").all("tbody")[0].all("tr")
    assert [row.all("small")[0].text() for row in index_rows] == [
        r["article"]["stem"] for r in results
    ]
    sections = tree.all("section", "article")
    assert len(sections) == len(results)
    for section, result in zip(sections, results, strict=True):
        assert result["article"]["title"] in section.all("h2")[0].text()
        assert section.all("p", "summary")[0].text() == result["summary"]
        rows = section.all("table", "aligned")[0].all("tbody")[0].all("tr")
        assert len(rows) == len(result["segments"])
        for row, segment in zip(rows, result["segments"], strict=True):
            cells = row.all("td")
            assert cells[1].text() == segment["source"]
            marks = cells[2].all("span", "flag")
            assert cells[2].text() == segment["translation"] + "".join(
                " " + m.text() for m in marks
            )
            assert bool(marks) == bool(segment["flags"]) == ("flagged" in row.attrs["class"])
            assert cells[1].attrs["lang"] == "ko"
        details = {d.all("summary")[0].text(): d for d in section.all("details")}
        removed = next(d for name, d in details.items() if name.startswith("Removed"))
        assert "open" not in removed.attrs, "boilerplate starts collapsed"
        texts = [r.all("td")[2].text() for r in removed.all("tbody")[0].all("tr")]
        assert texts == [r["text"] for r in result["removed"]]
        models = details["Models and settings"].text()
        assert result["models"]["translator"]["weights_sha256"] in models
        assert result["models"]["segmenter"] in models
        assert f"{result['timings']['total_s']:.2f} s" in section.all("p", "work")[0].text()


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 2)
    add_injected_article(out)
    page, tree = report_of(out)
    scripts = tree.all("script")
    assert len(scripts) == 1 and "__pwned" not in scripts[0].text()
    assert not tree.all("img")
    for node in tree.all():
        assert not [name for name in node.attrs if name.startswith("on")], node.tag
    for raw in (INJECTED_TITLE, INJECTED_IMAGE, INJECTED_ATTRIBUTE):
        assert raw not in page
    section = tree.all("section", "article")[2]
    assert INJECTED_TITLE in section.all("h2")[0].text()
    assert section.all("p", "summary")[0].text() == INJECTED_ATTRIBUTE
    assert INJECTED_IMAGE in section.all("table", "aligned")[0].text()
    assert INJECTED_URL in section.all("table", "removed")[0].text()
    assert tree.all("title")[0].text() == "Summaries: out"


def test_nothing_is_fetched(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 3)
    add_injected_article(out)
    page, tree = report_of(out)
    for node in tree.all():
        assert "src" not in node.attrs, node.tag
        assert node.attrs.get("href", "#").startswith(("#", "data:")), node.attrs
    assert [link.attrs["href"] for link in tree.all("link")] == ["data:,"]
    style = tree.all("style")[0].text()
    assert "url(" not in style and "@import" not in style
    policy = next(m for m in tree.all("meta") if m.attrs.get("http-equiv"))
    assert policy.attrs["content"].startswith("default-src 'none'")
    assert page.count("https://") == page.count(INJECTED_URL) == 1


def test_one_article_without_scores(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 1)
    _, tree = report_of(out)
    head = [th.text() for th in tree.by_id("articles").all("th")]
    assert head == ["#", "title", "sentences", "characters", "seconds", "cached", "summary"]
    assert not [n for n in tree.all() if n.attrs.get("id") in {"metric", "min"}]
    assert len(tree.all("figure", "chart")) == 1, "only the time chart"
    assert len(tree.all("section", "article")) == 1


def test_five_hundred_articles_stay_whole_and_compact(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 500, segments=12)
    page = render(read_outputs(out))
    tree = parse(page)
    rows = tree.by_id("articles").all("tbody")[0].all("tr")
    assert len(rows) == 500
    sections = tree.all("section", "article")
    assert [s.attrs["id"] for s in sections] == [f"a-{n}" for n in range(1, 501)]
    assert all(len(s.all("table", "aligned")[0].all("tbody")[0].all("tr")) == 12 for s in sections)
    assert len(tree.all("figure", "chart")[0].all("a")) == 500
    text = sum(
        len((s["source"] + s["translation"]).encode("utf-8"))
        for r in results_of(out)
        for s in r["segments"]
    )
    overhead = (len(page.encode("utf-8")) - text) / (500 * 12)
    assert overhead < 400, f"{overhead:.0f} bytes besides the sentences' text per sentence"


def test_scores_and_regressions_are_shown(run_copy: Path) -> None:
    current = score_outputs(run_copy, SEEDS, SEEDS / "refs")
    assert current.articles, "the seeds have references"
    (run_copy / "scores.json").write_text(json.dumps(current.to_dict()), encoding="utf-8")
    baseline = current.to_dict()
    for article in baseline["articles"]:
        for score in article["scores"].values():
            score["value"] += 0.1
    record = {"baseline": baseline, "current": current.to_dict()}
    record["comparison"] = compare(baseline, current).to_dict()
    (run_copy / "regress.json").write_text(json.dumps(record), encoding="utf-8")

    _, tree = report_of(run_copy)
    head = [th.text() for th in tree.by_id("articles").all("th")]
    assert {"rouge1", "rougeL", "chrf", "bleu"} <= set(head)
    column = head.index("rougeL")
    scored = {a.stem: a.scores["rougeL"].value for a in current.articles}
    for row in tree.by_id("articles").all("tbody")[0].all("tr"):
        stem = row.all("small")[0].text()
        cell = row.all("td")[column]
        if stem in scored:
            assert float(cell.attrs["data-v"]) == pytest.approx(scored[stem])
        else:
            assert cell.attrs["data-v"] == ""
    charts = tree.all("figure", "chart")
    assert [c.all("figcaption")[0].text().split(" ")[0] for c in charts] == ["Time", "rougeL"]
    assert len(charts[1].all("rect", "baseline")) == len(current.articles) + 1, "and the mean"
    assert len(charts[1].all("rect", "regression")) == len(current.articles)
    section = tree.by_id(
        next(
            r.attrs["data-target"]
            for r in tree.all("tr")
            if r.attrs.get("data-key", "").endswith(current.articles[0].stem)
        )
    )
    assert "regression" in section.all("table", "scores")[0].text()


def test_scores_of_other_models_are_left_out(run_copy: Path) -> None:
    current = score_outputs(run_copy, SEEDS, SEEDS / "refs").to_dict()
    for article in current["articles"]:
        article["models"] = "translator=other@-"
    (run_copy / "scores.json").write_text(json.dumps(current), encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(run_copy)])
    assert result.exit_code == 0, result.output
    assert "run `summarizer score` again" in result.output
    tree = parse((run_copy / "report.html").read_text(encoding="utf-8"))
    assert "rougeL" not in [th.text() for th in tree.by_id("articles").all("th")]


def test_unreadable_score_files_are_noted_not_fatal(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 2)
    (out / "scores.json").write_text("{not json", encoding="utf-8")
    (out / "regress.json").write_text('{"changes": [{"scope": 1}]}', encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(out), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    assert "scores.json is left out" in result.output
    assert "regress.json is left out" in result.output
    tree = parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    notes = tree.all("ul", "notes")[0].text()
    assert "scores.json" in notes and "regress.json" in notes
    assert len(tree.all("section", "article")) == 2


def test_failed_articles_are_listed_with_their_error(tmp_path: Path) -> None:
    out = synthetic_outputs(tmp_path / "out", 2)
    shutil.rmtree(out / "001_article")
    with (out / "index.jsonl").open("a", encoding="utf-8") as index:
        index.write(json.dumps({"stem": "bad", "ok": False, "error": "bad.txt is empty"}) + "\n")
    outputs = read_outputs(out)
    tree = parse(render(outputs))
    failed = tree.by_id("articles").all("tr", "failed")
    assert [row.all("td")[1].text() for row in failed] == ["001_article", "bad"]
    assert "result.json" in failed[0].text() and "bad.txt is empty" in failed[1].text()
    assert len(tree.all("section", "article")) == 1


def test_a_folder_without_a_run_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="summarizer run"):
        read_outputs(tmp_path)
    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 1
    assert "index.jsonl" in result.output and "Traceback" not in result.output


def test_run_reports_failures_and_can_skip_the_report(
    seeds_run: dict[str, Any], tmp_path: Path
) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    seed = next(seeds_run["articles"].glob("000_*.txt"))
    shutil.copy(seed, articles)
    (articles / "empty.txt").write_text("", encoding="utf-8")
    cache = tmp_path / "cache.sqlite"
    shutil.copy(seeds_run["out"] / "cache.sqlite", cache)
    models = seeds_run["args"][-4:]
    for out, extra in ((tmp_path / "with", []), (tmp_path / "without", ["--no-report"])):
        args = ["run", str(articles), "-o", str(out), "--cache", str(cache), *models, *extra]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 1, result.output
        assert (out / "report.html").exists() is not bool(extra)
    tree = parse((tmp_path / "with" / "report.html").read_text(encoding="utf-8"))
    assert "empty" in tree.by_id("articles").all("tr", "failed")[0].text()
    assert len(tree.all("section", "article")) == 1
