"""The score-versus-cost chart (PNG and SVG, log-scale cost): our runs per compute level as a
curve, beside published reference systems. Drawn with matplotlib's Agg canvas, no pyplot."""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from arcsynth.errors import RunError
from arcsynth.evaluate.no_links import write_bytes_no_follow
from arcsynth.report.curve_points import CurvePoint
from arcsynth.report.reference_systems import ReferencePoint

__all__ = ["CHART_STEM", "draw_score_vs_cost", "build_figure", "label_boxes", "MIN_USD"]

CHART_STEM = "curve"
MIN_USD = 1e-9  # a run that cost nothing measurable is drawn at this floor of the log axis
_OUR_COLORS = ("#1a73e8", "#0b8043", "#8e24aa", "#e37400")
_REFERENCE_STYLES = (("#d93025", "s"), ("#5f6368", "D"), ("#f29900", "^"), ("#00897b", "v"), ("#6d4c41", "P"))


def _draw_our_runs(axes, points: Sequence[CurvePoint]) -> None:
    by_data: dict[str, list[CurvePoint]] = defaultdict(list)
    for point in points:
        if point.score is not None:
            by_data[point.data].append(point)
    for index, (data, series) in enumerate(sorted(by_data.items())):
        series.sort(key=lambda p: p.usd_per_task)
        xs = [max(p.usd_per_task, MIN_USD) for p in series]
        ys = [100 * p.score for p in series]
        color = _OUR_COLORS[index % len(_OUR_COLORS)]
        label = f"arcsynth on {data} ({max(p.tasks for p in series)} tasks)"
        axes.plot(xs, ys, "-o", color=color, linewidth=2, markersize=7, label=label, zorder=3)
        for x, y, point in zip(xs, ys, series):
            axes.annotate(point.label, (x, y), textcoords="offset points", xytext=(6, -12),
                          fontsize=8, color=color)


def _draw_references(axes, references: Sequence[ReferencePoint]) -> None:
    by_series: dict[str, list[ReferencePoint]] = defaultdict(list)
    for reference in references:
        by_series[reference.series].append(reference)
    for index, (series, members) in enumerate(by_series.items()):
        color, marker = _REFERENCE_STYLES[index % len(_REFERENCE_STYLES)]
        members.sort(key=lambda r: r.usd_per_task)
        if len(members) > 1:
            axes.plot([r.usd_per_task for r in members], [100 * r.score for r in members], ":", color=color,
                      linewidth=1)
        for number, reference in enumerate(members):
            axes.plot([reference.usd_per_task], [100 * reference.score], marker, markersize=8, color=color,
                      markerfacecolor="none" if reference.is_estimate else color,
                      label=f"{series} ({reference.split})" if number == 0 else None, linestyle="none")
            text = ("~" if reference.is_estimate else "") + f"{100 * reference.score:.0f}% {reference.label}".rstrip()
            axes.annotate(text, (reference.usd_per_task, 100 * reference.score), textcoords="offset points",
                          xytext=(6, 4), fontsize=7, color=color)


# Offsets (points) tried in turn for a label that would overlap another label or a marker.
_LABEL_OFFSETS = ((6, -12), (6, 4), (-6, 4), (-6, -12), (6, 16), (6, -24), (-6, 16), (-6, -24), (6, 28),
                  (6, -36), (-6, 28), (-6, -36), (6, 40), (6, -48), (-6, 40), (-6, -48))
_PAD_PX = 1.5


def _overlaps(box, others) -> bool:
    return any(box.x0 - _PAD_PX < other.x1 and other.x0 - _PAD_PX < box.x1 and
               box.y0 - _PAD_PX < other.y1 and other.y0 - _PAD_PX < box.y1 for other in others)


def _place_labels(figure, axes) -> None:
    """Move each point label to the first offset where it overlaps no label placed before it, no
    marker and the legend (the first offset when none is free)."""
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    taken = []
    for line in axes.get_lines():
        if line.get_marker() not in (None, "None", "", " "):
            for x, y in line.get_xydata():
                px, py = axes.transData.transform((x, y))
                size = line.get_markersize() / 72 * figure.dpi / 2
                taken.append(_box(px - size, py - size, px + size, py + size))
    legend = axes.get_legend()
    if legend is not None:
        taken.append(legend.get_window_extent(renderer))
    for text in axes.texts:
        first = text.xyann
        for offset in _LABEL_OFFSETS:
            text.xyann = offset
            text.set_horizontalalignment("left" if offset[0] >= 0 else "right")
            if not _overlaps(text.get_window_extent(renderer), taken):
                break
        else:
            text.xyann = first
            text.set_horizontalalignment("left")
        taken.append(text.get_window_extent(renderer))


def _box(x0: float, y0: float, x1: float, y1: float):
    from matplotlib.transforms import Bbox
    return Bbox([[x0, y0], [x1, y1]])


def label_boxes(figure) -> list:
    """The drawn extent of every point label of the chart (for checking that none overlap)."""
    renderer = figure.canvas.get_renderer()
    figure.draw(renderer)
    return [text.get_window_extent(renderer) for axes in figure.axes for text in axes.texts]


def build_figure(points: Sequence[CurvePoint], references: Sequence[ReferencePoint], *, price_per_cpu_hour: float):
    """The chart as a matplotlib Figure (Agg canvas), labels placed so that none overlap."""
    # Imported here, not at the top: matplotlib takes a second or more to import, and every
    # `arcsynth` command would pay for it through the CLI's command table.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 6.2), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    _draw_references(axes, references)
    _draw_our_runs(axes, points)
    axes.set_xscale("log")
    axes.set_ylim(0, 105)
    axes.set_xlabel("cost per task, USD (log scale)")
    axes.set_ylabel("score, % of test outputs (per-task fraction, 2 attempts)")
    axes.set_title("ARC-AGI score versus cost per task")
    axes.grid(True, which="major", linestyle="-", alpha=0.3)
    axes.grid(True, which="minor", axis="x", linestyle=":", alpha=0.15)
    axes.legend(loc="lower right", fontsize=7, framealpha=0.9)
    figure.text(0.01, 0.01, f"arcsynth priced at ${price_per_cpu_hour}/CPU-hour. Hollow markers and '~': estimated "
                            "figures. Splits differ; sources in report/reference_systems.json.",
                fontsize=7, color="#555555")
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    _place_labels(figure, axes)
    return figure


def draw_score_vs_cost(points: Sequence[CurvePoint], references: Sequence[ReferencePoint], out_dir: str | Path,
                       *, price_per_cpu_hour: float, stem: str = CHART_STEM) -> tuple[Path, Path]:
    """Draw the chart into `out_dir/<stem>.png` and `.svg`; return both paths."""
    figure = build_figure(points, references, price_per_cpu_hour=price_per_cpu_hour)
    folder = Path(out_dir)
    png, svg = folder / f"{stem}.png", folder / f"{stem}.svg"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RunError(f"{error.filename or folder}: cannot write the chart ({error.strerror})") from None
    for path, options in ((png, {"format": "png"}), (svg, {"format": "svg", "metadata": {"Date": None}})):
        drawn = io.BytesIO()  # drawn here and written by arcsynth, which does not follow a planted link
        figure.savefig(drawn, **options)
        write_bytes_no_follow(path, drawn.getvalue(), folder)
    return png, svg
