"""No color codes into a pipe, with NO_COLOR, or with --no-color; colors on a terminal."""

import io
import os
import subprocess
import sys

from arcsynth.cli import main
from arcsynth.cli.color import color_enabled
from tests.taskfiles import write_task_folder


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_color_only_on_a_terminal_without_no_color():
    assert color_enabled(_Tty(), environ={})
    assert not color_enabled(io.StringIO(), environ={})
    assert not color_enabled(_Tty(), environ={"NO_COLOR": "1"})
    assert color_enabled(_Tty(), environ={"NO_COLOR": ""})  # no-color.org: an empty value does not count
    assert not color_enabled(_Tty(), environ={"TERM": "dumb"})
    assert not color_enabled(_Tty(), refused=True, environ={})


def test_show_and_solve_write_no_escape_codes_into_a_pipe(tmp_path, capsys):
    data = write_task_folder(tmp_path / "data", 1)
    assert main(["show", str(data / "t00.json")]) == 0
    assert main(["solve", str(data / "t00.json"), "--solver", "transforms"]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "1 2 3" in out


def test_no_color_environment_variable_is_obeyed_even_on_a_terminal(tmp_path):
    data = write_task_folder(tmp_path / "data", 1)
    script = ("import sys; sys.stdout.isatty = lambda: True\n"
              "from arcsynth.cli import main; sys.exit(main(['show', sys.argv[1]]))")
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    colored = subprocess.run([sys.executable, "-c", script, str(data / "t00.json")], env=env,
                             capture_output=True, text=True, check=True).stdout
    assert "\x1b[48;2;" in colored
    plain = subprocess.run([sys.executable, "-c", script, str(data / "t00.json")], env={**env, "NO_COLOR": "1"},
                           capture_output=True, text=True, check=True).stdout
    assert "\x1b[" not in plain and "1 2 3" in plain
