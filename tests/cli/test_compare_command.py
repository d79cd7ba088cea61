from arcsynth.cli import main
from tests.report.run_factory import write_dataset, write_run


def test_compare_prints_deltas_and_task_changes(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    a = write_run(tmp_path / "a", data)
    b = write_run(tmp_path / "b", data, cpu_scale=10)
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "score" in out and "usd per 1,000 tasks" in out and "(x10)" in out
    assert "gained 0, lost 0" in out


def test_compare_with_a_missing_run_is_exit_2(tmp_path, capsys):
    a = write_run(tmp_path / "a", write_dataset(tmp_path / "data"))
    assert main(["compare", str(a), str(tmp_path / "missing")]) == 2
    assert "no such run folder" in capsys.readouterr().err
