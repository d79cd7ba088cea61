import json
import re
from html.parser import HTMLParser

from arcsynth.report.html_grid import grid_html
from arcsynth.report.html_report import render_report, write_report
from arcsynth.report.run_view import load_run
from arcsynth.report.terminal import ARC_PALETTE
from tests.report.run_factory import FAILED_IDS, NEAR_MISS_IDS, SOLVED_IDS, TASKS


class _Cards(HTMLParser):
    """Collects each card's data attributes and the cells drawn inside it."""

    def __init__(self):
        super().__init__()
        self.cards = {}
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "card" in attrs.get("class", ""):
            self.current = attrs["data-task-id"]
            self.cards[self.current] = {"attrs": attrs, "wrong_cells": 0, "cells": 0}
        elif tag == "b" and self.current is not None:
            self.cards[self.current]["cells"] += 1
            if "x" in attrs.get("class", "").split():
                self.cards[self.current]["wrong_cells"] += 1


def _cards(page):
    parser = _Cards()
    parser.feed(page)
    return parser.cards


def test_one_card_per_task_with_its_outcome(run_dir):
    cards = _cards(render_report(load_run(run_dir)))
    assert list(cards) == list(TASKS)
    assert {i for i, c in cards.items() if c["attrs"]["data-solved"] == "true"} == SOLVED_IDS
    assert {i for i, c in cards.items() if c["attrs"]["data-failed"] == "true"} == FAILED_IDS
    assert {i for i, c in cards.items() if c["attrs"]["data-near-miss"] == "true"} == NEAR_MISS_IDS
    assert cards["d4timeout"]["attrs"]["data-outcome"] == "error"
    assert cards["f6missing"]["attrs"]["data-outcome"] == "missing"


def test_wrong_cells_are_marked_against_the_expected_output(run_dir):
    cards = _cards(render_report(load_run(run_dir)))
    assert cards["a1solved"]["wrong_cells"] == 2    # attempt 1 swapped one row: 2 cells wrong
    assert cards["b2nearmiss"]["wrong_cells"] == 1
    assert cards["c3twotests"]["wrong_cells"] == 0  # the wrong attempt has another shape: noted, not marked


def test_card_shows_train_pairs_tests_attempts_programs_cost_and_errors(run_dir):
    page = render_report(load_run(run_dir))
    card = page[page.index('id="task-c3twotests"'):page.index('id="task-d4timeout"')]
    assert card.count("<h3>test ") == 2 and "input 1" in card and "output 1" in card
    assert "O = hconcat(I, I)" in card and "shape 1x1, expected 1x2" in card
    assert "CPU 0.125 s" in card and "nodes 10" in card
    timeout = page[page.index('id="task-d4timeout"'):page.index('id="task-e5noattempt"')]
    assert "worker killed by SIGXCPU" in timeout and "status timeout" in timeout and "no attempt" in timeout
    assert "not finished in this run" in page[page.index('id="task-f6missing"'):]


def test_summary_has_scores_cost_level_data_version_and_sha(run_dir):
    page = render_report(load_run(run_dir))
    summary = page[page.index('id="summary"'):page.index("</dl>")]
    for text in ("25.0%", "16.7%", "5/6 finished", "CPU-s per task", "per 1,000 tasks", "total cost", "tiny",
                 "test:1", "0123456789ab"):
        assert text in summary


def test_filters_jump_box_and_counts(run_dir):
    page = render_report(load_run(run_dir))
    for name, count in (("all", 6), ("solved", 1), ("failed", 5), ("near-miss", 1)):
        assert re.search(rf'data-filter="{name}"[^>]*>[^<]*\({count}\)</button>', page)
    assert 'id="jump"' in page and page.count("<option value=") == 6


def test_page_is_self_contained(run_dir):
    page = render_report(load_run(run_dir))
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert not re.search(r'src="(https?:)?//', page)
    # the only links out are the tasks' pages on arcprize.org, opened on a click, never fetched
    for link in re.findall(r'href="((?:https?:)?//[^"]*)"', page):
        assert link.startswith("https://arcprize.org/play?task=")
    assert "<script>" in page and "<style>" in page
    for color in ARC_PALETTE:
        assert color in page


def test_unknown_expected_outputs(unknown_run_dir):
    page = render_report(load_run(unknown_run_dir))
    cards = _cards(page)
    assert all(c["attrs"]["data-outcome"] in ("unknown", "missing") for c in cards.values())
    assert "expected test outputs are unknown" in page and "score</dt><dd>n/a" in page
    assert 'data-filter="unknown"' in page


def test_without_dataset_the_cards_still_show_attempts(run_dir):
    config = json.loads((run_dir / "run.json").read_text())
    config["data"] = "no-such-dataset"
    (run_dir / "run.json").write_text(json.dumps(config))
    page = render_report(load_run(run_dir))
    assert page.count('<article class="card"') == 6
    assert "train pairs unavailable" in page and "O = mirror(I)" in page


def test_text_is_escaped():
    html = grid_html([[1]], "<script>alert(1)</script>")
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_write_report_defaults_to_the_run_folder(run_dir, tmp_path):
    assert write_report(run_dir) == run_dir / "report.html"
    assert (run_dir / "report.html").read_text().startswith("<!DOCTYPE html>")
    other = write_report(run_dir, tmp_path / "elsewhere" / "r.html")
    assert other.exists()


def test_summary_shows_the_search_figures_when_the_run_has_them(run_dir):
    results = json.loads((run_dir / "results.json").read_text())
    assert "states per CPU-s" not in render_report(load_run(run_dir))
    results.update({"states_per_cpu_second_median": 10812.4, "distinct_states_per_cpu_second_median": 2500.0,
                    "complete_depth_counts": {"0": 3, "2": 26}, "cpu_share_by_pass": {"kernel": 0.7, "depth2": 0.3}})
    (run_dir / "results.json").write_text(json.dumps(results))
    page = render_report(load_run(run_dir))
    summary = page[page.index('id="summary"'):page.index("</dl>")]
    for text in ("states per CPU-s (median)", "10,812 (2,500 distinct)", "0: 3 tasks, 2: 26 tasks",
                 "kernel 70.0%, depth2 30.0%"):
        assert text in summary, text


def test_a_folder_of_task_records_only_says_unknown_settings_are_unknown(run_dir):
    (run_dir / "run.json").unlink()
    (run_dir / "results.json").unlink()
    page = write_report(run_dir).read_text()
    summary = re.search(r'<dl class="summary" id="summary">(.*?)</dl>', page).group(1)
    assert "None" not in summary and "<dt>price</dt><dd>-</dd>" in summary
    assert "<dt>solver</dt><dd>-</dd>" in summary and "<dt>git sha</dt><dd>-</dd>" in summary
