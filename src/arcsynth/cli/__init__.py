"""The command line: a thin shell over the library (parse, build configs, call, print)."""

from arcsynth.cli.app import main

__all__ = ["main"]
