"""The README stays true: its set-up commands, the expected `make run` output, and the files it
links (design document, report picture, license, citation) are in the repository."""

import re
from pathlib import Path

from arcsynth.cli.summary import format_summary
from arcsynth.evaluate.run_results import RunResults

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_two_set_up_commands_are_make_targets_doing_what_the_readme_says():
    block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = makefile[makefile.index("\nrun:"):].split("\n\n")[0]
    assert "eval --data arc1-eval --limit 40" in run_recipe and "report $(RUN_DIR)" in run_recipe
    assert "first 40 ARC-AGI-1 evaluation tasks" in block
    assert "pytest" in makefile[makefile.index("\ntest:"):].split("\n\n")[0]


def test_linked_files_exist_inside_the_repository():
    links = re.findall(r"\]\(([^)#]+)\)", README)
    local = [link for link in links if not link.startswith("http")]
    assert {"docs/DESIGN.md", "docs/report.png", "LICENSE", "CITATION.cff"} <= set(local)
    for link in local:
        assert (ROOT / link).is_file(), link
    assert "../shared" not in README
    assert (ROOT / "docs" / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "## Layers and what may import what" in (ROOT / "docs" / "DESIGN.md").read_text()
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    citation = (ROOT / "CITATION.cff").read_text()
    assert citation.startswith("cff-version: 1.2.0") and "\ntitle: " in citation and "\nlicense: MIT" in citation


def test_the_expected_make_run_output_has_the_rows_the_summary_prints():
    shown = README[README.index("What `make run` prints"):]
    block = shown.split("```")[1].strip().splitlines()
    results = RunResults(data="arc1-eval", data_version="v", solver="search", level="tiny", budget_seconds=1.0,
                         budget_nodes=None, tasks_finished=40, tasks=40, test_outputs=41, statuses={"ok": 40},
                         score=0.225, score_strict=0.225, score_per_output=0.22, cpu_seconds_per_task=0.996,
                         wall_seconds_per_task=1.007, usd_per_task=1.3829e-05, price_per_cpu_hour=0.05,
                         usd_total=0.000553, cpu_seconds_total=39.8, complete=True)
    printed = format_summary(results, "runs/main-<timestamp>").splitlines()
    names = [line[:20].strip() for line in printed]
    assert [line[:20].strip() for line in block[:len(printed)]] == names
    assert block[len(printed)] == "runs/main-<timestamp>/report.html"
    # the cost row reads the way the summary writes it
    assert printed[7] == block[7]


def test_the_curve_cost_stated_in_the_readme_is_what_curve_says():
    from arcsynth.cli.curve_command import DEFAULT_LEVELS, cost_statement
    said = cost_statement(DEFAULT_LEVELS, 400, 2, 0.05)
    for figure in ("111 CPU-s per task", "44,400 CPU-s", "12.3 CPU-hours", "$0.617", "6.2 hours"):
        assert figure in said and figure in README.replace("\n", " "), figure
