"""Reports: terminal rendering, the HTML run report, the score-versus-cost chart, run comparison
and the ARC Prize benchmarking export."""

from arcsynth.report.benchmarking_export import export_arc_agi_benchmarking
from arcsynth.report.chart import draw_score_vs_cost
from arcsynth.report.compare import compare_runs, format_comparison
from arcsynth.report.curve_points import curve_points, format_curve_table
from arcsynth.report.html_report import render_report, write_report
from arcsynth.report.reference_systems import load_reference_systems
from arcsynth.report.run_view import RunView, load_run
from arcsynth.report.terminal import ARC_PALETTE, render_grid, render_grids_side_by_side

__all__ = [
    "ARC_PALETTE", "render_grid", "render_grids_side_by_side",
    "RunView", "load_run", "render_report", "write_report",
    "curve_points", "format_curve_table", "draw_score_vs_cost", "load_reference_systems",
    "compare_runs", "format_comparison", "export_arc_agi_benchmarking",
]
