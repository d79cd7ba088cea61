import json

import pytest

from arcsynth.cli import main
from tests.guide.helpers import write_items


def test_train_writes_weights_and_log(tmp_path, capsys):
    pytest.importorskip("torch")
    data = write_items(tmp_path / "d.jsonl", 16)
    out = tmp_path / "guide"
    code = main(["train", "--data", str(data), "--out", str(out), "--epochs", "1", "--model", "baseline", "--quiet"])
    assert code == 0
    assert (out / "guide.npz").is_file() and (out / "checkpoint-001.pt").is_file()
    log = json.loads((out / "train-log.json").read_text())
    assert log["kind"] == "baseline" and len(log["history"]) == 1
    assert "guide.npz" in capsys.readouterr().out


def test_train_on_a_bad_file_is_one_line_and_exit_2(tmp_path, capsys):
    pytest.importorskip("torch")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    assert main(["train", "--data", str(bad), "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and len(err.strip().splitlines()) == 1
    assert main(["train", "--data", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")]) == 2


@pytest.mark.parametrize("prior", ["uniform", "guide"])
def test_eval_records_the_prior_of_every_task(tmp_path, capsys, prior):
    out = tmp_path / "run"
    code = main(["eval", "--data", "arc1-train", "--limit", "2", "--out", str(out), "--quiet", "--workers", "1",
                 "--nodes", "300", "--prior", prior])
    assert code == 0
    records = [json.loads(p.read_text()) for p in (out / "tasks").iterdir()]
    assert len(records) == 2 and all(r["stats"]["prior"] == prior for r in records)


def test_prior_with_a_solver_that_takes_none_is_a_usage_error(tmp_path, capsys):
    code = main(["solve", "007bbfb7", "--data", "arc1-train", "--solver", "transforms", "--prior", "uniform"])
    assert code == 2
    assert "takes no prior" in capsys.readouterr().err
