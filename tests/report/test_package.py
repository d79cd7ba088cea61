import arcsynth.report as report


def test_public_names_resolve():
    for name in report.__all__:
        assert callable(getattr(report, name)) or name == "ARC_PALETTE"


def test_library_use_end_to_end(run_dir, tmp_path):
    view = report.load_run(run_dir)
    assert "<!DOCTYPE html>" in report.render_report(view)
    points = report.curve_points([run_dir])
    png, svg = report.draw_score_vs_cost(points, report.load_reference_systems(0.05), tmp_path, price_per_cpu_hour=0.05)
    assert png.exists() and svg.exists()
    assert report.export_arc_agi_benchmarking(run_dir, tmp_path / "x").written
    assert "tasks compared: 6" in report.format_comparison(report.compare_runs(run_dir, run_dir))
