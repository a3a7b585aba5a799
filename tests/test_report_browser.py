"""The HTML report in a real headless Chromium: loads clean, shows all, runs no injected code."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_report import (
    INJECTED_TITLE,
    add_article,
    add_injected_article,
    synthetic_outputs,
    synthetic_result,
)
from test_report_paged import COUNT, FAILED, large_outputs
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.scoring import ArticleScores, Score, ScoreReport, Signature

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SWITCHES = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
    pytest.skip(
        f"needs {CHROMIUM} and {CHROMEDRIVER}: apt-get install -y chromium chromium-driver",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for switch in SWITCHES:
        options.add_argument(switch)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1400,1000")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def page(seeds_run: dict[str, Any], tmp_path: Path, browser: Any) -> Any:
    """The report of the tiny-model run plus one article full of injected markup, loaded."""
    out = Path(shutil.copytree(seeds_run["out"], tmp_path / "outputs"))
    add_injected_article(out)
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    browser.get_log("browser")
    browser.get((out / "report.html").as_uri())
    return browser


def test_loads_cleanly_and_shows_every_article(page: Any) -> None:
    from selenium.webdriver.common.by import By

    severe = [entry for entry in page.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []
    assert page.title.startswith("Summaries")
    assert page.execute_script("return typeof window.__pwned") == "undefined"
    rows = page.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    assert len(rows) == 6 and all(row.is_displayed() for row in rows)
    sections = page.find_elements(By.CSS_SELECTOR, "section.article")
    assert len(sections) == 6
    injected = sections[-1]
    page.execute_script("arguments[0].scrollIntoView()", injected)
    assert injected.find_element(By.TAG_NAME, "h2").text.endswith(INJECTED_TITLE)
    assert injected.find_elements(By.TAG_NAME, "img") == []
    assert page.find_element(By.ID, "shown").text == "6 of 6 shown"


def test_filter_and_sort(page: Any) -> None:
    from selenium.webdriver.common.by import By

    box = page.find_element(By.ID, "filter")
    assert box.is_displayed(), "JavaScript revealed the controls"
    box.send_keys("INJECTED")
    visible = [
        r for r in page.find_elements(By.CSS_SELECTOR, "#articles tbody tr") if r.is_displayed()
    ]
    assert [r.find_element(By.TAG_NAME, "small").text for r in visible] == ["999_injected"]
    shown = [s for s in page.find_elements(By.CSS_SELECTOR, "section.article") if s.is_displayed()]
    assert [s.get_attribute("id") for s in shown] == ["a-6"]
    assert page.find_element(By.ID, "shown").text == "1 of 6 shown"
    box.clear()
    box.send_keys(" ")
    assert page.find_element(By.ID, "shown").text == "6 of 6 shown"

    header = page.find_element(By.XPATH, "//table[@id='articles']//th[.='sentences']//button")
    header.click()
    counts = [
        int(r.find_elements(By.TAG_NAME, "td")[2].text)
        for r in page.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    ]
    assert counts == sorted(counts) and counts[0] == 3
    header.click()
    counts_down = [
        int(r.find_elements(By.TAG_NAME, "td")[2].text)
        for r in page.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    ]
    assert counts_down == sorted(counts, reverse=True)
    assert [e for e in page.get_log("browser") if e["level"] == "SEVERE"] == []


def test_filter_by_score(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    out = synthetic_outputs(tmp_path / "out", 4)
    values = {"000_article": 0.1, "001_article": 0.3, "002_article": 0.2}
    articles = [ArticleScores(s, {"rougeL": Score(v, v, v)}, "") for s, v in values.items()]
    report = ScoreReport(articles, {"rougeL": Score(0.2)}, Signature(), [])
    (out / "scores.json").write_text(json.dumps(report.to_dict()), encoding="utf-8")
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
    browser.get((out / "report.html").as_uri())
    Select(browser.find_element(By.ID, "metric")).select_by_visible_text("rougeL")
    browser.find_element(By.ID, "min").send_keys("0.15")
    rows = browser.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    shown = [r.find_element(By.TAG_NAME, "small").text for r in rows if r.is_displayed()]
    assert shown == ["001_article", "002_article"], "unscored 003_article is filtered out too"
    assert browser.find_element(By.ID, "shown").text == "2 of 4 shown"
    browser.find_element(By.XPATH, "//th[.='rougeL']//button").click()
    rows = browser.find_elements(By.CSS_SELECTOR, "#articles tbody tr")
    order = [r.find_element(By.TAG_NAME, "small").get_attribute("textContent") for r in rows]
    assert order == ["000_article", "002_article", "001_article", "003_article"]
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []


def test_no_sideways_scroll_at_1200_pixels(tmp_path: Path, browser: Any) -> None:
    """Every metric column, long unbroken names and the charts still fit 1,200 px."""
    from summarizer.scoring import METRIC_KEYS

    out = synthetic_outputs(tmp_path / "out", 6)
    add_injected_article(out)
    long_result = synthetic_result("x" * 120, "제목" * 80, 3, summary="word " * 200)
    long_result["models"]["translator"]["id"] = "org/" + "very-long-model-name-" * 8
    add_article(out, long_result)
    stems = [f"{n:03d}_article" for n in range(6)]
    scores = dict.fromkeys(METRIC_KEYS, Score(12.345678, 0.5, 0.5))
    articles = [ArticleScores(stem, scores, "") for stem in stems]
    report = ScoreReport(articles, scores, Signature(), [])
    (out / "scores.json").write_text(json.dumps(report.to_dict()), encoding="utf-8")
    assert CliRunner().invoke(app, ["report", str(out)]).exit_code == 0
    browser.set_window_size(1200, 900)
    try:
        browser.get((out / "report.html").as_uri())
        width, viewport = browser.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
    finally:
        browser.set_window_size(1400, 1000)
    assert width <= viewport, f"the page is {width} px wide in a {viewport} px window"


def test_comparison_page_loads_clean_filters_and_escapes(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    folder = tmp_path / "articles"
    (folder / "refs").mkdir(parents=True)
    texts = {
        "alpha": "The council met on Monday. It approved the budget. Work begins soon.",
        "beta": "Rain fell all week. Roads were closed in the south. Schools shut early.",
        "gamma": '<img src=x onerror="window.__pwned=1"> A fire broke out. Two people fled.',
    }
    for stem, text in texts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        reference = text.split(". ", 1)[-1]
        (folder / "refs" / f"{stem}.summary.en.txt").write_text(reference, encoding="utf-8")
    outs = []
    for n in (1, 2):
        out = tmp_path / f"lead{n}"
        ran = CliRunner().invoke(
            app, ["run", str(folder), "-o", str(out), "-s", f"lead-{n}", "--no-cache"]
        )
        assert ran.exit_code == 0, ran.output
        outs.append(str(out))
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(app, ["compare", *outs, "--html", str(page)])
    assert result.exit_code == 0, result.output
    browser.get_log("browser")
    browser.get(page.as_uri())
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.find_elements(By.CSS_SELECTOR, "section.article img") == []
    assert browser.find_element(By.ID, "shown").text == "3 of 3 shown"
    browser.find_element(By.ID, "filter").send_keys("beta")
    shown = [
        s for s in browser.find_elements(By.CSS_SELECTOR, "section.article") if s.is_displayed()
    ]
    assert len(shown) == 1 and "Rain fell all week" in shown[0].text
    assert browser.find_element(By.ID, "shown").text == "1 of 3 shown"


def test_a_large_report_pages_sorts_and_filters_its_index(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    out = large_outputs(tmp_path / "out")
    result = CliRunner().invoke(app, ["report", str(out)])
    assert result.exit_code == 0, result.output
    browser.get_log("browser")
    browser.get((out / "report.html").as_uri())

    def rows() -> list[Any]:
        return browser.find_elements(By.CSS_SELECTOR, "#articles tbody tr")

    def numbers() -> list[int]:
        return [int(r.find_element(By.TAG_NAME, "td").text) for r in rows()]

    shown = browser.find_element(By.ID, "shown")
    assert shown.text == f"1–100 of {COUNT:,}"
    assert numbers() == list(range(1, 101))
    browser.find_element(By.ID, "next").click()
    assert shown.text == f"101–200 of {COUNT:,}" and numbers()[0] == 101

    box = browser.find_element(By.ID, "filter")
    box.send_keys("01050")
    assert shown.text == f"1–1 of 1 ({COUNT:,} in all)"
    assert rows()[0].find_element(By.TAG_NAME, "a").text == INJECTED_TITLE
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    box.clear()
    box.send_keys(" ")

    Select(browser.find_element(By.ID, "which")).select_by_value("failed")
    assert numbers() == list(FAILED)
    assert all(r.get_attribute("class") == "failed" for r in rows())
    Select(browser.find_element(By.ID, "which")).select_by_value("flagged")
    assert numbers()[:3] == [100, 200, 300]
    Select(browser.find_element(By.ID, "which")).select_by_value("")

    header = browser.find_element(By.XPATH, "//table[@id='articles']//th[.='#']//button")
    header.click()
    header.click()
    assert numbers()[:3] == [COUNT, COUNT - 1, COUNT - 2], "sorted over every article"
    link = rows()[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link.endswith(f"report-pages/page-0003.html#a-{COUNT}")
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    browser.get(link)
    assert browser.find_element(By.ID, f"a-{COUNT}").is_displayed()
