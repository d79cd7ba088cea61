from arcsynth.search.clock import Clock


def test_clock_stops_on_nodes_and_on_cpu():
    ticks = iter([0.0, 0.5, 0.7, 2.0])
    clock = Clock(cpu_seconds=1.0, clock=lambda: next(ticks))
    assert clock.spend(1) and not clock.expired() and not clock.spend(1) and clock.stopped == "budget-cpu"
    nodes = Clock(max_nodes=5)
    assert nodes.spend(5) and not nodes.spend(1) and nodes.stopped == "budget-nodes" and not nodes.spend(0)


def test_clock_elapsed_counts_from_its_start():
    ticks = iter([10.0, 10.25])
    clock = Clock(clock=lambda: next(ticks))
    assert clock.elapsed == 0.25 and clock.spend(1_000_000) and clock.nodes == 1_000_000
