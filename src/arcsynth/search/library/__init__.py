"""Learned operations: fragments of the system's own verified programs used by the search as one step.

    library = mine_library(programs, registry)          # mine.py: compression over verified programs
    registry = library_registry("bundled")               # learned.py: base primitives + learned ones
    program = inline_learned(found, registry)            # written back in base primitives
"""

from arcsynth.search.library.fragment import Fragment, Slot, inline_program
from arcsynth.search.library.learned import (BUNDLED, Library, LibraryRegistry, inline_learned, library_registry,
                                             library_to_json, load_library, priced)
from arcsynth.search.library.mine import MinerSettings, mine_library

__all__ = ["Fragment", "Slot", "inline_program", "Library", "LibraryRegistry", "load_library", "library_to_json",
           "library_registry", "priced", "inline_learned", "BUNDLED", "MinerSettings", "mine_library"]
