from arcsynth.cli import main
from tests.report.run_factory import write_dataset, write_run


def test_chart_from_existing_runs(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    runs = [str(write_run(tmp_path / level, data, level=level, cpu_scale=scale))
            for level, scale in (("tiny", 1), ("low", 10), ("medium", 100))]
    out = tmp_path / "chart"
    assert main(["chart", *runs, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (out / "curve.png").exists() and (out / "curve.svg").exists()
    assert str(out / "curve.png") in printed and str(out / "curve.svg") in printed
    table = (out / "curve.txt").read_text()
    assert [line.split()[0] for line in table.splitlines()[1:]] == ["tiny", "low", "medium"]


def test_chart_of_a_folder_of_runs_draws_every_run_inside(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    for level, scale in (("tiny", 1), ("low", 10), ("medium", 100)):
        write_run(tmp_path / "curve" / level, data, level=level, cpu_scale=scale)
    assert main(["chart", str(tmp_path / "curve"), "--out", str(tmp_path / "curve")]) == 0
    table = (tmp_path / "curve" / "curve.txt").read_text()
    assert [line.split()[0] for line in table.splitlines()[1:]] == ["tiny", "low", "medium"]


def test_chart_of_a_non_run_is_exit_2(tmp_path, capsys):
    assert main(["chart", str(tmp_path), "--out", str(tmp_path / "c")]) == 2
    assert "not a run folder" in capsys.readouterr().err


def test_the_command_line_does_not_import_matplotlib_until_a_chart_is_drawn():
    import subprocess
    import sys
    probe = "import sys, arcsynth.cli.app; print('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_run_without_a_score_is_an_error_not_a_chart_without_it(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    hidden = write_dataset(tmp_path / "hidden", with_outputs=False)
    scored = write_run(tmp_path / "tiny", data)
    unscored = write_run(tmp_path / "low", hidden, level="low", known=False)
    assert main(["chart", str(scored), str(unscored), "--out", str(tmp_path / "c")]) == 2
    err = capsys.readouterr().err
    assert str(unscored) in err and "has no score" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "c" / "curve.png").exists()


def test_mixing_splits_is_warned_about(tmp_path, capsys):
    train, evaluation = write_dataset(tmp_path / "train"), write_dataset(tmp_path / "eval")
    runs = [str(write_run(tmp_path / "a", train)), str(write_run(tmp_path / "b", evaluation, level="low"))]
    assert main(["chart", *runs, "--out", str(tmp_path / "c")]) == 0
    err = capsys.readouterr().err
    assert "warning: the runs are on different data" in err and "not comparable" in err


def test_runs_on_one_split_give_no_warning(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    runs = [str(write_run(tmp_path / level, data, level=level)) for level in ("tiny", "low")]
    assert main(["chart", *runs, "--out", str(tmp_path / "c")]) == 0
    assert "different data" not in capsys.readouterr().err
