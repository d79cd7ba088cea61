import json

import numpy as np
import pytest

from arcsynth.errors import DataError
from arcsynth.guide.dataset_io import KEYS, item_to_json, read_jsonl, write_jsonl
from arcsynth.guide.synthetic import generate
from arcsynth.program import parse_program, print_program
from tests.guide.helpers import source_task

SOURCES = tuple(source_task(f"src{k}", k) for k in range(4))


@pytest.fixture(scope="module")
def items():
    return list(generate(12, 1, SOURCES))


def test_items_round_trip_through_jsonl(items, tmp_path):
    path = tmp_path / "items.jsonl"
    assert write_jsonl(items, path) == len(items)
    back = list(read_jsonl(path))
    assert len(back) == len(items)
    for before, after in zip(items, back):
        assert after.program == before.program and after.source == before.source
        assert after.augment == before.augment and after.task.id == before.task.id
        for a, b in zip((*before.task.train, *before.task.test), (*after.task.train, *after.task.test)):
            assert np.array_equal(a.input, b.input) and np.array_equal(a.output, b.output)
    assert not list(tmp_path.glob("*.part"))


def test_each_line_has_exactly_the_interface_keys(items, tmp_path):
    path = tmp_path / "items.jsonl"
    write_jsonl(items, path)
    lines = path.read_text().splitlines()
    assert len(lines) == len(items)
    for line, item in zip(lines, items):
        record = json.loads(line)
        assert tuple(record) == KEYS
        assert record["program"] == print_program(item.program)
        assert record["primitives"] == sorted(set(record["primitives"]))
        assert set(record["primitives"]) == set(item.program.primitive_names())
        assert set(record["constants"]) == {"colors", "ints"}
        assert len(record["test"]) == 1 and 3 <= len(record["train"]) <= 4
        assert all(set(pair) == {"input", "output"} for pair in record["train"] + record["test"])


def test_constants_are_the_literals_by_slot_type(items):
    program = parse_program("x1 = replace_color(I, 3, 4)\nO = upscale(x1, 2)\n")
    record = item_to_json(items[0].__class__(items[0].task, program, "src0", "id/0123456789"))
    assert record["constants"] == {"colors": [3, 4], "ints": [2]}
    assert record["primitives"] == ["replace_color", "upscale"]


@pytest.mark.parametrize("damage, words", [
    (lambda r: "{not json", "line 2: malformed JSON"),
    (lambda r: json.dumps({k: v for k, v in r.items() if k != "source"}), "line 2: missing key 'source'"),
    (lambda r: json.dumps({**r, "program": "O = nosuch(I)\n"}), "line 2: program:"),
    (lambda r: json.dumps({**r, "primitives": ["rot90"]}), "line 2: primitives or constants"),
    (lambda r: json.dumps({**r, "train": [{"input": [[1, 12]], "output": [[1]]}]}), "line 2: train[0].input"),
])
def test_a_bad_line_names_the_file_and_line(items, tmp_path, damage, words):
    path = tmp_path / "bad.jsonl"
    record = item_to_json(items[0])
    path.write_text(json.dumps(record) + "\n" + damage(record) + "\n")
    with pytest.raises(DataError) as caught:
        list(read_jsonl(path))
    assert str(path) in str(caught.value) and words in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        list(read_jsonl(tmp_path / "none.jsonl"))


def test_an_interrupted_write_leaves_no_file(items, tmp_path):
    def interrupted():
        yield items[0]
        raise KeyboardInterrupt
    with pytest.raises(KeyboardInterrupt):
        write_jsonl(interrupted(), tmp_path / "items.jsonl")
    assert not list(tmp_path.iterdir())


def test_a_gzip_file_reads_like_the_plain_one_and_a_damaged_one_is_a_data_error(items, tmp_path):
    import gzip
    plain = tmp_path / "items.jsonl"
    write_jsonl(items, plain)
    packed = tmp_path / "items.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert [item_to_json(i) for i in read_jsonl(packed)] == [item_to_json(i) for i in read_jsonl(plain)]
    damaged = tmp_path / "damaged.jsonl.gz"
    damaged.write_bytes(packed.read_bytes()[: len(packed.read_bytes()) // 2])
    with pytest.raises(DataError) as caught:
        list(read_jsonl(damaged))
    assert str(damaged) in str(caught.value) and "cannot read after line" in str(caught.value)
