"""End to end in a real headless Chromium: a watchdog follows an overdue promise to its transcript line.

Uses Debian's `chromium` and `chromium-driver` (apt-get install -y chromium chromium-driver) through
selenium, with the driver's path given so that selenium downloads nothing. Screenshots go to
test-artifacts/ (gitignored) so a person can look at the pages.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.dashboard.conftest import build_world

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "dashboard"
MISSING = [path for path in (CHROMIUM, CHROMEDRIVER) if not Path(path).exists()]
WAIT = 15  # seconds for a page to load on a busy two-core machine


@pytest.fixture
def browser():
    if MISSING:
        pytest.skip(f"!!!! BROWSER TESTS SKIPPED: {', '.join(MISSING)} not installed. "
                    "Install with: apt-get update && apt-get install -y chromium chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("!!!! BROWSER TESTS SKIPPED: selenium is not installed (pip install -r requirements.txt)")
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900",
                 "--lang=nl-BE"):
        options.add_argument(flag)
    # A Flemish reader's browser asks for Dutch; the site's default is Dutch anyway.
    options.add_experimental_option("prefs", {"intl.accept_languages": "nl-BE,nl"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def live_world(transactional_db):
    # The clock ticks (selenium's waits need it), starting on the tests' fixed day.
    start = datetime.datetime(2021, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(start, tick=True):
        yield build_world()


def wait_for(driver, condition):
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # While a page unloads, its elements go stale: that means "not yet", not failure.
    return WebDriverWait(driver, WAIT, ignored_exceptions=[StaleElementReferenceException]).until(condition)


def shot(driver, name: str) -> Path:
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def full_page_shot(driver, name: str, width: int) -> Path:
    """Resize the window to the whole page's height, so the screenshot shows all of it."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height + 120, 600), 6000))
    return shot(driver, name)


def test_follow_an_overdue_commitment_to_its_transcript_line(browser, live_server, live_world):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC

    browser.get(live_server.url + "/")
    wait_for(browser, EC.presence_of_element_located((By.ID, "overdue-heading")))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "nl"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Wat Vlaamse ministers beloofden, en wat ervan terechtkwam"
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart").is_displayed()
    full_page_shot(browser, "01-overview-desktop", 1280)

    # The oldest overdue commitment is the first row of the overdue list.
    browser.set_window_size(1280, 900)
    overdue = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby='overdue-heading']")
    link = overdue.find_element(By.CSS_SELECTOR, "tbody th a")
    assert link.text == "Omzendbrief anders werken"
    link.click()
    # Wait for the new page itself: an element of the old one goes stale while it unloads.
    wait_for(browser, EC.url_contains("/commitments/"))
    wait_for(browser, EC.presence_of_element_located((By.ID, "quote-heading")))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Omzendbrief anders werken"
    assert "59 dagen" in browser.find_element(By.CSS_SELECTOR, ".overdue-fact").text
    full_page_shot(browser, "02-commitment-desktop", 1280)

    # On to the transcript: the link to line 6 lands on the anchored line, on screen.
    browser.set_window_size(1280, 900)
    browser.find_element(By.CSS_SELECTOR, ".quote-context figcaption a").click()
    wait_for(browser, EC.url_contains("#L6"))
    wait_for(browser, EC.presence_of_element_located((By.ID, "L6")))
    assert browser.current_url.endswith("#L6")
    line = browser.find_element(By.ID, "L6")
    assert line.is_displayed()
    top, bottom = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom];", line)
    assert 0 <= top < bottom <= browser.execute_script("return window.innerHeight")
    assert "hl-commitment" in line.get_attribute("class")
    assert "Eind 2020 zullen we via een omzendbrief" in line.text
    # The text is shown as text: the "<script>" in the transcript did not run and is visible.
    assert "<script>alert('x')</script>" in browser.find_element(By.ID, "L13").text
    shot(browser, "03-transcript-line")

    # Switch to English: the same page comes back in English.
    browser.find_element(By.CSS_SELECTOR, ".language-switch button[value='en']").click()
    wait_for(browser, lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "Transcripts and documents" in browser.find_element(By.CSS_SELECTOR, ".kicker").text
    browser.get(live_server.url + "/")
    wait_for(browser, EC.presence_of_element_located((By.ID, "overdue-heading")))
    assert browser.find_element(By.TAG_NAME, "h1").text == "What Flemish ministers promised, and what came of it"
    full_page_shot(browser, "04-overview-english", 1280)


def test_skip_link_takes_keyboard_focus_first(browser, live_server, live_world):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server.url + "/commitments/")
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "skip-link"
    assert focused.is_displayed() and focused.text == "Naar de inhoud"
    outline = browser.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused)
    assert outline == "solid"
    shot(browser, "05-skip-link-focus")


def phone_shots(driver, name: str, screens: int = 3) -> None:
    """Screenshots of the first screens of a page at phone size, each as a person would see it."""
    driver.set_window_size(390, 844)
    height = driver.execute_script("return window.innerHeight")
    for index in range(screens):
        driver.execute_script("window.scrollTo(0, arguments[0])", index * height)
        shot(driver, f"{name}-{index + 1}")


def test_pages_fit_a_phone_screen(browser, live_server, live_world):
    from selenium.webdriver.common.by import By

    browser.set_window_size(390, 844)
    for name, path in [("06-overview-phone", "/"), ("07-commitment-phone", f"/commitments/{live_world.circular.pk}/"),
                       ("08-transcript-phone", f"/documents/{live_world.transcript.pk}/"),
                       ("09-ministers-phone", "/ministers/")]:
        browser.get(live_server.url + path)
        browser.find_element(By.ID, "main")
        # Wide tables scroll inside their own region; the page itself never scrolls sideways.
        width, viewport = browser.execute_script(
            "const e = document.documentElement; return [e.scrollWidth, e.clientWidth];")
        assert width <= viewport, f"{path} is {width}px wide on a {viewport}px screen"
        phone_shots(browser, name)
