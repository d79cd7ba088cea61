"""`arcsynth generate` writes synthetic items from the training splits, with progress on stderr."""

import json

from arcsynth.cli import main
from arcsynth.guide.splits import training_tasks


def test_writes_n_items_from_training_sources(tmp_path, capsys):
    out = tmp_path / "items.jsonl"
    assert main(["generate", "--n", "8", "--out", str(out), "--seed", "3"]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 8
    allowed = {task.id for task in training_tasks()}
    assert all(record["source"] in allowed for record in records)
    captured = capsys.readouterr()
    assert "generate: 8/8 items" in captured.err
    assert f"wrote 8 items" in captured.out


def test_same_seed_same_file(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    assert main(["generate", "--n", "5", "--out", str(first), "--seed", "7", "--arc1-only"]) == 0
    assert main(["generate", "--n", "5", "--out", str(second), "--seed", "7", "--arc1-only"]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_bad_options_are_one_line_and_exit_2(tmp_path, capsys):
    cases = [["generate", "--n", "0", "--out", str(tmp_path / "x.jsonl")],
             ["generate", "--n", "5"],
             ["generate", "--n", "5", "--out", str(tmp_path / "missing" / "x.jsonl")],
             ["generate", "--n", "5", "--out", str(tmp_path)],
             ["generate", "--n", "5", "--out", str(tmp_path / "x.jsonl"), "--seed", "-1"]]
    for argv in cases:
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code
        err = capsys.readouterr().err
        assert code == 2, argv
        assert err.count("\n") == 1 and "error" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())
