"""Seconds until a report page shows its index of articles in headless Chromium."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SHOWN = "return document.querySelectorAll('#articles tbody tr').length"
TIMEOUT = 120.0


def open_seconds(page: Path) -> float | None:
    """From asking for `page` until its index has rows; None without chromium or selenium."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        return None
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        return None
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for switch in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000"):
        options.add_argument(switch)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            driver.get("about:blank")
            began = time.perf_counter()
            driver.get(page.as_uri())
            while not driver.execute_script(SHOWN):
                if time.perf_counter() - began > TIMEOUT:
                    return None
                time.sleep(0.02)
            return time.perf_counter() - began
        finally:
            driver.quit()
