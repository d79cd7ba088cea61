"""arcsynth/expert/state_rounds.py: expert rounds of the state guide, end to end at small budgets."""

from __future__ import annotations

import dataclasses
import json

import pytest

from arcsynth.cli import main
from arcsynth.data import load_dataset
from arcsynth.errors import UsageError
from arcsynth.expert import StateFitConfig, StateRoundsConfig, state_rounds
from arcsynth.guide.splits import LeakageError, heldout_fold
from arcsynth.search.policy import load_policy_model

EASY = ("a416b8f3", "68b16354", "3c9b0459", "6150a2bd")   # training split, outside the fold: one step each
CONFIG = StateRoundsConfig(rounds=1, nodes=300, pool_nodes=150, pool=10, samples=4, deep_samples=4,
                           fold_nodes=300, workers=1, fit=StateFitConfig(min_count=1, policy_steps=30))


@pytest.fixture(scope="module")
def arc1():
    return load_dataset("arc1-train")


def test_a_round_searches_fits_a_policy_and_measures_it_on_the_fold(arc1, tmp_path):
    tasks = [arc1.get(t) for t in EASY]
    fold = [arc1.get(t) for t in heldout_fold()[:2]]
    seen = []
    log = state_rounds(tmp_path, CONFIG, tasks=tasks, fold=fold, on_round=seen.append)
    assert [entry["round"] for entry in log] == [0, 1] and seen == log
    first = log[1]
    assert first["searched_with"] == "bundled" and first["tasks"] == 4
    assert first["tasks_solved"] == first["tasks_fitting"] == 4 == first["solved_traces"]
    lines = [json.loads(text) for text in (tmp_path / "round-1" / "traces.jsonl").read_text().splitlines()]
    assert [line["task"] for line in lines] == list(EASY) and all(line["test_right"] for line in lines)
    assert not set(heldout_fold()) & {line["task"] for line in lines}
    fold_results = json.loads((tmp_path / "round-1" / "fold.json").read_text())
    assert set(fold_results) == {task.id for task in fold}
    assert first["fold_found"] == sum(r["found"] for r in fold_results.values()) and first["fold_tasks"] == 2
    policy = load_policy_model(str(tmp_path / "policy.json"))
    first_steps = {op for line in lines for op in line["traces"][0]["path"][0]["next"]}
    assert all(line["traces"][0]["kind"] == "solved" for line in lines)
    assert first_steps <= set(policy.ops)   # what read each task's input next on its verified program
    assert not (tmp_path / "value.json").exists()     # the bundled value model stays unless refit_value
    assert json.loads((tmp_path / "rounds-log.json").read_text())["rounds"] == log


def test_an_interrupted_run_resumes_without_searching_again(arc1, tmp_path):
    tasks = [arc1.get(t) for t in EASY[:2]]
    fold = [arc1.get(heldout_fold()[0])]
    state_rounds(tmp_path, CONFIG, tasks=tasks, fold=fold)
    traces = tmp_path / "round-1" / "traces.jsonl"
    kept = traces.read_text().splitlines()[0]
    traces.write_text(kept + "\n" + '{"task": "cut sh')   # the second task's line cut short
    (tmp_path / "round-1" / "policy.json").unlink()
    log = state_rounds(tmp_path, CONFIG, tasks=tasks, fold=fold)
    lines = traces.read_text().splitlines()
    assert lines[0] == kept and [json.loads(text)["task"] for text in lines] == list(EASY[:2])
    assert log[1]["tasks_fitting"] == 2 and (tmp_path / "round-1" / "policy.json").exists()


def test_a_fold_task_among_the_training_tasks_is_refused_and_rounds_must_be_positive(arc1, tmp_path):
    with pytest.raises(LeakageError):
        state_rounds(tmp_path, CONFIG, tasks=[arc1.get(heldout_fold()[0])], fold=[])
    with pytest.raises(UsageError):
        state_rounds(tmp_path, StateRoundsConfig(rounds=0), tasks=[], fold=[])


@pytest.mark.slow
def test_the_train_command_runs_state_rounds(tmp_path, capsys):
    out = tmp_path / "states"
    code = main(["train", "--guide", "states", "--rounds", "1", "--task-limit", "2", "--fold-limit", "1",
                 "--nodes", "200", "--fold-nodes", "200", "--workers", "1", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0 and "round 0: bundled weights; fold" in printed and "round 1: " in printed
    assert (out / "policy.json").exists() and (out / "rounds-log.json").exists()


def test_the_train_command_refuses_a_missing_or_malformed_starting_policy(tmp_path, capsys):
    bad = tmp_path / "policy.json"
    bad.write_text('{"features": ["x"]')
    for path, says in ((tmp_path / "none.json", "no such file"), (bad, "not a policy's weights")):
        code = main(["train", "--guide", "states", "--rounds", "1", "--init-policy", str(path), "--out", str(tmp_path)])
        err = capsys.readouterr().err
        assert code == 2 and str(path) in err and says in err and "Traceback" not in err


def test_round_one_searches_with_the_starting_policy_given(arc1, tmp_path):
    start = tmp_path / "start.json"
    start.write_text(json.dumps(load_policy_model().to_json()))
    config = dataclasses.replace(CONFIG, init_policy=str(start))
    log = state_rounds(tmp_path / "run", config, tasks=[arc1.get(EASY[0])], fold=[arc1.get(heldout_fold()[0])])
    assert log[0]["weights"] == str(start) and log[1]["searched_with"] == str(start)
