import json

import pytest

from arcsynth.cli import main
from arcsynth.report import draw_score_vs_cost
from tests.report.run_factory import write_dataset


def test_curve_runs_each_level_and_draws_the_chart(tmp_path, capsys, monkeypatch):
    import arcsynth.cli.chart_command as chart_command
    drawn = []

    def draw(points, *args, **kwargs):
        drawn.append([(point.label, point.run_dir.name) for point in points])
        return draw_score_vs_cost(points, *args, **kwargs)
    monkeypatch.setattr(chart_command, "draw_score_vs_cost", draw)
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "curve"
    argv = ["curve", "--data", str(data), "--levels", "tiny,low,medium", "--limit", "2", "--solver", "transforms",
            "--workers", "1", "--out", str(out), "--quiet"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    for level in ("tiny", "low", "medium"):
        results = json.loads((out / level / "results.json").read_text())
        assert results["level"] == level and results["tasks"] == 2
    # one point per level, each from that level's run folder, in a real PNG and an SVG
    assert sorted(drawn[0]) == sorted((level, level) for level in ("tiny", "low", "medium"))
    assert (out / "curve.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (out / "curve.svg").read_text().lstrip().startswith("<?xml")
    assert [line.split()[0] for line in printed.splitlines()[1:4]] == ["tiny", "low", "medium"]

    # a second call resumes: the finished levels are not run again
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/tasks/*.json")}
    assert main(argv) == 0
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/tasks/*.json")} == before


def test_curve_rejects_unknown_levels(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["curve", "--levels", "tiny,huge"])
    assert exit_.value.code == 2 and "compute levels" in capsys.readouterr().err


def test_curve_states_its_cost_before_it_starts(tmp_path, capsys, monkeypatch):
    import arcsynth.cli.curve_command as curve_command
    data = write_dataset(tmp_path / "data")
    said_before_running = []

    def refuse(*args, **kwargs):
        said_before_running.append(capsys.readouterr().err)
        raise KeyboardInterrupt

    monkeypatch.setattr(curve_command, "evaluate", refuse)
    argv = ["curve", "--data", str(data), "--limit", "4", "--workers", "2", "--out", str(tmp_path / "c"), "--quiet"]
    assert main(argv) == 130
    # the defaults: tiny, low and medium = 1 + 10 + 100 CPU-s per task
    assert said_before_running[0].startswith(
        "curve: 3 level(s) (tiny, low, medium) x 4 tasks = up to 111 CPU-s per task, 444 CPU-s in all "
        "(0.1 CPU-hours, $0.00617 at $0.05/CPU-hour); at least 0.1 hours of wall time on 2 worker(s)")


def test_the_cost_of_the_defaults_on_the_whole_evaluation_set():
    from arcsynth.cli.curve_command import cost_statement
    text = cost_statement(("tiny", "low", "medium"), 400, 2, 0.05)
    assert "44,400 CPU-s in all (12.3 CPU-hours, $0.617" in text and "at least 6.2 hours of wall time" in text


def test_curve_refuses_data_without_solutions_before_running(tmp_path, capsys):
    data = write_dataset(tmp_path / "data", with_outputs=False)
    assert main(["curve", "--data", str(data), "--out", str(tmp_path / "c"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no known test outputs" in err and not (tmp_path / "c").exists()
