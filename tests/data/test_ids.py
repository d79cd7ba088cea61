import pytest

from arcsynth.data.ids import MAX_TASK_ID_LENGTH, check_task_id, is_safe_task_id, task_file_name
from arcsynth.errors import DataError


@pytest.mark.parametrize("task_id", ["007bbfb7", "a", "T_1-b.2", "x" * MAX_TASK_ID_LENGTH])
def test_safe_ids(task_id):
    assert is_safe_task_id(task_id)
    assert task_file_name(task_id) == f"{task_id}.json"


@pytest.mark.parametrize("task_id", ["", ".", "..", "../../pwned", "/an/absolute/path", "a/b", "a\\b", ".hidden",
                                     "-rf", "x" * (MAX_TASK_ID_LENGTH + 1), "a b", "a\nb", "é", "a\0b", 7, None])
def test_unsafe_ids_are_refused_naming_the_file_and_the_id(task_id):
    assert not is_safe_task_id(task_id)
    with pytest.raises(DataError) as caught:
        check_task_id(task_id, file="f.json")
    message = str(caught.value)
    assert message.startswith("f.json: task id ") and "not a safe task id" in message
    assert len(message) < 200
    with pytest.raises(DataError):
        task_file_name(task_id)


def test_a_long_or_non_string_id_is_shown_short():
    for task_id in (12345, ["x"] * 50, "y" * 500):
        with pytest.raises(DataError) as caught:
            check_task_id(task_id, file="f.json")
        assert len(str(caught.value)) < 200


def test_a_long_id_is_said_to_have_its_own_length_not_that_of_its_quotes():
    with pytest.raises(DataError, match=r"\(65 characters\)"):
        check_task_id("x" * 65, file="f.json")
