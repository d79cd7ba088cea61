import json

from arcsynth.cli import main
from tests.report.run_factory import TASKS, write_dataset, write_run


def test_export_default_folder_and_format(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    assert main(["export", str(run_dir), "--format", "arc-agi-benchmarking"]) == 0
    out_dir = run_dir / "arc-agi-benchmarking"
    assert capsys.readouterr().out.startswith(f"{out_dir}  (6 task files)")
    assert sorted(p.stem for p in out_dir.glob("*.json")) == sorted(TASKS)
    pairs = json.loads((out_dir / "a1solved.json").read_text())
    assert set(pairs[0]) == {"attempt_1", "attempt_2"}


def test_export_rejects_an_unknown_format(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    assert main_exit(["export", str(run_dir), "--format", "kaggle"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def main_exit(argv):
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code
