"""The report shows the whole run: the chart embedded and written beside it, an overview table of
every task (sortable, filterable, errored ones marked), and each task's page on arcprize.org."""

import base64
import dataclasses
import re
from html.parser import HTMLParser

from arcsynth.report.html_report import render_report, write_report
from arcsynth.report.overview import arc_task_url, program_length
from arcsynth.report.run_view import load_run
from tests.report.run_factory import FAILED_IDS, SOLVED_IDS, TASKS


class _Rows(HTMLParser):
    """The overview table's rows: their data attributes and cell texts."""

    def __init__(self):
        super().__init__()
        self.rows, self.headers, self.in_table, self.cell = [], [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "overview":
            self.in_table = True
        elif self.in_table and tag == "th" and "data-sort-key" in attrs:
            self.headers.append(attrs["data-sort-key"])
        elif self.in_table and tag == "tr" and "data-task-id" in attrs:
            self.rows.append({"attrs": attrs, "cells": [], "links": []})
        elif self.in_table and self.rows and tag == "td":
            self.rows[-1]["cells"].append("")
        elif self.in_table and self.rows and tag == "a":
            self.rows[-1]["links"].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False

    def handle_data(self, data):
        if self.in_table and self.rows and self.rows[-1]["cells"]:
            self.rows[-1]["cells"][-1] += data


def _rows(page):
    parser = _Rows()
    parser.feed(page)
    return parser


def test_overview_has_a_row_per_task_with_status_score_cpu_nodes_and_program_length(run_dir):
    table = _rows(render_report(load_run(run_dir)))
    assert [row["attrs"]["data-task-id"] for row in table.rows] == list(TASKS)
    assert table.headers == ["id", "status", "score", "cpu", "nodes", "length"]
    by_id = {row["attrs"]["data-task-id"]: row for row in table.rows}
    solved = by_id["a1solved"]
    assert solved["cells"][:6] == ["a1solved", "solved", "100.0%", "0.5", "120", "1"]
    assert solved["attrs"]["data-cpu"] == "0.5" and solved["attrs"]["data-nodes"] == "120.0"
    assert by_id["d4timeout"]["cells"][1] == "error (timeout)"
    assert by_id["f6missing"]["cells"][1:6] == ["missing", "-", "-", "-", "-"]
    assert by_id["f6missing"]["attrs"]["data-cpu"] == ""       # unknown values sort last
    assert {i for i, r in by_id.items() if r["attrs"]["data-solved"] == "true"} == SOLVED_IDS
    assert {i for i, r in by_id.items() if r["attrs"]["data-failed"] == "true"} == FAILED_IDS
    assert {i for i, r in by_id.items() if r["attrs"]["data-errored"] == "true"} == {"d4timeout"}
    assert by_id["a1solved"]["links"][0] == "#task-a1solved"


def test_thumbnails_hold_the_test_input_and_the_first_attempt(run_dir):
    page = render_report(load_run(run_dir))
    row = page[page.index('<tr data-task-id="a1solved"'):page.index('<tr data-task-id="b2nearmiss"')]
    assert re.findall(r'data-grid="([0-9|]+)"', row) == ["67|89", "67|98"]


def test_errored_filter_counts_the_tasks_whose_worker_failed(run_dir):
    page = render_report(load_run(run_dir))
    assert re.search(r'data-filter="errored"[^>]*>errored \(1\)</button>', page)
    card = page[page.index('id="task-d4timeout"'):]
    assert 'data-errored="true"' in card[:card.index(">")]


def test_each_arc_task_links_to_its_page_on_arcprize_org(run_dir):
    assert arc_task_url("007bbfb7") == "https://arcprize.org/play?task=007bbfb7"
    assert arc_task_url("a1solved") is None and arc_task_url("../x") is None
    view = load_run(run_dir)
    renamed = dataclasses.replace(view, task_ids=("007bbfb7",), records={"007bbfb7": view.records["a1solved"]},
                                  tasks={"007bbfb7": view.tasks["a1solved"]})
    page = render_report(renamed)
    links = re.findall(r'<a [^>]*href="(https://arcprize\.org/[^"]*)"', page)
    assert links == ["https://arcprize.org/play?task=007bbfb7"] * 2   # the table's row and the card
    assert 'rel="noopener noreferrer"' in page


def test_program_length_counts_steps_only():
    assert program_length("x1 = flip(I)\n# why\n\nO = rot90(x1)  # turn\n") == 2
    assert program_length(None) is None and program_length("") is None


def test_the_chart_is_written_beside_the_report_and_embedded(run_dir):
    path = write_report(run_dir)
    png, svg = run_dir / "report-score-vs-cost.png", run_dir / "report-score-vs-cost.svg"
    assert png.read_bytes().startswith(b"\x89PNG") and "<svg" in svg.read_text()
    page = path.read_text()
    embedded = re.search(r'<img [^>]*src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page).group(1)
    assert base64.b64decode(embedded) == png.read_bytes()
    assert 'href="report-score-vs-cost.svg"' in page and 'href="report-score-vs-cost.png"' in page


def test_a_run_without_a_score_has_no_chart_and_says_why(unknown_run_dir):
    page = write_report(unknown_run_dir).read_text()
    assert "data:image/png" not in page and "the run has no score" in page
    assert not (unknown_run_dir / "report-score-vs-cost.png").exists()
