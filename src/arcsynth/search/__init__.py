"""Layer 4: execution-grounded program search at test time (never imports torch)."""

from arcsynth.search.attempts import choose_attempts
from arcsynth.search.cost import CostModel
from arcsynth.search.core import SearchConfig, search
from arcsynth.search.kernel import SEARCH_LIMITS, KernelConfig
from arcsynth.search.result import Candidate, SearchResult, SearchStats

__all__ = ["search", "SearchConfig", "KernelConfig", "CostModel", "SearchResult", "SearchStats", "Candidate",
           "choose_attempts", "SEARCH_LIMITS"]
