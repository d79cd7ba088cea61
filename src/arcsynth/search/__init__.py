"""Layer 4: execution-grounded program search at test time (never imports torch)."""

from arcsynth.search.attempts import choose_attempts
from arcsynth.search.core import SEARCH_LIMITS, SearchConfig, search
from arcsynth.search.result import Candidate, SearchResult, SearchStats

__all__ = ["search", "SearchConfig", "SearchResult", "SearchStats", "Candidate", "choose_attempts",
           "SEARCH_LIMITS"]
