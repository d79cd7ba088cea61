"""Reports: terminal rendering, HTML, plots, exports."""

from arcsynth.report.terminal import ARC_PALETTE, render_grid, render_grids_side_by_side

__all__ = ["ARC_PALETTE", "render_grid", "render_grids_side_by_side"]
