from arcsynth.report.chart import draw_score_vs_cost
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


def test_chart_is_written_as_png_and_svg_with_a_log_cost_axis(tmp_path, run_dir, unknown_run_dir):
    points = [curve_point(run_dir), curve_point(unknown_run_dir)]  # a run without a score is left out
    png, svg = draw_score_vs_cost(points, load_reference_systems(0.05), tmp_path / "chart", price_per_cpu_hour=0.05)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "log scale" in text and "OpenAI o3-preview" in text and "icecuber" in text and "Human" in text
    assert "arcsynth on" in text
