import json
import shutil
from pathlib import Path

import pytest

from arcsynth.cli import main
from tests.report.run_factory import write_dataset, write_run


def test_report_writes_into_the_run_folder_and_prints_the_path(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    assert main(["report", str(run_dir)]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed == str(run_dir / "report.html")
    assert (run_dir / "report.html").read_text().count('<article class="card"') == 6


def test_report_out_option(tmp_path, capsys):
    run_dir = write_run(tmp_path / "run", write_dataset(tmp_path / "data"))
    out = tmp_path / "pages" / "r.html"
    assert main(["report", str(run_dir), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out) and out.exists()


def test_report_of_a_missing_folder_is_one_line_and_exit_2(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no such run folder" in err and "Traceback" not in err


def test_report_after_a_real_eval(tmp_path, capsys):
    data = write_dataset(tmp_path / "data")
    out = tmp_path / "run"
    assert main(["eval", "--data", str(data), "--out", str(out), "--workers", "1", "--solver", "transforms",
                 "--quiet"]) == 0
    capsys.readouterr()
    assert main(["report", str(out)]) == 0
    page = (out / "report.html").read_text()
    assert page.count('<article class="card"') == json.loads((out / "results.json").read_text())["tasks"]


@pytest.mark.parametrize("folder", ["first-harness", "session-7"])
def test_report_of_a_run_folder_an_older_arcsynth_wrote(tmp_path, capsys, folder):
    """Real folders: the first harness's (b1f8198, no schema_version, fewer keys) and session 7's (8e6e78c)."""
    run_dir = shutil.copytree(Path(__file__).parents[1] / "fixtures" / "run_folders" / folder, tmp_path / folder)
    assert main(["report", str(run_dir), "--out", str(tmp_path / "r.html")]) == 0, capsys.readouterr().err
    page = (tmp_path / "r.html").read_text()
    assert "score</dt><dd>50.0%<" in page and "statuses</dt><dd>ok 2<" in page and "2/2 finished" in page
