"""Expert iteration: the guide teaches itself from its own searches (AlphaZero style).

Two guides, two loops:
- prior_rounds.py: the per-task prior over operations (guide/), retrained on synthetic data plus
  the items the search's verified and hindsight-relabelled programs make (needs torch);
- state_rounds.py: the value model and the policy over states (search/value.py, search/policy.py),
  refitted on the traces (traces.py) of the search each round's weights steer (numpy only).
"""

from arcsynth.expert.prior_rounds import ExpertConfig, expert_iteration, round_items
from arcsynth.expert.state_fit import StateFitConfig
from arcsynth.expert.state_rounds import StateRoundsConfig, state_rounds

__all__ = ["ExpertConfig", "expert_iteration", "round_items", "StateFitConfig", "StateRoundsConfig", "state_rounds"]
