from arcsynth.report.chart import build_figure, draw_score_vs_cost
from arcsynth.report.formatting import usd
from arcsynth.report.curve_points import curve_point, curve_points, format_curve_table
from arcsynth.report.reference_systems import load_reference_systems
from tests.report.run_factory import write_run


def test_curve_points_follow_the_level_ladder(tmp_path, dataset_dir):
    dirs = [write_run(tmp_path / level, dataset_dir, level=level, cpu_scale=scale)
            for level, scale in (("medium", 100), ("tiny", 1), ("low", 10))]
    points = curve_points(dirs)
    assert [p.label for p in points] == ["tiny", "low", "medium"]
    assert points[0].usd_per_task < points[1].usd_per_task < points[2].usd_per_task
    table = format_curve_table(points)
    assert table.splitlines()[0].split()[:4] == ["level", "data", "tasks", "score"]
    assert "25.0%" in table and "5/6" in table
    header = table.splitlines()[0]
    assert "USD/1,000 tasks" in header and "e-0" not in table
    assert usd(points[0].usd_per_task * 1000) in table.splitlines()[1]


def test_chart_is_written_as_png_and_svg_with_a_log_cost_axis(tmp_path, run_dir, unknown_run_dir):
    points = [curve_point(run_dir), curve_point(unknown_run_dir)]  # a run without a score is left out
    png, svg = draw_score_vs_cost(points, load_reference_systems(0.05), tmp_path / "chart", price_per_cpu_hour=0.05)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    figure = build_figure(points, load_reference_systems(0.05), price_per_cpu_hour=0.05)
    assert (width, height) == tuple(round(side) for side in figure.get_size_inches() * figure.dpi)  # as drawn
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "log scale" in text and "OpenAI o3-preview" in text and "icecuber" in text and "Human" in text
    assert "arcsynth on" in text


def test_point_labels_never_overlap_even_for_runs_on_the_same_spot(tmp_path):
    from pathlib import Path

    from arcsynth.report.chart import build_figure, label_boxes
    from arcsynth.report.curve_points import CurvePoint

    def point(label, data, score, usd):
        return CurvePoint(label, data, score, score, usd, usd * 72000, 40, 40, Path(label), 0.05)

    # "0.3 CPU-s" and "tiny" at almost the same place in two series, next to icecuber's reference
    points = [point("tiny", "arc1-eval", 0.10, 1.4e-5), point("0.3 CPU-s", "arc1-train", 0.10, 1.2e-5),
              point("low", "arc1-eval", 0.27, 2.2e-5), point("medium", "arc1-eval", 0.28, 2.5e-5)]
    figure = build_figure(points, load_reference_systems(0.05), price_per_cpu_hour=0.05)
    boxes = label_boxes(figure)
    assert len(boxes) == len(points) + len(load_reference_systems(0.05))
    overlapping = [(i, j) for i in range(len(boxes)) for j in range(i) if boxes[i].overlaps(boxes[j])]
    assert overlapping == []
