"""Task records as typed objects with a schema version: the harness's JSON layout is kept, records
written before the version existed are read as version 1, and a later version is refused."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from arcsynth.errors import DataError
from arcsynth.evaluate.records import RECORD_SCHEMA_VERSION, OutputAttempts, RecordedAttempt, TaskRecord
from arcsynth.evaluate.run_results import RESULTS_SCHEMA_VERSION
from arcsynth.report.run_view import load_run
from tests.report.run_factory import write_run

RECORD = TaskRecord(
    task_id="t1", status="ok", error=None, score=0.5, cpu_seconds=0.25, wall_seconds=0.5, usd=3.5e-6, nodes=120,
    test=(OutputAttempts((RecordedAttempt([[1, 2]], "O = flip_h(I)\n"),), True, [[1, 2]]),
          OutputAttempts((RecordedAttempt([[3]]), RecordedAttempt([[4]], "O = I\n")), False, [[5]])),
    stats={"complete_depth": 2}, solver="search", finished_at="2026-12-07T03:00:00+00:00")

# The keys the harness wrote before records were typed, and the version beside them.
V1_KEYS = {"task_id", "status", "error", "test", "score", "cpu_seconds", "wall_seconds", "usd", "nodes", "stats",
           "solver", "finished_at"}


def test_a_record_is_written_with_the_keys_it_had_and_its_version_and_read_back_equal(tmp_path):
    data = RECORD.to_json()
    assert set(data) == V1_KEYS | {"schema_version"} and data["schema_version"] == RECORD_SCHEMA_VERSION == 2
    assert data["test"][1] == {"attempts": [{"output": [[3]], "program": None}, {"output": [[4]], "program": "O = I\n"}],
                               "correct": False, "expected": [[5]]}
    assert TaskRecord.from_json(json.loads(json.dumps(data)), tmp_path / "t1.json") == RECORD
    retried = replace(RECORD, retries=2).to_json()
    assert retried["retries"] == 2 and TaskRecord.from_json(retried, tmp_path / "t1.json").retries == 2


def test_a_record_written_before_the_version_is_read_as_version_1(tmp_path):
    old = {key: value for key, value in RECORD.to_json().items() if key != "schema_version"}
    record = TaskRecord.from_json(old, tmp_path / "t1.json")
    assert record.schema_version == 1 and replace(record, schema_version=2) == RECORD


@pytest.mark.parametrize("version, reason", [(3, "newer than this arcsynth reads (up to 2)"),
                                             (0, "expected a positive integer"), ("2", "expected a positive integer")])
def test_a_record_of_an_unknown_version_is_refused_naming_the_file(tmp_path, version, reason):
    with pytest.raises(DataError, match=re.escape(reason)) as error:
        TaskRecord.from_json(RECORD.to_json() | {"schema_version": version}, tmp_path / "t1.json")
    assert error.value.file == str(tmp_path / "t1.json") and error.value.path == "schema_version"


def test_the_report_reads_old_run_folders_and_refuses_a_later_results_version(tmp_path):
    run_dir = write_run(tmp_path / "run", tmp_path / "data")  # records and results.json as written before the versions
    view = load_run(run_dir, with_tasks=False)
    assert all(record.schema_version == 1 for record in view.records.values()) and view.records
    results = json.loads((run_dir / "results.json").read_text())
    (run_dir / "results.json").write_text(json.dumps(results | {"schema_version": RESULTS_SCHEMA_VERSION + 1}))
    with pytest.raises(DataError, match="version 3 is newer") as error:
        load_run(run_dir, with_tasks=False)
    assert error.value.file == str(run_dir / "results.json")
