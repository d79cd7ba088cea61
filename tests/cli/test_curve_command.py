import json

import pytest

from arcsynth.cli import main
from tests.report.run_factory import write_dataset


def test_curve_runs_each_level_and_draws_the_chart(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "curve"
    argv = ["curve", "--data", str(data), "--levels", "tiny,low,medium", "--limit", "2", "--solver", "transforms",
            "--workers", "1", "--out", str(out), "--quiet"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    for level in ("tiny", "low", "medium"):
        results = json.loads((out / level / "results.json").read_text())
        assert results["level"] == level and results["tasks"] == 2
    assert (out / "curve.png").stat().st_size > 0 and (out / "curve.svg").exists()
    assert [line.split()[0] for line in printed.splitlines()[1:4]] == ["tiny", "low", "medium"]

    # a second call resumes: the finished levels are not run again
    before = {p: p.stat().st_mtime_ns for p in out.glob("*/tasks/*.json")}
    assert main(argv) == 0
    assert {p: p.stat().st_mtime_ns for p in out.glob("*/tasks/*.json")} == before


def test_curve_rejects_unknown_levels(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["curve", "--levels", "tiny,huge"])
    assert exit_.value.code == 2 and "compute levels" in capsys.readouterr().err
