"""The report in a real browser: headless Chromium (Debian's `chromium`) over the DevTools protocol.

Runs in the default suite wherever Chromium is installed (.ci/run installs it); skipped with a
message naming the reason where it is not.
"""

from __future__ import annotations

import io

import numpy as np
import pytest

from arcsynth.report.html_report import write_report
from tests.report.run_factory import FAILED_IDS, SOLVED_IDS, TASKS, write_dataset, write_run

websocket = pytest.importorskip("websocket", reason="websocket-client is not installed (pip install -e '.[dev]')")

from tests.report.headless_chromium import HeadlessChromium, find_chromium  # noqa: E402

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not found: install Debian's chromium "
                                                         "(apt-get install chromium) or set ARCSYNTH_CHROMIUM")

VISIBLE_CARDS = ("[...document.querySelectorAll('article.card')]"
                 ".filter(card => getComputedStyle(card).display !== 'none').map(card => card.dataset.taskId)")


@pytest.fixture(scope="module")
def browser():
    with HeadlessChromium(CHROMIUM) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def report_url(tmp_path_factory):
    """One report for the module (drawing its chart takes a second or two); the tests only read it."""
    root = tmp_path_factory.mktemp("browser-report")
    return write_report(write_run(root / "run", write_dataset(root / "data"))).resolve().as_uri()


def _png_pixels(png: bytes) -> np.ndarray:
    from matplotlib.image import imread  # Pillow-backed PNG reader that ships with matplotlib
    return imread(io.BytesIO(png), format="png")


def test_report_loads_without_errors_and_has_one_card_per_task(browser, report_url):
    browser.open(report_url)
    assert browser.errors() == []
    assert browser.evaluate("document.querySelectorAll('article.card').length") == len(TASKS)
    assert browser.evaluate("document.getElementById('shown').textContent") == f"showing {len(TASKS)} of {len(TASKS)}"


def test_screenshot_is_not_blank(browser, report_url):
    browser.open(report_url)
    pixels = _png_pixels(browser.screenshot())
    assert pixels.shape[0] > 500 and pixels.shape[1] > 500
    colors = np.unique((pixels[..., :3] * 255).astype(np.uint8).reshape(-1, 3), axis=0)
    assert len(colors) > 20 and float(pixels[..., :3].std()) > 0.05
    # the ARC palette's red (#FF4136) of the drawn grids is on screen
    assert any(tuple(color) == (0xFF, 0x41, 0x36) for color in colors)


def test_filtering_by_failed_shows_only_failed_tasks(browser, report_url):
    browser.open(report_url)
    browser.click("button[data-filter='failed']")
    assert set(browser.evaluate(VISIBLE_CARDS)) == FAILED_IDS
    assert browser.evaluate("document.querySelector(\"button[data-filter='failed']\").getAttribute('aria-pressed')") \
        == "true"
    browser.click("button[data-filter='solved']")
    assert set(browser.evaluate(VISIBLE_CARDS)) == SOLVED_IDS
    browser.click("button[data-filter='near-miss']")
    assert browser.evaluate(VISIBLE_CARDS) == ["b2nearmiss"]
    browser.click("button[data-filter='all']")
    assert browser.evaluate(VISIBLE_CARDS) == list(TASKS)
    assert browser.errors() == []


def test_jump_to_a_task_by_id(browser, report_url):
    browser.open(report_url)
    browser.click("button[data-filter='solved']")
    browser.click("#jump-id")
    browser.type_text("e5noattempt")
    assert browser.evaluate("location.hash") == "#task-e5noattempt"
    assert browser.evaluate("document.getElementById('task-e5noattempt').classList.contains('flash')")
    assert "e5noattempt" in browser.evaluate(VISIBLE_CARDS)  # the filter went back to all
    assert browser.errors() == []


VISIBLE_ROWS = ("[...document.querySelectorAll('#overview tbody tr')]"
                ".filter(row => getComputedStyle(row).display !== 'none').map(row => row.dataset.taskId)")


def test_overview_sorts_by_a_column_both_ways_and_keeps_it_in_the_url(browser, report_url):
    browser.open(report_url)
    assert browser.evaluate(VISIBLE_ROWS) == list(TASKS)
    browser.click("#overview th[data-sort-key='cpu'] button")
    # CPU: e5 0.0625, c3 0.125, b2 0.25, a1 0.5, d4 2.0; f6 never finished, so last
    assert browser.evaluate(VISIBLE_ROWS) == ["e5noattempt", "c3twotests", "b2nearmiss", "a1solved", "d4timeout",
                                             "f6missing"]
    assert browser.evaluate("document.querySelector(\"th[data-sort-key='cpu']\").getAttribute('aria-sort')") \
        == "ascending"
    browser.click("#overview th[data-sort-key='cpu'] button")
    assert browser.evaluate(VISIBLE_ROWS) == ["d4timeout", "a1solved", "b2nearmiss", "c3twotests", "e5noattempt",
                                             "f6missing"]
    assert browser.evaluate("location.search") == "?sort=cpu&order=desc"
    browser.click("#overview th[data-sort-key='nodes'] button")
    assert browser.evaluate(VISIBLE_ROWS)[:2] == ["d4timeout", "e5noattempt"]  # 0 then 7 nodes
    assert browser.errors() == []


def test_filters_apply_to_the_table_and_stay_in_the_url(browser, report_url):
    browser.open(report_url)
    browser.click("button[data-filter='errored']")
    assert browser.evaluate(VISIBLE_ROWS) == ["d4timeout"]
    assert browser.evaluate(VISIBLE_CARDS) == ["d4timeout"]
    assert browser.evaluate("location.search") == "?filter=errored"
    browser.click("button[data-filter='failed']")
    browser.click("#overview th[data-sort-key='score'] button")
    url = browser.evaluate("location.href")
    assert url.endswith("?filter=failed&sort=score&order=asc")
    # a reload (or the link sent to someone) shows the same view
    browser.open(url)
    assert set(browser.evaluate(VISIBLE_CARDS)) == FAILED_IDS
    assert browser.evaluate(VISIBLE_ROWS)[-1] == "f6missing" and browser.evaluate(VISIBLE_ROWS)[-2] == "c3twotests"
    assert browser.evaluate("document.querySelector(\"button[data-filter='failed']\").getAttribute('aria-pressed')") \
        == "true"
    browser.click("button[data-filter='all']")
    assert browser.evaluate("location.search") == "?sort=score&order=asc"
    assert browser.errors() == []


def test_thumbnails_and_chart_are_drawn(browser, report_url):
    browser.open(report_url)
    # the first thumbnail is a1solved's test input [[6, 7], [8, 9]]: its top-left cell is ARC color 6
    pixel = browser.evaluate("Array.from(document.querySelector('canvas.thumb').getContext('2d')"
                             ".getImageData(0, 0, 1, 1).data)")
    assert pixel[:3] == [0xF0, 0x12, 0xBE]
    assert browser.evaluate("document.querySelector('section.chart img').naturalWidth") > 500
    assert browser.errors() == []
