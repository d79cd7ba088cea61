"""Layer 4: execution-grounded program search at test time (never imports torch)."""

from arcsynth.search.attempts import choose_attempts
from arcsynth.search.core import search
from arcsynth.search.cost import CostModel
from arcsynth.search.kernel import SEARCH_LIMITS, SearchConfig
from arcsynth.search.result import Candidate, SearchResult, SearchStats

__all__ = ["search", "SearchConfig", "CostModel", "SearchResult", "SearchStats", "Candidate", "choose_attempts",
           "SEARCH_LIMITS"]
