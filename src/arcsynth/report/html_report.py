"""The static HTML report of one run: a summary, the score-versus-cost chart, filters, an
overview table of the tasks (sortable), and one card per task.

Self-contained: the stylesheet and the script are inlined and nothing is fetched, so the file
can be mailed, archived or opened offline.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from html import escape
from pathlib import Path

from arcsynth.errors import RunError
from arcsynth.evaluate import DEFAULT_PRICE_PER_CPU_HOUR
from arcsynth.evaluate.no_links import write_text_no_follow
from arcsynth.evaluate.records import OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.evaluate.run_results import RunResults
from arcsynth.evaluate.store import RunStore
from arcsynth.report.chart import draw_score_vs_cost
from arcsynth.report.curve_points import point_of_view
from arcsynth.report.formatting import TASKS_PER_PRICE, percent, seconds, usd
from arcsynth.report.html_grid import grid_html, missing_grid_html
from arcsynth.report.html_script import REPORT_JS
from arcsynth.report.html_style import report_css
from arcsynth.report.outcomes import RecordOutcome, record_outcome
from arcsynth.report.overview import arc_task_url, overview_html
from arcsynth.report.reference_systems import load_reference_systems
from arcsynth.report.run_view import RunView, load_run
from arcsynth.task import Task

__all__ = ["REPORT_FILE", "CHART_SUFFIX", "ReportChart", "render_report", "write_report", "draw_report_chart"]

REPORT_FILE = "report.html"
CHART_SUFFIX = "-score-vs-cost"  # report.html -> report-score-vs-cost.png and .svg beside it
FILTERS = (("all", "all"), ("solved", "solved"), ("failed", "failed"), ("near-miss", "near misses"),
           ("errored", "errored"), ("unknown", "unknown"))


@dataclass(frozen=True)
class ReportChart:
    """The run's score-versus-cost chart: the PNG embedded in the page, and the files beside it."""

    png: Path
    svg: Path


def _known(value: object) -> str:
    """A setting as text; '-' where the run's files do not say (a folder of task records only)."""
    return "-" if value is None else str(value)


def _summary_items(view: RunView) -> list[tuple[str, str, bool]]:
    results = view.results
    level = results.level or "custom"
    budget = results.budget_seconds
    price = results.price_per_cpu_hour
    return [
        ("score", percent(results.score), True),
        ("score_strict", percent(results.score_strict), True),
        ("score_per_output", percent(results.score_per_output), True),
        ("tasks", f"{results.tasks_finished}/{results.tasks} finished", True),
        ("CPU-s per task", seconds(results.cpu_seconds_per_task), True),
        (f"USD per {TASKS_PER_PRICE:,} tasks", usd(results.usd_per_task * TASKS_PER_PRICE), True),
        ("total cost", f"{usd(results.usd_total)} ({seconds(results.cpu_seconds_total)} CPU)", False),
        ("wall-s per task", seconds(results.wall_seconds_per_task), False),
        ("statuses", ", ".join(f"{name} {count}" for name, count in sorted(results.statuses.items())) or "-", False),
        ("price", "-" if price is None else f"${price}/CPU-hour", False),
        ("level", f"{level} (budget {budget if budget else '-'} CPU-s)", False),
        ("solver", _known(results.solver), False),
        ("data", _known(results.data), False),
        ("data version", _known(results.data_version), False),
        ("git sha", _known(results.git_sha)[:12], False),
        ("complete", "yes" if results.complete else "no", False),
    ] + _search_items(results)


def _search_items(results: RunResults) -> list[tuple[str, str, bool]]:
    """The search figures of the records (evaluate/search_figures.py), where the run has them."""
    items = []
    rate = results.states_per_cpu_second_median
    if rate is not None:
        distinct = results.distinct_states_per_cpu_second_median
        items.append(("states per CPU-s (median)",
                      f"{rate:,.0f}" + ("" if distinct is None else f" ({distinct:,.0f} distinct)"), False))
    depths = results.complete_depth_counts
    if depths:
        items.append(("depth enumerated completely", ", ".join(f"{depth}: {count} tasks"
                                                              for depth, count in sorted(depths.items())), False))
    shares = results.cpu_share_by_pass
    if shares:
        items.append(("CPU by pass", ", ".join(f"{name} {percent(share)}" for name, share in
                                               sorted(shares.items(), key=lambda item: -item[1])), False))
    return items


def _summary_html(view: RunView) -> str:
    items = "".join(f'<div class="{"headline" if big else ""}"><dt>{escape(name)}</dt><dd>{escape(value)}</dd></div>'
                    for name, value, big in _summary_items(view))
    return f'<dl class="summary" id="summary">{items}</dl>'


def _pairs_html(task: Task | None, note: str | None) -> str:
    if task is None:
        return f'<p class="dim">train pairs unavailable: {escape(note or "task not loaded")}</p>'
    pairs = []
    for index, pair in enumerate(task.train, start=1):
        output = grid_html(pair.output, f"output {index}") if pair.output is not None else ""
        pairs.append(f'<div class="pair">{grid_html(pair.input, f"input {index}")}'
                     f'<span class="arrow">&rarr;</span>{output}</div>')
    return f'<div class="row train">{"".join(pairs)}</div>'


def _attempt_html(attempt: RecordedAttempt, number: int, expected: list | None) -> str:
    if expected is None:
        verdict = None
    else:
        verdict = "right" if attempt.output == expected else "wrong"
    grid = grid_html(attempt.output, f"attempt {number}", expected=expected, verdict=verdict)
    program = attempt.program
    program_html = (f'<pre class="program">{escape(program)}</pre>' if program
                    else '<p class="dim">no program text</p>')
    return f'<div class="attempt">{grid}{program_html}</div>'


def _test_html(index: int, entry: OutputAttempts | None, task: Task | None) -> str:
    pair = task.test[index] if task is not None and index < len(task.test) else None
    parts = [grid_html(pair.input, f"test input {index + 1}") if pair is not None
             else missing_grid_html(f"test input {index + 1}", "not available")]
    attempts = entry.attempts if entry is not None else ()
    expected = entry.expected if entry is not None else None
    if expected is None and pair is not None and pair.output is not None and entry is None:
        expected = pair.output.tolist()
    for number, attempt in enumerate(attempts, start=1):
        parts.append(_attempt_html(attempt, number, expected))
    if not attempts:
        parts.append(missing_grid_html("attempts", "no attempt" if entry is not None else "not run"))
    if expected is not None:
        parts.append(grid_html(expected, "expected"))
    else:
        parts.append(missing_grid_html("expected", "unknown"))
    return f'<div class="test"><h3>test {index + 1}</h3><div class="row">{"".join(parts)}</div></div>'


def _badges(outcome: RecordOutcome) -> str:
    badge = f'<span class="badge {outcome.kind}">{outcome.kind}</span>'
    if outcome.near_miss:
        badge += (f'<span class="badge near">near miss: {percent(outcome.best_agreement)} '
                  f'of non-background cells right</span>')
    return badge


def _card_html(task_id: str, record: TaskRecord | None, task: Task | None, note: str | None) -> str:
    outcome = record_outcome(record)
    if record is not None:
        facts = (f'score {percent(record.score)} &middot; CPU {seconds(record.cpu_seconds)} '
                 f'&middot; wall {seconds(record.wall_seconds)} &middot; nodes {record.nodes} '
                 f'&middot; {usd(record.usd)} &middot; status {escape(str(record.status))}')
    else:
        facts = "not finished in this run"
    error = record.error if record else None
    error_html = f'<p class="errmsg">{escape(str(error))}</p>' if error else ""
    count = max(len(record.test) if record else 0, len(task.test) if task is not None else 0)
    tests = "".join(_test_html(index, record.test[index] if record and index < len(record.test) else None,
                               task) for index in range(count))
    url = arc_task_url(task_id)
    link = (f' <a class="arc-link" href="{escape(url)}" target="_blank" rel="noopener noreferrer">'
            f'on arcprize.org</a>' if url else "")
    return (f'<article class="card" id="task-{escape(task_id)}" data-task-id="{escape(task_id)}" '
            f'data-outcome="{outcome.kind}" data-solved="{str(outcome.solved).lower()}" '
            f'data-failed="{str(outcome.failed).lower()}" data-near-miss="{str(outcome.near_miss).lower()}" '
            f'data-errored="{str(outcome.errored).lower()}">'
            f'<header><h2>{escape(task_id)}</h2>{_badges(outcome)}<span class="facts">{facts}</span>{link}</header>'
            f'{error_html}<h3>train</h3>{_pairs_html(task, note)}{tests}</article>')


def _controls_html(view: RunView, outcomes: list[RecordOutcome]) -> str:
    counts = {
        "all": len(outcomes),
        "solved": sum(outcome.solved for outcome in outcomes),
        "failed": sum(outcome.failed for outcome in outcomes),
        "near-miss": sum(outcome.near_miss for outcome in outcomes),
        "errored": sum(outcome.errored for outcome in outcomes),
        "unknown": sum(outcome.kind == "unknown" for outcome in outcomes),
    }
    buttons = "".join(f'<button type="button" data-filter="{name}" aria-pressed="{str(name == "all").lower()}">'
                      f'{label} ({counts[name]})</button>'
                      for name, label in FILTERS if name != "unknown" or counts[name])
    options = "".join(f'<option value="{escape(task_id)}"></option>' for task_id in view.task_ids)
    return (f'<nav class="controls">{buttons}<span id="shown"></span>'
            f'<form id="jump"><input id="jump-id" list="task-ids" placeholder="task id" aria-label="task id">'
            f'<button type="submit">go</button><span id="jump-error"></span></form>'
            f'<datalist id="task-ids">{options}</datalist></nav>')


def _chart_html(view: RunView, chart: ReportChart | None) -> str:
    if chart is None:
        why = ("the run has no score (its expected outputs are unknown)" if view.results.score is None
               else "not drawn")
        return f'<section class="chart"><p class="dim">score-versus-cost chart: {escape(why)}</p></section>'
    data = base64.b64encode(chart.png.read_bytes()).decode("ascii")
    return (f'<section class="chart" id="chart"><img alt="score versus cost per task: this run beside published '
            f'systems" src="data:image/png;base64,{data}"><p class="dim">The same chart beside this page: '
            f'<a href="{escape(chart.png.name)}">{escape(chart.png.name)}</a>, '
            f'<a href="{escape(chart.svg.name)}">{escape(chart.svg.name)}</a></p></section>')


def render_report(view: RunView, chart: ReportChart | None = None) -> str:
    """The whole HTML document for a run (with `chart`, its score-versus-cost chart embedded)."""
    outcomes = [record_outcome(view.records.get(task_id)) for task_id in view.task_ids]
    cards = "".join(_card_html(task_id, view.records.get(task_id), view.tasks.get(task_id), view.tasks_note)
                    for task_id in view.task_ids)
    notes = []
    if view.tasks_note:
        notes.append(f"Train pairs and test inputs are partly unavailable: {view.tasks_note}.")
    if view.results.recomputed:
        notes.append("results.json is missing (an unfinished run): the figures are recomputed from the task records.")
    if view.results.score is None:
        notes.append("The expected test outputs are unknown for this data, so there is no score, only cost.")
    note_html = "".join(f'<p class="note-box">{escape(note)}</p>' for note in notes)
    title = f"arcsynth run {view.name}"
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><style>{report_css()}</style></head><body>'
            f'<header class="top"><h1>{escape(title)}</h1>{_summary_html(view)}</header>'
            f'{_controls_html(view, outcomes)}<main>{note_html}{_chart_html(view, chart)}'
            f'{overview_html(view, outcomes)}{cards}</main>'
            f'<script>{REPORT_JS}</script></body></html>\n')


def draw_report_chart(view: RunView, folder: Path, stem: str) -> ReportChart | None:
    """Draw the run's point beside the reference systems into `folder/<stem>.png` and `.svg`;
    None when the run has no score to place."""
    point = point_of_view(view)
    if point.score is None:
        return None
    price = point.price_per_cpu_hour or DEFAULT_PRICE_PER_CPU_HOUR
    png, svg = draw_score_vs_cost([point], load_reference_systems(price), folder, price_per_cpu_hour=price,
                                  stem=stem)
    return ReportChart(png, svg)


def write_report(run_dir: str | Path, out: str | Path | None = None) -> Path:
    """Write the report of the run in `run_dir` (default: `<run_dir>/report.html`); return its path."""
    view = load_run(run_dir)
    store = RunStore(run_dir)
    path = Path(out) if out is not None else store.root / REPORT_FILE
    own = {store.config_path, store.results_path, store.submission_path, *store.tasks_dir.glob("*.json")}
    if path.resolve() in {own_path.resolve() for own_path in own}:
        raise RunError(f"{path}: is a file of the run itself; write the report elsewhere")
    chart = draw_report_chart(view, path.parent, f"{path.stem}{CHART_SUFFIX}")
    page = render_report(view, chart)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RunError(f"{error.filename or path}: cannot write the report ({error.strerror})") from None
    write_text_no_follow(path, page, path.parent)
    return path
