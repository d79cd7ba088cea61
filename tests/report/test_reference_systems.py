import json

import pytest

from arcsynth.errors import DataError
from arcsynth.report.reference_systems import REFERENCE_FILE, load_reference_systems


def test_every_reference_names_its_source_and_split():
    points = load_reference_systems(0.05)
    assert len(points) >= 6
    for point in points:
        assert point.source and point.split and 0 < point.score <= 1 and point.usd_per_task > 0
        assert "ARC-AGI-1" in point.split


def test_the_figures_the_chart_promises():
    by_name = {point.name: point for point in load_reference_systems(0.05)}
    o3_low = next(p for n, p in by_name.items() if n.startswith("OpenAI o3") and "low" in n)
    o3_high = next(p for n, p in by_name.items() if n.startswith("OpenAI o3") and "high" in n)
    assert o3_low.score == 0.757 and 17 <= o3_low.usd_per_task <= 20 and not o3_low.is_estimate
    assert o3_high.score == 0.875 and o3_high.cost_is_estimate and "172" in o3_high.source
    assert "semi-private" in o3_low.split
    human = next(p for n, p in by_name.items() if n.startswith("Human"))
    assert human.usd_per_task == 5.0 and "$5" in human.source


def test_cpu_second_costs_are_priced_at_our_price():
    cheap = {p.name: p.usd_per_task for p in load_reference_systems(0.05)}
    dear = {p.name: p.usd_per_task for p in load_reference_systems(0.10)}
    depth3 = next(n for n in cheap if "depth 3" in n)
    assert dear[depth3] == pytest.approx(2 * cheap[depth3])
    assert cheap[depth3] == pytest.approx(27.5 / 3600 * 0.05)


def test_a_bad_entry_is_a_data_error(tmp_path):
    raw = json.loads(REFERENCE_FILE.read_text())
    del raw["systems"][0]["source"]
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(DataError, match=r"systems\[0\]"):
        load_reference_systems(0.05, path)
