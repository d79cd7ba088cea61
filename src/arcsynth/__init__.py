"""arcsynth: solve ARC-AGI tasks by test-time search over executable programs."""

__version__ = "0.1.0"
