"""Tests of arcsynth.search.library."""
