"""The best-first kernel's own pricing: the size discount (the policy and value terms have
tests/search/test_policy.py and test_value.py)."""

from arcsynth.budget import Budget
from arcsynth.data import load_dataset
from arcsynth.dsl.registry import default_registry
from arcsynth.search import CostModel, KernelConfig, SearchConfig
from arcsynth.search.core import run_kernel
from arcsynth.search.depth2 import one_step_size_rules

REGISTRY = default_registry()
COSTS = CostModel.uniform(sorted(REGISTRY))
RULES = one_step_size_rules(REGISTRY, {})


def _kernel(task, discount: float, nodes: int):
    config = SearchConfig(kernel=KernelConfig(value_weight=0.0, size_step_discount=discount))
    return run_kernel(task, REGISTRY, COSTS, Budget(max_nodes=nodes), config, None, None, RULES)


def test_the_size_discount_prices_an_operation_that_takes_a_state_to_the_outputs_size():
    # 8f2ea7aa: crop the 3x3 pattern out of the 9x9 input, then self_kron makes the 9x9 output.
    task = load_dataset("arc1-train").get("8f2ea7aa").without_test_outputs()
    plain, discounted = _kernel(task, 0.0, 1000), _kernel(task, 0.75, 1000)
    assert not plain.solutions
    assert discounted.solutions
    node, _ = discounted.solutions[0]
    assert node.prim == "self_kron" and node.args[0].values[0].shape == (3, 3)
    # The discounted step costs a quarter of its operation's price.
    assert abs(node.cost - (node.args[0].cost + 0.25 * COSTS.op["self_kron"])) < 1e-9


def test_states_of_the_outputs_size_get_no_discount():
    task = load_dataset("arc1-train").get("8f2ea7aa").without_test_outputs()
    kernel = _kernel(task, 0.75, 300)
    assert kernel.size_extras[kernel.target_shapes] is None
    assert (kernel.size_extras[((3, 3),) * 3] < 0).sum() >= 1


def test_the_size_discount_is_deterministic_under_a_node_budget():
    task = load_dataset("arc1-train").get("80af3007").without_test_outputs()
    runs = [_kernel(task, 0.75, 800) for _ in range(2)]
    assert [n.prim for n in runs[0].nodes] == [n.prim for n in runs[1].nodes]
    assert [round(n.cost, 9) for n in runs[0].nodes] == [round(n.cost, 9) for n in runs[1].nodes]
