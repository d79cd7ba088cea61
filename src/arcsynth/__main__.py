"""`python -m arcsynth` is the `arcsynth` command."""

import sys

from arcsynth.cli import main

sys.exit(main())
